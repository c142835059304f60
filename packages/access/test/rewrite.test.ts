import { buildSchema, getOperationAST, parse, print } from 'graphql';
import type { GatewayGraphQLRequestContext, GatewayInterface } from '@apollo/server-gateway-interface';
import { AccessRules, applyRemovals, markerNonce, rewriteOperation, withAccessControl, type Caller } from '../src';

// A plain SDL (no federation): every field is owned by subgraph "s", so the default is s:read.
const SDL = `
type Query { node(id: ID!): Node  people: [Person!]!  strict: Person!  count: Int! @hubScopes(anyOf: [["stats:read"]])  stats: Int @hubScopes(anyOf: [["stats:read"]]) }
interface Node { id: ID! }
type Person implements Node @key(fields: "id") {
  id: ID!
  name: String!
  secret: String! @hubScopes(anyOf: [["secret:read"]])
  hint: String @hubScopes(anyOf: [["secret:read"]])
}
type Office implements Node @key(fields: "id") { id: ID! hint: String }
`;
const directives = `directive @hubScopes(anyOf: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE
directive @key(fields: String!) on OBJECT`;
const schema = buildSchema(`${directives}\n${SDL}`);
const rules = AccessRules.fromSubgraph(SDL, 's');
const reader: Caller = { subject: 'u', department: 'd', scopes: new Set(['s:read']), jurisdiction: [], purpose: null, requestId: 'r' };

function rewrite(text: string) {
  const document = parse(text);
  return rewriteOperation(schema, rules, reader, document, getOperationAST(document)!);
}

describe('rewriteOperation and applyRemovals', () => {
  it('leaves an operation the caller may read untouched', () => {
    const { removals } = rewrite('{ people { id name } }');
    expect(removals).toEqual([]);
  });

  it('replaces a removed field with a marker carrying its @skip/@include, and inlines fragments', () => {
    const { document, removals } = rewrite('query ($x: Boolean!) { people { ...F } } fragment F on Person { name hint @include(if: $x) }');
    expect(removals.map((r) => r.coordinate)).toEqual(['Person.hint']);
    const marker = removals[0]!.marker;
    expect(print(document)).toContain(`${marker}: __typename @include(if: $x)`);
    expect(print(document)).not.toContain('fragment');
  });

  it('nulls a nullable field in place and reports it at each list index', () => {
    const { removals } = rewrite('{ people { name hint } }');
    const marker = removals[0]!.marker;
    const result = applyRemovals({ people: [{ name: 'a', [marker]: 'Person' }, { name: 'b', [marker]: 'Person' }] }, removals);
    expect(result.data).toEqual({ people: [{ name: 'a', hint: null }, { name: 'b', hint: null }] });
    expect(result.errors.map((e) => e.path)).toEqual([['people', 0, 'hint'], ['people', 1, 'hint']]);
  });

  it('propagates a removed non-null field to the nearest nullable ancestor, as a resolver error would', () => {
    const inList = rewrite('{ people { name secret } }');
    const m = inList.removals[0]!.marker;
    // [Person!]! and Person.secret: String! — the whole data becomes null.
    expect(applyRemovals({ people: [{ name: 'a', [m]: 'Person' }] }, inList.removals).data).toBeNull();
    const viaNode = rewrite('{ node(id: "1") { ... on Person { secret } } }');
    const n = viaNode.removals[0]!.marker;
    const applied = applyRemovals({ node: { [n]: 'Person' } }, viaNode.removals);
    expect(applied.data).toEqual({ node: null });
    expect(applied.errors[0]!.path).toEqual(['node', 'secret']);
  });

  it('applies a marker only to objects of the fragment’s type behind an interface', () => {
    const { removals } = rewrite('{ node(id: "1") { id ... on Person { hint } ... on Office { hint } } }');
    expect(removals.map((r) => r.coordinate)).toEqual(['Person.hint']);
    const office = applyRemovals({ node: { id: '1', hint: 'front desk' } }, removals);
    expect(office).toEqual({ data: { node: { id: '1', hint: 'front desk' } }, errors: [] });
  });

  it('removes a nullable root field and keeps the other root fields; a non-null one nulls data', () => {
    const nullable = rewrite('{ stats people { name } }');
    const applied = applyRemovals({ [nullable.removals[0]!.marker]: 'Query', people: [{ name: 'a' }] }, nullable.removals);
    expect(applied.data).toEqual({ stats: null, people: [{ name: 'a' }] });
    expect(applied.errors.map((e) => [e.path, e.extensions.code])).toEqual([[['stats'], 'FORBIDDEN']]);
    const nonNull = rewrite('{ count people { name } }');
    expect(applyRemovals({ [nonNull.removals[0]!.marker]: 'Query', people: [] }, nonNull.removals).data).toBeNull();
  });

  it('refuses an interface field when any implementation refuses it', () => {
    const interfaceSdl = SDL.replace('interface Node { id: ID! }', 'interface Node { id: ID! hint: String }');
    const interfaceSchema = buildSchema(`${directives}\n${interfaceSdl}`);
    const document = parse('{ node(id: "1") { hint } }');
    const { removals } = rewriteOperation(interfaceSchema, AccessRules.fromSubgraph(interfaceSdl, 's'), reader, document, getOperationAST(document)!);
    expect(removals.map((r) => [r.coordinate, r.decision.code])).toEqual([['Node.hint', 'FORBIDDEN']]);
  });
});

describe('withAccessControl', () => {
  const supergraphless = `${directives}\n${SDL}`;
  async function harness() {
    const seen: { queryHash: string; source: string }[] = [];
    let onLoad: ((s: { apiSchema: typeof schema; coreSupergraphSdl: string }) => void) | undefined;
    const inner: GatewayInterface = {
      onSchemaLoadOrUpdate: (callback) => {
        onLoad ??= callback;
        return () => undefined;
      },
      stop: async () => undefined,
      load: async () => {
        onLoad!({ apiSchema: schema, coreSupergraphSdl: supergraphless });
        return { executor: async (rc) => (seen.push({ queryHash: rc.queryHash, source: rc.source }), { data: { people: [] } }) };
      },
    };
    const wrapped = withAccessControl(inner, { callerOf: (context: { caller: Caller }) => context.caller });
    const { executor } = await wrapped.load({ apollo: {} });
    const run = (text: string, caller: Caller) => {
      const document = parse(text);
      const source = print(document);
      return executor!({ document, operation: getOperationAST(document)!, source, queryHash: `hash-of-${source}`, context: { caller }, schema } as unknown as GatewayGraphQLRequestContext);
    };
    return { seen, run };
  }

  it('gives the same rewrite (and plan-cache key) to the same query and kind of caller, another to another', async () => {
    const { seen, run } = await harness();
    const text = '{ people { name hint } }';
    await run(text, reader);
    await run(text, { ...reader, subject: 'someone-else' });
    await run(text, { ...reader, scopes: new Set(['s:read', 'secret:read']) });
    expect(seen[0]!.queryHash).toBe(seen[1]!.queryHash);
    expect(seen[0]!.source).toBe(seen[1]!.source);
    expect(seen[0]!.queryHash).not.toBe(seen[2]!.queryHash);
    expect(seen[2]!.source).toBe(print(parse(text)));
  });

  it('avoids marker names a query already uses', () => {
    const nonce = markerNonce('h', '');
    expect(markerNonce('h', `{ _hub_${nonce}: people { name } }`)).not.toBe(nonce);
  });
});
