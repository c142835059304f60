import fc from 'fast-check';
import { Client } from 'pg';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLInputObjectType,
  type GraphQLObjectType,
} from 'graphql';

/** The four PostgreSQL schemas of the hub, one per subgraph. */
export const HUB_SCHEMAS = ['community', 'civil_affairs', 'employment', 'safety'];

/** Real keys found in the database, so some generated inputs get past "not found" into deeper validation. */
export interface KeyPools {
  /** UUIDs per table name, e.g. household → [...]. */
  byTable: Map<string, string[]>;
  /** Every sampled UUID. */
  all: string[];
  regionCodes: string[];
}

/** A digest per table of the four schemas: identical digests mean no row was added, removed or changed. */
export class Fingerprinter {
  private sql = '';
  constructor(private readonly client: Client) {}

  async prepare(): Promise<void> {
    const { rows } = await this.client.query<{ table_schema: string; table_name: string }>(
      `SELECT table_schema, table_name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema = ANY($1) ORDER BY 1, 2`,
      [HUB_SCHEMAS],
    );
    this.sql = rows
      .map(({ table_schema: s, table_name: t }) => `SELECT '${s}.${t}' AS name, count(*)::int AS rows, md5(coalesce(string_agg(x::text, ',' ORDER BY x::text), '')) AS digest FROM "${s}"."${t}" x`)
      .join('\nUNION ALL\n');
  }

  async take(): Promise<Map<string, string>> {
    const { rows } = await this.client.query<{ name: string; rows: number; digest: string }>(this.sql);
    return new Map(rows.map((r) => [r.name, `${r.rows}:${r.digest}`]));
  }
}

/** Names of the tables whose digest differs between two fingerprints. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((name) => before.get(name) !== after.get(name)).sort();
}

export async function sampleKeys(client: Client): Promise<KeyPools> {
  const { rows: tables } = await client.query<{ table_schema: string; table_name: string }>(
    `SELECT table_schema, table_name FROM information_schema.columns
      WHERE table_schema = ANY($1) AND column_name = 'id' AND data_type = 'uuid' ORDER BY 1, 2`,
    [HUB_SCHEMAS],
  );
  const byTable = new Map<string, string[]>();
  for (const { table_schema: s, table_name: t } of tables) {
    const { rows } = await client.query<{ id: string }>(`SELECT id::text AS id FROM "${s}"."${t}" ORDER BY id LIMIT 4`);
    if (rows.length > 0) byTable.set(t, [...(byTable.get(t) ?? []), ...rows.map((r) => r.id)]);
  }
  const { rows: regions } = await client.query<{ code: string }>(`SELECT code FROM community.region ORDER BY level, code LIMIT 12`);
  return { byTable, all: [...byTable.values()].flat(), regionCodes: regions.map((r) => r.code) };
}

// Values that are well-typed GraphQL but bad (or borderline) in content.
const badUuids = ['00000000-0000-0000-0000-000000000000', 'not-a-uuid', '', '123', '1; DROP TABLE x', 'ffffffff-ffff-ffff-ffff-fffffffffffff', 'g0000000-0000-0000-0000-000000000000'];
const badStrings = ['', '   ', 'x'.repeat(5000), 'a\u0000b', "'; DROP TABLE household; --", '🙂'.repeat(300), '<script>alert(1)</script>', '\n\t'];
const idNumbers = ['110101199003071234', '11010119900307123X', '110101199002301235', '12345', 'x'.repeat(18), '370703201602291234', '370703999912311230', ''];
const creditCodes = ['91350100M000100Y44', '91350100M000100Y4', 'IIIIIIIIIIIIIIIIII', '', '91350100M000100Y43 '];
const badRegionCodes = ['999999', '37070', '370703999999999', 'abc', '', '000000'];
const phones = ['138', '13800000000000000', 'abcdefghijk', '', '+86 138 0000 0000'];
const months = ['2026-13', '2026-00', '0000-01', '9999-12', '2026-1', '2026-02-30', '', '2026-06'];
// Scalars: values the scalar itself refuses, and values it accepts that are still bad or borderline in content.
// Mostly the latter, so most calls get past variable coercion into the resolvers' own validation.
const dates = { refused: ['2026-02-30', '2026-13-01', '2025-02-29', '2026-1-5', '', 'today'], accepted: ['9999-12-31', '0001-01-01', '1900-01-01', '2100-01-01', '2026-06-01', '2024-02-29', '2026-01-01', '2025-12-31'] };
const dateTimes = { refused: ['2026-02-30T00:00:00Z', 'yesterday', ''], accepted: ['9999-12-31T23:59:59Z', '2026-06-01T08:00:00+08:00', '1970-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'] };
const moneys = { refused: ['1.234', '1e3', ' 12.00', '12,00', '', 'NaN'], accepted: ['-1.00', '-0.01', '0', '0.00', '99999999999999999999.99', '100.00', '660.00', '0.01'] };
const scalar = (values: { refused: string[]; accepted: string[] }) =>
  fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...values.refused) }, { weight: 4, arbitrary: fc.constantFrom(...values.accepted) });
const ints = [-1, 0, 1, 3, 2147483647, -2147483648, 100000];
const floats = [-1, 0, 0.001, 1e308, -1e308, 12.5];

/** A well-formed ID number (GB 11643-1999 check digit), so a call can pass that check and fail later. */
export function idNumber(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((total, digit, i) => total + Number(digit) * weights[i]!, 0);
  return body17 + '10X98765432'[sum % 11]!;
}

const snakeOf = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function keysFor(field: string, mutation: string, pools: KeyPools): fc.Arbitrary<string> {
  // householdId → household, applicantPersonId → person; a bare id → the table the mutation is named after.
  const base = snakeOf(field.replace(/Ids?$/, ''));
  const candidates = base === 'id' ? [...pools.byTable.keys()].filter((t) => snakeOf(mutation).endsWith(t)).sort((a, b) => b.length - a.length) : [base, base.split('_').pop() ?? base];
  const matching = candidates.map((t) => pools.byTable.get(t)).find((ids) => ids && ids.length > 0) ?? pools.all;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...matching) },
    { weight: 1, arbitrary: fc.constantFrom(...pools.all) },
    { weight: 2, arbitrary: fc.constantFrom(...badUuids) },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** Values a careful client might send, so calls also reach deep validation and sometimes succeed. */
function plausibleLeaf(typeName: string, field: string, pools: KeyPools): fc.Arbitrary<unknown> {
  const name = field.toLowerCase();
  switch (typeName) {
    case 'Int':
      return name.includes('year') ? fc.constantFrom(2025, 2026) : fc.integer({ min: 1, max: 12 });
    case 'Float':
      return fc.constantFrom(1, 2.5, 80);
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.constantFrom('2026-06-01', '2026-03-15', '2025-12-31');
    case 'DateTime':
      return fc.constantFrom('2026-06-01T08:00:00Z');
    case 'Money':
      return fc.constantFrom('100.00', '660.00', '0.01');
  }
  if (name === 'idempotencykey') return fc.uuid().map((u) => `fuzz-${u}`);
  if (name.includes('idnumber')) return fc.constantFrom(idNumber('37070319800101123'), idNumber('37070320100505002'));
  if (name.includes('creditcode')) return fc.constant('91350100M000100Y43');
  if (name.includes('phone')) return fc.constant('13800138000');
  if (name.includes('region') || (name.endsWith('code') && name !== 'code')) return fc.constantFrom(...pools.regionCodes);
  if (name.includes('month')) return fc.constantFrom('2026-06', '2026-01');
  return fc.constantFrom('测试 fuzz', 'Zhang San 张三', 'A');
}

function badLeaf(typeName: string, field: string): fc.Arbitrary<unknown> {
  const name = field.toLowerCase();
  switch (typeName) {
    case 'Int':
      return fc.oneof(fc.constantFrom(...ints), fc.integer());
    case 'Float':
      return fc.oneof(fc.constantFrom(...floats), fc.double({ noNaN: true, noDefaultInfinity: true }));
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return scalar(dates);
    case 'DateTime':
      return scalar(dateTimes);
    case 'Money':
      return scalar(moneys);
  }
  if (name === 'idempotencykey') return fc.constantFrom('', 'x'.repeat(201), ' ');
  if (name.includes('idnumber')) return fc.constantFrom(...idNumbers);
  if (name.includes('creditcode')) return fc.constantFrom(...creditCodes);
  if (name.includes('phone')) return fc.constantFrom(...phones);
  if (name.includes('region') || (name.endsWith('code') && name !== 'code')) return fc.constantFrom(...badRegionCodes);
  if (name.includes('month')) return fc.constantFrom(...months);
  return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...badStrings) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) });
}

function leafFor(typeName: string, field: string, mutation: string, pools: KeyPools): fc.Arbitrary<unknown> {
  // Keys always come from keysFor (real, of another table, malformed or unknown); other leaves are bad one time in three.
  if (typeName === 'ID' || /ids?$/i.test(field)) return keysFor(field, mutation, pools);
  return fc.oneof({ weight: 1, arbitrary: badLeaf(typeName, field) }, { weight: 2, arbitrary: plausibleLeaf(typeName, field, pools) });
}

/** Well-typed values of an input type, bad in content; optional fields are sometimes left out. */
export function valueFor(type: GraphQLInputType, field: string, mutation: string, pools: KeyPools, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return valueFor(type.ofType, field, mutation, pools, depth);
  if (isListType(type)) return fc.array(valueFor(type.ofType, field, mutation, pools, depth + 1), { maxLength: depth > 2 ? 0 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) return inputObject(type, mutation, pools, depth);
  return leafFor(getNamedType(type).name, field, mutation, pools);
}

function inputObject(type: GraphQLInputObjectType, mutation: string, pools: KeyPools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const fields = Object.values(type.getFields());
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const f of fields) {
    if (isNonNullType(f.type) && f.defaultValue === undefined) required.push(f.name);
    else if (depth > 2) continue;
    model[f.name] = valueFor(f.type, f.name, mutation, pools, depth + 1);
  }
  return fc.record(model, { requiredKeys: required });
}

/** Variables that are not of the declared type; the request must be refused before any resolver runs. */
export function illTypedFor(type: GraphQLInputType, mutation: string, pools: KeyPools): fc.Arbitrary<{ how: string; value: unknown }> {
  const named = getNamedType(type);
  const options: fc.Arbitrary<{ how: string; value: unknown }>[] = [
    fc.constant({ how: 'null for a non-null input', value: null }),
    fc.constantFrom('not-an-object', 42, true, [] as unknown).map((value) => ({ how: 'a scalar for the input object', value })),
  ];
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields());
    const valid = inputObject(named, mutation, pools, 0);
    options.push(valid.map((value) => ({ how: 'an unknown field', value: { ...value, bogusField: 1 } })));
    const requiredFields = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    if (requiredFields.length > 0) {
      options.push(
        fc.tuple(valid, fc.constantFrom(...requiredFields.map((f) => f.name))).map(([value, drop]) => {
          const { [drop]: _dropped, ...rest } = value;
          return { how: `required field ${drop} missing`, value: rest };
        }),
      );
    }
    options.push(
      fc.tuple(valid, fc.constantFrom(...fields)).map(([value, f]) => {
        const inner = getNamedType(f.type);
        // An object is no scalar or enum; a number is no input object.
        const wrong = isLeafType(inner) ? { bogus: 1 } : 42;
        return { how: `wrong type for ${f.name}`, value: { ...value, [f.name]: wrong } };
      }),
    );
  }
  return fc.oneof(...options);
}

/** A selection of a payload: every leaf, `__typename` (and id) of each object, and the user errors in full. */
export function selectionOf(type: GraphQLObjectType, depth = 0): string {
  const parts = Object.values(type.getFields()).map((f: GraphQLField<unknown, unknown>) => {
    const inner = getNamedType(f.type);
    if (f.args.some((a) => isNonNullType(a.type))) return '';
    if (isLeafType(inner)) return f.name;
    if (isObjectType(inner) && (depth === 0 || f.name === 'userErrors')) {
      const leaves = Object.values(inner.getFields()).filter((g) => isLeafType(getNamedType(g.type)) && g.args.length === 0);
      const pick = f.name === 'userErrors' ? leaves.map((g) => g.name) : leaves.filter((g) => g.name === 'id').map((g) => g.name);
      return `${f.name} { __typename ${pick.join(' ')} }`;
    }
    return `${f.name} { __typename }`;
  });
  return `__typename ${parts.filter(Boolean).join(' ')}`;
}
