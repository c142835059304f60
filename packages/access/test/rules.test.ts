import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import {
  accessSubgraphHeader,
  AccessRules,
  anonymousCaller,
  AUDIT_ENTRY_SDL,
  callerForRole,
  filterVisible,
  inJurisdiction,
  maskValue,
  prismaRegionWhere,
  RateLimiter,
  requireVisiblePrefixes,
  sqlRegionClause,
  visibleOrNull,
  visiblePrefixes,
  type Caller,
} from '../src';

function caller(scopes: string[], jurisdiction: string[] = ['370703'], purpose: string | null = null): Caller {
  return { subject: 'u1', department: 'd', scopes: new Set(scopes), jurisdiction, purpose, requestId: 'r1' };
}

const people = `${accessSubgraphHeader()}
type Query { person(id: ID!): Person @hubScopes(anyOf: [["people:read"], ["audit:read"]]) me: String @hubAuthenticated }
type Mutation { renamePerson(id: ID!): Person }
type Person @key(fields: "id") {
  id: ID!
  name: String
  idNumber: String @hubMasked(as: "ID_NUMBER")
  file: SupervisionFile
}
type SupervisionFile @hubScopes(anyOf: [["supervision:read"]]) {
  note: String @hubAudited(category: "SUPERVISION", personIdFrom: "personId")
}`;
const relief = `${accessSubgraphHeader()}
type Person @key(fields: "id") {
  id: ID!
  income: Int @hubScopes(anyOf: [["relief:read", "income:read"]]) @hubAudited(category: "INCOME")
  enrolled: Boolean
}`;

describe('access rules from SDL', () => {
  const composed = composeServices([
    { name: 'people', url: 'http://people/graphql', typeDefs: parse(people) },
    { name: 'relief', url: 'http://relief/graphql', typeDefs: parse(relief) },
  ]);

  it('composes the hub directives into the supergraph without errors or hints', () => {
    expect(composed.errors).toBeUndefined();
    expect(composed.hints).toEqual([]);
    expect(composed.supergraphSdl).toContain('@link(url: "https://household-hub.example/access/v1.0"');
    expect(composed.supergraphSdl).toMatch(/income: Int @join__field\(graph: RELIEF\) @hubScopes\(anyOf: \[\["relief:read", "income:read"\]\]\) @hubAudited/);
  });

  const rules = AccessRules.fromSupergraph(composed.supergraphSdl!);

  it('defaults root and entity fields to the owning subgraph read scope, mutations to write', () => {
    expect(rules.defaultScopes('Person', 'name')).toEqual([['people:read']]);
    expect(rules.defaultScopes('Person', 'enrolled')).toEqual([['relief:read']]);
    // Key fields reveal no more than the reference that was already checked to reach the entity.
    expect(rules.defaultScopes('Person', 'id')).toBeNull();
    expect(rules.decide(caller(['dashboard:read']), 'Person', 'id', 'ID')).toMatchObject({ allowed: true });
    expect(rules.defaultScopes('Mutation', 'renamePerson')).toEqual([['people:write']]);
    expect(rules.defaultScopes('SupervisionFile', 'note')).toBeNull();
    expect(rules.decide(caller(['relief:read']), 'Person', 'name', 'String')).toMatchObject({ allowed: false, code: 'FORBIDDEN' });
    expect(rules.decide(caller(['people:read']), 'Person', 'name', 'String')).toMatchObject({ allowed: true });
    expect(rules.decide(caller(['people:read']), 'Mutation', 'renamePerson', 'Person')).toMatchObject({ allowed: false });
  });

  it('lets an explicit @hubScopes replace the default and combine with the returned type rule', () => {
    expect(rules.decide(caller(['audit:read']), 'Query', 'person', 'Person')).toMatchObject({ allowed: true });
    expect(rules.decide(caller(['people:read']), 'Person', 'file', 'SupervisionFile')).toMatchObject({ allowed: false, reason: 'requires scopes supervision:read' });
    expect(rules.decide(caller(['people:read', 'supervision:read']), 'Person', 'file', 'SupervisionFile')).toMatchObject({ allowed: true });
    expect(rules.decide(caller(['income:read']), 'Person', 'income', 'Int')).toMatchObject({ allowed: false });
    expect(rules.decide(caller(['relief:read', 'income:read'], ['370703'], 'review'), 'Person', 'income', 'Int')).toEqual({ allowed: true, unmasked: false, audit: 'INCOME' });
  });

  it('refuses anonymous callers everything but __typename, and lets @hubAuthenticated admit any signed-in caller', () => {
    const anonymous = anonymousCaller('r');
    expect(rules.decide(anonymous, 'Query', 'me', 'String')).toMatchObject({ allowed: false, code: 'UNAUTHENTICATED' });
    expect(rules.decide(anonymous, 'Query', '__typename', 'String')).toMatchObject({ allowed: true });
    expect(rules.decide(caller([]), 'Query', 'me', 'String')).toMatchObject({ allowed: true });
  });

  it('requires a purpose for audited categories and unmasks only with pii:read and a purpose', () => {
    const supervisor = ['people:read', 'supervision:read'];
    expect(rules.decide(caller(supervisor), 'SupervisionFile', 'note', 'String')).toMatchObject({ allowed: false, reason: expect.stringMatching(/X-Purpose/) });
    expect(rules.decide(caller(supervisor, ['370703'], 'visit'), 'SupervisionFile', 'note', 'String')).toMatchObject({ allowed: true, audit: 'SUPERVISION' });
    expect(rules.decide(caller(['people:read']), 'Person', 'idNumber', 'String')).toEqual({ allowed: true, unmasked: false, audit: null });
    expect(rules.decide(caller(['people:read', 'pii:read']), 'Person', 'idNumber', 'String')).toEqual({ allowed: true, unmasked: false, audit: null });
    expect(rules.decide(caller(['people:read', 'pii:read'], ['370703'], 'dibao review'), 'Person', 'idNumber', 'String')).toEqual({ allowed: true, unmasked: true, audit: 'PII' });
  });

  it('reads the same rules from one subgraph SDL, owned by that subgraph', () => {
    const sub = AccessRules.fromSubgraph(relief, 'relief');
    expect(sub.defaultScopes('Person', 'enrolled')).toEqual([['relief:read']]);
    expect(sub.field('Person', 'income')).toMatchObject({ anyOf: [['relief:read', 'income:read']], audited: { category: 'INCOME', personIdFrom: 'id' } });
  });

  it('treats every top-level field of a compound key as a key field', () => {
    const sub = AccessRules.fromSubgraph('type T @key(fields: "a b { c }") @key(fields: "d") { a: ID! b: B d: ID! x: Int } type B { c: Int }', 's');
    expect(['a', 'b', 'd', 'x'].map((f) => sub.defaultScopes('T', f))).toEqual([null, null, null, [['s:read']]]);
    expect(sub.defaultScopes('B', 'c')).toBeNull();
  });

  it('rejects a misspelt mask kind or category when the rules are read', () => {
    expect(() => AccessRules.fromSubgraph(`type Person { idNumber: String @hubMasked(as: "IDNUMBER") }`, 'x')).toThrow(/ID_NUMBER, PHONE/);
    expect(() => AccessRules.fromSubgraph(`type Person { x: String @hubAudited(category: "MONEY") }`, 'x')).toThrow(/SUPERVISION/);
  });
});

describe('masking', () => {
  it('masks ID numbers and phones as the domain map shows', () => {
    expect(maskValue('ID_NUMBER', '110101199003071234')).toBe('110101********1234');
    expect(maskValue('PHONE', '13812345678')).toBe('138****5678');
  });
});

describe('jurisdiction', () => {
  const gridWorker = caller([], ['370703001001']);
  const district = caller([], ['370703', '370705']);

  it('admits records of the subtree only', () => {
    expect(inJurisdiction(gridWorker, '370703001001')).toBe(true);
    expect(inJurisdiction(gridWorker, '370703001002')).toBe(false);
    expect(inJurisdiction(district, '370705002003')).toBe(true);
    expect(inJurisdiction(district, '370702001001')).toBe(false);
    expect(inJurisdiction(district, null)).toBe(false);
    expect(visibleOrNull(gridWorker, { r: '370703001002' }, (x) => x.r)).toBeNull();
    expect(filterVisible(district, [{ r: '370703001' }, { r: '370702001' }], (x) => x.r)).toEqual([{ r: '370703001' }]);
  });

  it('narrows a wider region query to the caller subtree and refuses a disjoint one', () => {
    expect(visiblePrefixes(gridWorker, '370703')).toEqual(['370703001001']);
    expect(visiblePrefixes(district, '370703002')).toEqual(['370703002']);
    expect(visiblePrefixes(gridWorker, '370703002')).toEqual([]);
    expect(() => requireVisiblePrefixes(gridWorker, '370702')).toThrow(/outside/);
    expect(prismaRegionWhere(['370703', '370705'], 'regionCode')).toEqual({ OR: [{ regionCode: { startsWith: '370703' } }, { regionCode: { startsWith: '370705' } }] });
    expect(sqlRegionClause('h.region_code', 2, ['370703'])).toEqual({ sql: 'h.region_code LIKE ANY($2::text[])', param: ['370703%'] });
    expect(() => sqlRegionClause('x; drop', 1, [])).toThrow();
  });
});

describe('rate limiter', () => {
  it('lets a subject burst to capacity, then refills at the given rate, per key', () => {
    let now = 0;
    const limiter = new RateLimiter({ capacity: 3, refillPerSecond: 1 }, () => now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(1);
    expect(limiter.take('b')).toBe(0);
    now += 1000;
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('a')).toBe(1);
  });

  it('forgets the least recently used subject beyond its key limit', () => {
    const limiter = new RateLimiter({ capacity: 1, refillPerSecond: 0.001 }, () => 0, 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c');
    expect(limiter.take('a')).toBe(0);
    expect(limiter.take('c')).toBeGreaterThan(0);
  });
});

describe('owners from the supergraph', () => {
  it('ignores @external copies and fields overridden away', () => {
    const header = accessSubgraphHeader(['@key', '@external', '@requires', '@override']);
    const a = `${header}
type Query { p: P }
type P @key(fields: "id") { id: ID! moved: Int flag: Boolean }`;
    const b = `${header}
type P @key(fields: "id") { id: ID! moved: Int @override(from: "a") flag: Boolean @external derived: Int @requires(fields: "flag") }`;
    const result = composeServices([
      { name: 'a', url: 'http://a/graphql', typeDefs: parse(a) },
      { name: 'b', url: 'http://b/graphql', typeDefs: parse(b) },
    ]);
    expect(result.errors).toBeUndefined();
    const rules = AccessRules.fromSupergraph(result.supergraphSdl!);
    expect(rules.defaultScopes('P', 'moved')).toEqual([['b:read']]);
    expect(rules.defaultScopes('P', 'flag')).toEqual([['a:read']]);
    expect(rules.defaultScopes('P', 'derived')).toEqual([['b:read']]);
  });
});

describe('shared audit entry type', () => {
  it('composes when several subgraphs paste it verbatim', () => {
    const header = accessSubgraphHeader(['@key', '@shareable']);
    const sdl = (name: string) => `${header}
scalar DateTime
${AUDIT_ENTRY_SDL}
type Query { ${name}AccessAudit(personId: ID): [AccessAuditEntry!]! @hubScopes(anyOf: [["audit:read"]]) }`;
    const result = composeServices([
      { name: 'community', url: 'http://a/graphql', typeDefs: parse(sdl('community')) },
      { name: 'safety', url: 'http://b/graphql', typeDefs: parse(sdl('safety')) },
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.hints).toEqual([]);
    const rules = AccessRules.fromSupergraph(result.supergraphSdl!);
    expect(rules.decide(callerForRole('auditor'), 'Query', 'safetyAccessAudit', 'AccessAuditEntry')).toMatchObject({ allowed: true });
    expect(rules.decide(callerForRole('safety-officer'), 'Query', 'safetyAccessAudit', 'AccessAuditEntry')).toMatchObject({ allowed: false });
    expect(rules.decide(callerForRole('auditor'), 'AccessAuditEntry', 'personIds', 'ID')).toMatchObject({ allowed: true });
  });
});
