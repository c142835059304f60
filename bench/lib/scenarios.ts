/**
 * The five scenarios, built at run time from the supergraph so they use exactly the fields that exist now
 * (the subgraphs grow while this benchmark is kept): the household selection takes every field of Household
 * and Person from all subgraphs that needs no argument we cannot fill, plus one or two levels of their
 * non-entity objects; the dashboards take every `*Statistics` field of Region from any subgraph.
 */
import { readFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  validate,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface Sample {
  households: { id: string; regionCode: string; headId: string; memberIds: string[] }[];
  /** Communities with at least 50 households. */
  communities: string[];
  subdistricts: string[];
  districts: string[];
  /** Today as the subgraphs see it (YYYY-MM-DD). */
  today: string;
}

export interface Scenario {
  id: string;
  title: string;
  query: string;
  /** Variables for the next request (random pick per request). */
  variables: () => Record<string, unknown>;
  /** Writes change data: the hub and each reference still get the same operation. */
  write?: boolean;
  note?: string;
}

export interface SupergraphInfo {
  api: GraphQLSchema;
  entities: Set<string>;
  subgraphs: { name: string; url: string }[];
  sdl: string;
}

export function loadSupergraph(file: string): SupergraphInfo {
  const sdl = readFileSync(file, 'utf8');
  const supergraph = Supergraph.build(sdl);
  const entities = new Set<string>();
  for (const subgraph of supergraph.subgraphs()) {
    for (const type of subgraph.schema.objectTypes()) if (type.hasAppliedDirective('key')) entities.add(type.name);
  }
  return {
    api: supergraph.apiSchema().toGraphQLJSSchema(),
    entities,
    subgraphs: [...supergraph.subgraphs()].map((s) => ({ name: s.name, url: s.url })),
    sdl,
  };
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** Literal values for required arguments we know how to fill; undefined means "skip this field". */
function argumentLiteral(name: string, type: GraphQLInputType, today: string): string | undefined {
  const named = getNamedType(type);
  const year = today.slice(0, 4);
  if (/^year$/i.test(name)) return year;
  if (/^(from|since|start)/i.test(name) && named.name === 'Date') return JSON.stringify(`${year}-01-01`);
  if (/^(to|until|end|on)/i.test(name) && named.name === 'Date') return JSON.stringify(today);
  if (/^month$/i.test(name)) return JSON.stringify(today.slice(0, 7));
  if (/^(first|last|limit)$/i.test(name)) return '20';
  return undefined;
}

function argumentsFor(field: GraphQLField<unknown, unknown>, today: string): string | undefined {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) || arg.defaultValue !== undefined) continue;
    const literal = argumentLiteral(arg.name, arg.type, today);
    if (literal === undefined) return undefined;
    parts.push(`${arg.name}: ${literal}`);
  }
  return parts.length ? `(${parts.join(', ')})` : '';
}

/**
 * Every field of a type that needs no unknown argument: leaves, and non-entity, non-connection objects down to
 * `depth` levels (entities would fan out to whole other records; connections page on their own).
 */
export function autoSelection(info: SupergraphInfo, type: GraphQLNamedType, depth: number, today: string, exclude: string[] = []): string {
  if (isUnionType(type)) return '__typename';
  if (!isObjectType(type) && !isInterfaceType(type)) return '';
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    if (exclude.includes(field.name)) continue;
    const args = argumentsFor(field, today);
    if (args === undefined) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) {
      parts.push(`${field.name}${args}`);
      continue;
    }
    if (depth <= 0 || info.entities.has(named.name) || named.name.endsWith('Connection')) continue;
    const inner = autoSelection(info, named, depth - 1, today);
    if (inner) parts.push(`${field.name}${args} { ${inner} }`);
  }
  return parts.join(' ');
}

function has(info: SupergraphInfo, typeName: string, field: string): boolean {
  const type = info.api.getType(typeName);
  return !!type && (isObjectType(type) || isInterfaceType(type)) && field in type.getFields();
}

function householdSelection(info: SupergraphInfo, today: string, depth: number): string {
  const household = info.api.getType('Household')!;
  const person = info.api.getType('Person')!;
  const personFields = autoSelection(info, person, depth, today, ['household']);
  const parts = [autoSelection(info, household, depth, today, ['members', 'memberHistory', 'head'])];
  if (has(info, 'Household', 'region')) parts.push('region { code name }');
  if (has(info, 'Household', 'members')) {
    const member = info.api.getType('HouseholdMember')!;
    parts.push(`members { ${autoSelection(info, member, 0, today)} person { ${personFields} } }`);
  }
  return parts.join(' ');
}

function dashboardSelection(info: SupergraphInfo, today: string): { selection: string; statistics: string[] } {
  const region = info.api.getType('Region');
  if (!region || !isObjectType(region)) throw new Error('the supergraph has no Region type');
  const leaves = Object.values(region.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && argumentsFor(f, today) === '')
    .map((f) => f.name);
  const statistics: string[] = [];
  const parts = [leaves.join(' ')];
  for (const field of Object.values(region.getFields())) {
    if (!/statistics|dashboard/i.test(field.name)) continue;
    const args = argumentsFor(field, today);
    if (args === undefined) continue;
    const inner = autoSelection(info, getNamedType(field.type), 3, today);
    if (!inner) continue;
    parts.push(`${field.name}${args} { ${inner} }`);
    statistics.push(field.name);
  }
  return { selection: parts.join(' '), statistics };
}

function check(info: SupergraphInfo, query: string, id: string): void {
  const errors = validate(info.api, parse(query));
  if (errors.length) throw new Error(`scenario ${id} does not validate against the supergraph: ${errors.map((e) => e.message).join('; ')}`);
}

/** depth: levels of non-entity objects under Household and Person (1: their programme records' own fields). */
export function readScenarios(info: SupergraphInfo, sample: Sample, { pageSize = 50, depth = 1 }: { pageSize?: number; depth?: number } = {}): Scenario[] {
  const household = householdSelection(info, sample.today, depth);
  const { selection: dashboard, statistics } = dashboardSelection(info, sample.today);
  const scenarios: Scenario[] = [
    {
      id: '1',
      title: 'household by id',
      query: `query BenchHousehold($id: ID!) { household(id: $id) { ${household} } }`,
      variables: () => ({ id: pick(sample.households).id }),
    },
    {
      id: '2',
      title: `page of ${pageSize} households`,
      query: `query BenchHouseholdPage($regionCode: String!, $first: Int) { households(regionCode: $regionCode, first: $first) { totalCount edges { node { ${household} } } } }`,
      variables: () => ({ regionCode: pick(sample.communities), first: pageSize }),
    },
    {
      id: '3',
      title: 'subdistrict dashboard',
      query: `query BenchSubdistrict($code: String!) { region(code: $code) { ${dashboard} } }`,
      variables: () => ({ code: pick(sample.subdistricts) }),
      note: statistics.length ? `statistics: ${statistics.join(', ')}` : 'no *Statistics field on Region yet: only counts',
    },
    {
      id: '4',
      title: 'district dashboard',
      query: `query BenchDistrict($code: String!) { region(code: $code) { ${dashboard} } }`,
      variables: () => ({ code: pick(sample.districts) }),
      note: statistics.length ? `statistics: ${statistics.join(', ')}` : 'no *Statistics field on Region yet: only counts',
    },
  ];
  for (const scenario of scenarios) check(info, scenario.query, scenario.id);
  return scenarios;
}

/** The page scenario at another size, for the statements-per-request check (5 vs 50). */
export function pageScenario(info: SupergraphInfo, sample: Sample, pageSize: number, depth: number): Scenario {
  return { ...readScenarios(info, sample, { pageSize, depth })[1]!, id: `2/${pageSize}` };
}

// ---------------------------------------------------------------------------------------------------------
// Scenario 5: the write. The preferred mutation is the dibao application; nearer ones are fallbacks.

const WRITE_PREFERENCE: RegExp[] = [/^submitDibaoApplication$/, /dibao.*appl|appl.*dibao/i, /^enrolBeneficiary$/, /^recordInjury$/, /^addResidentTag$/];

type Household = Sample['households'][number];

/** An input value built from field names and types, for one household (enumIndex varies enum choices). */
function inputValue(name: string, type: GraphQLInputType, h: Household, sample: Sample, enumIndex: number): unknown {
  if (isNonNullType(type)) return inputValue(name, type.ofType, h, sample, enumIndex);
  if (isListType(type)) {
    if (/memberIds$/i.test(name)) return h.memberIds;
    return [inputValue(name, type.ofType, h, sample, enumIndex)];
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    const preferred = /programme/i.test(name) ? values.filter((v) => /DIBAO/.test(v)) : [];
    const ordered = [...preferred, ...values.filter((v) => !preferred.includes(v))];
    return ordered[enumIndex % ordered.length];
  }
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (!isNonNullType(field.type) || field.defaultValue !== undefined) continue;
      value[field.name] = inputValue(field.name, field.type, h, sample, enumIndex);
    }
    return value;
  }
  if (isScalarType(type)) {
    if (/householdId$/i.test(name)) return h.id;
    if (/(applicant|person|member)Id$/i.test(name)) return h.headId;
    if (/regionCode$/i.test(name)) return h.regionCode;
    if (type.name === 'Money') return /income/i.test(name) ? '300.00' : /asset/i.test(name) ? '2000.00' : '100.00';
    if (type.name === 'Date') return sample.today;
    if (type.name === 'DateTime') return new Date().toISOString();
    if (type.name === 'Int') return /age/i.test(name) ? 40 : /year/i.test(name) ? Number(sample.today.slice(0, 4)) : 1;
    if (type.name === 'Float') return 1;
    if (type.name === 'Boolean') return false;
    return /name$/i.test(name) ? '基准测试' : 'bench';
  }
  return null;
}

export interface WriteCandidate {
  mutation: string;
  query: string;
  build: (h: Household) => Record<string, unknown>;
}

/** Mutations to try for scenario 5, most preferred first, each with a few enum choices. */
export function writeCandidates(info: SupergraphInfo, sample: Sample): WriteCandidate[] {
  const mutation = info.api.getMutationType();
  if (!mutation) return [];
  const fields = Object.values(mutation.getFields());
  const ordered = WRITE_PREFERENCE.flatMap((pattern) => fields.filter((f) => pattern.test(f.name)));
  const candidates: WriteCandidate[] = [];
  for (const field of [...new Set(ordered)]) {
    const input = field.args.find((a) => a.name === 'input');
    if (!input || field.args.some((a) => a !== input && isNonNullType(a.type))) continue;
    const payload = getNamedType(field.type);
    const selection = isObjectType(payload)
      ? Object.values(payload.getFields())
          .map((f) => {
            const named = getNamedType(f.type);
            if (isLeafType(named)) return f.name;
            if (f.name === 'userErrors') return 'userErrors { message }';
            return isObjectType(named) && 'id' in named.getFields() ? `${f.name} { id }` : '';
          })
          .filter(Boolean)
          .join(' ')
      : '';
    const inputType = input.type;
    const query = `mutation BenchWrite($input: ${String(inputType)}) { ${field.name}(input: $input) ${selection ? `{ ${selection} }` : ''} }`;
    check(info, query, `5 (${field.name})`);
    for (let enumIndex = 0; enumIndex < 4; enumIndex += 1) {
      candidates.push({ mutation: field.name, query, build: (h) => ({ input: inputValue('input', inputType, h, sample, enumIndex) }) });
    }
  }
  return candidates;
}

export function writeScenario(candidate: WriteCandidate, sample: Sample, households: Household[]): Scenario {
  let next = 0;
  return {
    id: '5',
    title: `write: ${candidate.mutation}`,
    query: candidate.query,
    // A different household per request, so the write is not refused as a duplicate.
    variables: () => candidate.build(households[next++ % households.length]!),
    write: true,
  };
}
