/**
 * Merges several federation subgraphs (SDL + resolvers + context) into one schema for the monolith reference.
 *
 * `buildSubgraphSchema` over the modules as-is fails ("There can be only one type named Money"): every subgraph
 * declares the shared scalars and its own `type Household @key(fields: "id")`. So the SDL is merged here first
 * (object/interface/input fields and enum values united, shared definitions kept once, @external placeholders
 * dropped in favour of the owner's field), and each resolver is wrapped so that it sees its own subgraph's
 * context and the parent object its own subgraph would have built: an entity object made by another subgraph is
 * turned into this subgraph's object through this subgraph's `__resolveReference` (with @requires fields
 * resolved from their owner), which is what the gateway does with `_entities`, minus the HTTP hop.
 */
import {
  defaultFieldResolver,
  GraphQLScalarType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  print,
  type ArgumentNode,
  type DirectiveNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type EnumValueDefinitionNode,
  type FieldDefinitionNode,
  type GraphQLInputType,
  type GraphQLResolveInfo,
  type InputValueDefinitionNode,
  type NamedTypeNode,
  type StringValueNode,
  type TypeNode,
} from 'graphql';

/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyResolver = (parent: any, args: any, context: any, info: GraphQLResolveInfo) => unknown;
type ReferenceResolver = (reference: any, context: any, info: GraphQLResolveInfo) => unknown;

export interface SubgraphPart {
  name: string;
  typeDefs: DocumentNode;
  resolvers: Record<string, any>;
}

interface MergedType {
  kind: 'object' | 'interface' | 'input' | 'enum' | 'other';
  node: DefinitionNode;
  description?: StringValueNode;
  directives: ConstDirectiveNode[];
  interfaces: NamedTypeNode[];
  fields: Map<string, { node: FieldDefinitionNode | InputValueDefinitionNode; owner: string; external: boolean }>;
  values: Map<string, EnumValueDefinitionNode>;
}

export interface MergedSchema {
  typeDefs: DocumentNode;
  resolvers: Record<string, any>;
  /** Entity types (with @key) and, per subgraph, the key field names it uses. */
  entities: Map<string, Set<string>>;
  /** Type → field → subgraph that resolves it. */
  owners: Map<string, Map<string, string>>;
}

const FEDERATION_FIELD_DIRECTIVES = new Set(['external', 'requires', 'provides', 'override']);
const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

function stringArgument(directive: DirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((a: ArgumentNode) => a.name.value === name);
  return argument?.value.kind === Kind.STRING ? argument.value.value : undefined;
}

/** Top-level field names of a FieldSet such as "id" or "code population" (nested selections ignored). */
export function topLevelFields(fieldSet: string): string[] {
  const names: string[] = [];
  let depth = 0;
  for (const token of fieldSet.replace(/([{}])/g, ' $1 ').split(/\s+/).filter(Boolean)) {
    if (token === '{') depth += 1;
    else if (token === '}') depth -= 1;
    else if (depth === 0) names.push(token);
  }
  return names;
}

export interface FieldSelection {
  name: string;
  selections?: FieldSelection[];
}

/** Parses a FieldSet such as "disabilityGrade household { receivesDibao }" into a tree. */
export function parseFieldSet(fieldSet: string): FieldSelection[] {
  const tokens = fieldSet.replace(/([{}])/g, ' $1 ').split(/\s+/).filter(Boolean);
  let index = 0;
  const level = (): FieldSelection[] => {
    const out: FieldSelection[] = [];
    while (index < tokens.length && tokens[index] !== '}') {
      const name = tokens[index++]!;
      if (tokens[index] === '{') {
        index += 1;
        out.push({ name, selections: level() });
        index += 1; // the closing brace
      } else out.push({ name });
    }
    return out;
  };
  return level();
}

function namedType(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type);
}

export function mergeSubgraphs(parts: SubgraphPart[]): MergedSchema {
  const types = new Map<string, MergedType>();
  const order: string[] = [];
  // One federation @link (the newest version, the union of imports); other specs (the hub's access directives) by URL.
  const linkImports = new Map<string, string>();
  let linkUrl = 'https://specs.apollo.dev/federation/v2.7';
  const otherLinks = new Map<string, Set<string>>();
  const directiveDefinitions = new Map<string, DefinitionNode>();
  const entities = new Map<string, Set<string>>();
  const requires = new Map<string, FieldSelection[]>(); // "Type.field" → required fields

  for (const part of parts) {
    for (const definition of part.typeDefs.definitions) {
      if (definition.kind === Kind.SCHEMA_EXTENSION || definition.kind === Kind.SCHEMA_DEFINITION) {
        for (const directive of definition.directives ?? []) {
          if (directive.name.value !== 'link') continue;
          const url = stringArgument(directive, 'url');
          const imports = directive.arguments?.find((a) => a.name.value === 'import')?.value;
          const values = imports?.kind === Kind.LIST ? imports.values.map((value) => print(value)) : [];
          if (url?.includes('/federation/')) {
            linkUrl = url > linkUrl ? url : linkUrl;
            for (const value of values) linkImports.set(value, value);
          } else if (url) {
            const known = otherLinks.get(url) ?? new Set<string>();
            for (const value of values) known.add(value);
            otherLinks.set(url, known);
          }
        }
        continue;
      }
      if (definition.kind === Kind.DIRECTIVE_DEFINITION) {
        if (!directiveDefinitions.has(definition.name.value)) directiveDefinitions.set(definition.name.value, definition);
        continue;
      }
      if (!('name' in definition) || !definition.name) continue;
      const name = definition.name.value;
      let merged = types.get(name);
      const kind: MergedType['kind'] =
        definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION ? 'object'
        : definition.kind === Kind.INTERFACE_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_EXTENSION ? 'interface'
        : definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_EXTENSION ? 'input'
        : definition.kind === Kind.ENUM_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_EXTENSION ? 'enum'
        : 'other';
      if (!merged) {
        merged = { kind, node: definition, directives: [], interfaces: [], fields: new Map(), values: new Map() };
        types.set(name, merged);
        order.push(name);
      }
      if (!merged.description && 'description' in definition && definition.description) merged.description = definition.description;
      const printed = new Set(merged.directives.map((d) => print(d)));
      for (const directive of ('directives' in definition ? definition.directives : undefined) ?? []) {
        if (directive.name.value === 'key') {
          const keys = entities.get(name) ?? new Set<string>();
          for (const field of topLevelFields(stringArgument(directive, 'fields') ?? '')) keys.add(field);
          entities.set(name, keys);
        }
        if (!printed.has(print(directive))) merged.directives.push(directive as ConstDirectiveNode);
      }
      if ('interfaces' in definition) {
        for (const iface of definition.interfaces ?? []) {
          if (!merged.interfaces.some((i) => i.name.value === iface.name.value)) merged.interfaces.push(iface);
        }
      }
      if ('values' in definition) {
        for (const value of definition.values ?? []) if (!merged.values.has(value.name.value)) merged.values.set(value.name.value, value);
      }
      if ('fields' in definition) {
        for (const field of definition.fields ?? []) {
          const fieldName = field.name.value;
          const directives = field.directives ?? [];
          const external = directives.some((d) => d.name.value === 'external');
          const required = directives.find((d) => d.name.value === 'requires');
          if (required) requires.set(`${name}.${fieldName}`, parseFieldSet(stringArgument(required, 'fields') ?? ''));
          const stripped = { ...field, directives: directives.filter((d) => !FEDERATION_FIELD_DIRECTIVES.has(d.name.value)) } as typeof field;
          const existing = merged.fields.get(fieldName);
          if (!existing || (existing.external && !external)) merged.fields.set(fieldName, { node: stripped, owner: part.name, external });
        }
      }
    }
  }

  const link = (url: string, imports: Iterable<string>) => ({
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: 'link' },
    arguments: [
      { kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'url' }, value: { kind: Kind.STRING, value: url } },
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'import' },
        value: { kind: Kind.LIST, values: [...imports].map((value) => ({ kind: Kind.STRING, value: JSON.parse(value) as string })) },
      },
    ],
  });
  const definitions: DefinitionNode[] = [];
  definitions.push({
    kind: Kind.SCHEMA_EXTENSION,
    directives: [link(linkUrl, linkImports.keys()), ...[...otherLinks].map(([url, imports]) => link(url, imports))],
  } as DefinitionNode);
  definitions.push(...directiveDefinitions.values());
  for (const name of order) {
    const merged = types.get(name)!;
    const base = { name: { kind: Kind.NAME as const, value: name }, description: merged.description, directives: merged.directives };
    if (merged.kind === 'object') {
      definitions.push({ ...base, kind: Kind.OBJECT_TYPE_DEFINITION, interfaces: merged.interfaces, fields: [...merged.fields.values()].map((f) => f.node as FieldDefinitionNode) });
    } else if (merged.kind === 'interface') {
      definitions.push({ ...base, kind: Kind.INTERFACE_TYPE_DEFINITION, interfaces: merged.interfaces, fields: [...merged.fields.values()].map((f) => f.node as FieldDefinitionNode) });
    } else if (merged.kind === 'input') {
      definitions.push({ ...base, kind: Kind.INPUT_OBJECT_TYPE_DEFINITION, fields: [...merged.fields.values()].map((f) => f.node as InputValueDefinitionNode) });
    } else if (merged.kind === 'enum') {
      definitions.push({ ...base, kind: Kind.ENUM_TYPE_DEFINITION, values: [...merged.values.values()] });
    } else {
      definitions.push(merged.node);
    }
  }

  const owners = new Map<string, Map<string, string>>();
  for (const [name, merged] of types) {
    if (merged.kind === 'object' || merged.kind === 'interface') owners.set(name, new Map([...merged.fields].map(([field, f]) => [field, f.owner])));
  }
  const resolvers = mergeResolvers(parts, types, owners, entities, requires);
  return { typeDefs: { kind: Kind.DOCUMENT, definitions }, resolvers, entities, owners };
}

/**
 * A subgraph may parse a shared scalar its own way (safety hands Date arguments over as strings, the shared
 * scalar as JS Dates). One schema has one scalar per name, so such a subgraph's arguments are re-parsed with
 * its own scalar: merged parse → merged serialize → its parseValue.
 */
function convertInput(value: unknown, type: GraphQLInputType, own: Record<string, GraphQLScalarType>, merged: Record<string, GraphQLScalarType>): unknown {
  if (value === null || value === undefined) return value;
  if (isNonNullType(type)) return convertInput(value, type.ofType, own, merged);
  if (isListType(type)) return Array.isArray(value) ? value.map((v) => convertInput(v, type.ofType, own, merged)) : convertInput(value, type.ofType, own, merged);
  if (isScalarType(type)) {
    const mine = own[type.name];
    return mine ? mine.parseValue(merged[type.name]!.serialize(value)) : value;
  }
  if (isInputObjectType(type)) {
    const out: Record<string, unknown> = {};
    const fields = type.getFields();
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = fields[key] ? convertInput(v, fields[key].type, own, merged) : v;
    return out;
  }
  return value;
}

function mergeResolvers(
  parts: SubgraphPart[],
  types: Map<string, MergedType>,
  owners: Map<string, Map<string, string>>,
  entities: Map<string, Set<string>>,
  requires: Map<string, FieldSelection[]>,
): Record<string, any> {
  const byName = new Map(parts.map((part) => [part.name, part.resolvers]));
  const referenceResolvers = (module: string, type: string): ReferenceResolver | undefined => byName.get(module)?.[type]?.__resolveReference;
  // Which subgraph built an entity object, so its own fields need no conversion.
  const builtBy = new WeakMap<object, string>();
  const converted = new WeakMap<object, Map<string, Promise<unknown>>>();
  const mark = (module: string, value: unknown): unknown => {
    if (Array.isArray(value)) for (const item of value) mark(module, item);
    else if (value && typeof value === 'object' && !builtBy.has(value)) builtBy.set(value, module);
    return value;
  };
  const merged: Record<string, any> = {};
  // Per subgraph, the scalars it parses differently from the merged schema (filled once scalars are merged).
  const ownScalars = new Map<string, Record<string, GraphQLScalarType>>();
  const mergedScalars: Record<string, GraphQLScalarType> = {};
  const withOwnArgs = (owner: string, call: AnyResolver): AnyResolver => {
    const own = ownScalars.get(owner);
    if (!own || Object.keys(own).length === 0) return call;
    return (parent, args, context, info) => {
      const field = info.parentType.getFields()[info.fieldName]!;
      const converted: Record<string, unknown> = { ...args };
      for (const arg of field.args) if (arg.name in converted) converted[arg.name] = convertInput(converted[arg.name], arg.type, own, mergedScalars);
      return call(parent, converted, context, info);
    };
  };

  const resolveField = (type: string, field: string, parent: any, context: any, info: GraphQLResolveInfo): unknown => {
    const resolver = merged[type]?.[field] as AnyResolver | undefined;
    return resolver ? resolver(parent, {}, context, info) : parent?.[field];
  };

  /** The parent as `module` would have it: its own object, or the one its __resolveReference makes. */
  const fieldType = (type: string, field: string): string | undefined => {
    const node = types.get(type)?.fields.get(field)?.node;
    return node ? namedType(node.type) : undefined;
  };
  /** The values of a @requires FieldSet, resolved by their owners, shaped as the gateway would send them. */
  const required = async (type: string, parent: any, selections: FieldSelection[], context: any, info: GraphQLResolveInfo): Promise<Record<string, unknown>> => {
    const out: Record<string, unknown> = {};
    for (const selection of selections) {
      const value = await resolveField(type, selection.name, parent, context, info);
      const inner = selection.selections;
      const innerType = fieldType(type, selection.name);
      if (!inner || !innerType || value === null || value === undefined) out[selection.name] = value;
      else if (Array.isArray(value)) out[selection.name] = await Promise.all(value.map((v) => required(innerType, v, inner, context, info)));
      else out[selection.name] = await required(innerType, value, inner, context, info);
    }
    return out;
  };

  const asBuiltBy = (module: string, type: string, parent: any, context: any, info: GraphQLResolveInfo, needed: FieldSelection[]): unknown => {
    if (parent === null || parent === undefined || (builtBy.get(parent) === module && needed.length === 0)) return parent;
    const key = `${module}|${JSON.stringify(needed)}`;
    let cache = converted.get(parent);
    if (!cache) converted.set(parent, (cache = new Map()));
    let pending = cache.get(key);
    if (!pending) {
      pending = (async () => {
        const reference: Record<string, unknown> = { __typename: type };
        for (const field of entities.get(type) ?? []) if (field in parent) reference[field] = parent[field];
        Object.assign(reference, await required(type, parent, needed, context, info));
        const resolve = referenceResolvers(module, type);
        const value = resolve ? await resolve(reference, context[module], info) : reference;
        return mark(module, value);
      })();
      cache.set(key, pending);
    }
    return pending;
  };

  for (const [typeName, merged_] of types) {
    if (merged_.kind !== 'other') continue;
    const first = parts.map((p) => p.resolvers[typeName]).find((r) => r instanceof GraphQLScalarType) as GraphQLScalarType | undefined;
    if (!first) continue;
    mergedScalars[typeName] = first;
    for (const part of parts) {
      const mine = part.resolvers[typeName];
      if (mine instanceof GraphQLScalarType && mine !== first) ownScalars.set(part.name, { ...ownScalars.get(part.name), [typeName]: mine });
    }
  }

  for (const [typeName, merged_] of types) {
    if (merged_.kind === 'enum' || merged_.kind === 'other') {
      // Scalars and enum value maps: the first subgraph that supplies one wins (they are shared verbatim).
      for (const part of parts) {
        const value = part.resolvers[typeName];
        if (value !== undefined && merged[typeName] === undefined) merged[typeName] = value;
      }
      if (merged_.kind === 'other' && merged[typeName] && !(merged[typeName] instanceof GraphQLScalarType) && typeof merged[typeName] === 'object') {
        // unions: __resolveType with the owner's context
        const resolveType = merged[typeName].__resolveType as AnyResolver | undefined;
        const owner = parts.find((p) => p.resolvers[typeName]?.__resolveType)?.name;
        if (resolveType && owner) merged[typeName] = { __resolveType: (value: any, context: any, info: any) => (resolveType as any)(value, context[owner], info) };
      }
      continue;
    }
    if (merged_.kind === 'input') continue;
    const fieldOwners = owners.get(typeName)!;
    const isEntity = entities.has(typeName) && !ROOT_TYPES.has(typeName);
    const keyFields = entities.get(typeName) ?? new Set<string>();
    const typeResolvers: Record<string, unknown> = {};
    for (const [fieldName, { node }] of merged_.fields) {
      const owner = fieldOwners.get(fieldName)!;
      const explicit = byName.get(owner)?.[typeName]?.[fieldName] as AnyResolver | undefined;
      const returnsEntity = entities.has(namedType((node as FieldDefinitionNode).type));
      const convert = isEntity && !keyFields.has(fieldName);
      const needed = requires.get(`${typeName}.${fieldName}`) ?? [];
      if (!explicit && !convert && !returnsEntity) continue;
      const call = explicit ? withOwnArgs(owner, explicit) : (defaultFieldResolver as AnyResolver);
      if (!convert) {
        typeResolvers[fieldName] = returnsEntity
          ? (parent: any, args: any, context: any, info: GraphQLResolveInfo) => {
              const value = call(parent, args, context[owner], info);
              return value instanceof Promise ? value.then((v) => mark(owner, v)) : mark(owner, value);
            }
          : (parent: any, args: any, context: any, info: GraphQLResolveInfo) => call(parent, args, context[owner], info);
        continue;
      }
      typeResolvers[fieldName] = async (parent: any, args: any, context: any, info: GraphQLResolveInfo) => {
        const source = await asBuiltBy(owner, typeName, parent, context, info, needed);
        if (source === null || source === undefined) return null;
        const value = await call(source, args, context[owner], info);
        return returnsEntity ? mark(owner, value) : value;
      };
    }
    // Interfaces: the first subgraph's __resolveType; entities: the reference resolver of the subgraph owning most fields.
    const resolveTypeOwner = parts.find((p) => p.resolvers[typeName]?.__resolveType)?.name;
    if (resolveTypeOwner) {
      const resolveType = byName.get(resolveTypeOwner)![typeName].__resolveType as ReferenceResolver;
      typeResolvers.__resolveType = (value: any, context: any, info: GraphQLResolveInfo) => resolveType(value, context[resolveTypeOwner], info);
    }
    if (isEntity) {
      const counts = new Map<string, number>();
      for (const owner of fieldOwners.values()) counts.set(owner, (counts.get(owner) ?? 0) + 1);
      const main = [...counts].sort((a, b) => b[1] - a[1]).map(([name]) => name).find((name) => referenceResolvers(name, typeName));
      if (main) {
        const resolve = referenceResolvers(main, typeName)!;
        typeResolvers.__resolveReference = async (reference: any, context: any, info: GraphQLResolveInfo) => mark(main, await resolve(reference, context[main], info));
      }
    }
    if (Object.keys(typeResolvers).length) merged[typeName] = typeResolvers;
  }
  return merged;
}
