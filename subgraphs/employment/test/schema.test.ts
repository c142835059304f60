import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, visit, type ASTNode } from 'graphql';

const SDL = readFileSync(path.resolve(__dirname, '../../../schema/employment.graphql'), 'utf8');

/** "English sentence (中文术语)." */
const BILINGUAL = /[A-Za-z].*\(.*[\u4e00-\u9fff].*\)/s;

describe('employment SDL', () => {
  it('describes every type, field, argument, input field and enum value in English and Chinese', () => {
    const missing: string[] = [];
    const check = (node: ASTNode & { description?: { value: string } | undefined; name?: { value: string } }, where: string): void => {
      if (!node.description || !BILINGUAL.test(node.description.value)) missing.push(where);
    };
    const ast = parse(SDL);
    for (const definition of ast.definitions) {
      if (!('name' in definition) || !definition.name) continue;
      const type = definition.name.value;
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !['Query', 'Mutation'].includes(type)) check(definition, type);
      visit(definition, {
        FieldDefinition: (field) => {
          check(field, `${type}.${field.name.value}`);
          for (const arg of field.arguments ?? []) check(arg, `${type}.${field.name.value}(${arg.name.value})`);
        },
        InputValueDefinition: (input, _key, parent) => {
          if (definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION && parent) check(input, `${type}.${input.name.value}`);
        },
        EnumValueDefinition: (value) => check(value, `${type}.${value.name.value}`),
      });
    }
    expect(missing).toEqual([]);
  });

  it('adds only nullable fields to the shared entities Household, Person and Region', () => {
    const ast = parse(SDL);
    const nonNull: string[] = [];
    for (const definition of ast.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !['Household', 'Person', 'Region'].includes(definition.name.value)) continue;
      for (const field of definition.fields ?? []) {
        const key = field.name.value === 'id' || field.name.value === 'code';
        if (!key && field.type.kind === Kind.NON_NULL_TYPE) nonNull.push(`${definition.name.value}.${field.name.value}`);
      }
    }
    expect(nonNull).toEqual([]);
  });
});
