import fc from 'fast-check';
import { Client } from 'pg';
import { buildClientSchema, getIntrospectionQuery, getNamedType, isInputObjectType, isObjectType, type GraphQLField, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { callerHeaders } from '../support/access';
import { startTestHub, type TestHub } from '../support/hub';
import { changedTables, Fingerprinter, illTypedFor, sampleKeys, selectionOf, valueFor, type KeyPools } from './support/fuzz';

/**
 * Generated bad input at every mutation of the composed schema, through the real gateway: never a 5xx (nor an
 * internal error), and a refused call (user errors or GraphQL errors) changes no row of the four schemas.
 * The caller holds every scope over the test regions, so what refuses the input is the programmes' own
 * validation, not the access model.
 */

const SEED = 20261129;
const WELL_TYPED_RUNS = 10;
const ILL_TYPED_RUNS = 3;

/** The shrunk input and what the hub answered to it. */
function report(run: { counterexample: unknown[] | null; errorInstance: unknown }): string {
  const error = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
  // Over-long generated strings are summarised so the report stays readable.
  const shorten = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 80 ? `${value.slice(0, 20)}… (${value.length} chars)` : value);
  return `${JSON.stringify(run.counterexample?.[0], shorten)}\n${error}`;
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; response?: { status?: number; body?: { errors?: GraphQLErrorBody[] } } };
}

/** A subgraph answered 400 BAD_USER_INPUT to its variables (a custom scalar the gateway passes through unparsed). */
function refusedVariables(error: GraphQLErrorBody): boolean {
  const response = error.extensions?.response;
  const inner = response?.body?.errors ?? [];
  return response?.status === 400 && inner.length > 0 && inner.every((e) => e.extensions?.code === 'BAD_USER_INPUT');
}

/**
 * The access model refused a field (at the gateway: `extensions.field`; in a subgraph: "Not authorised to …"),
 * or the caller. A jurisdiction refusal of a region named in the input is not one: it is about the input.
 */
function refusedByAccessModel(error: GraphQLErrorBody): boolean {
  const code = error.extensions?.code;
  if (code === 'UNAUTHENTICATED') return true;
  return code === 'FORBIDDEN' && ((error.extensions as Record<string, unknown>).field !== undefined || /^Not (authorised|signed in)/.test(error.message));
}

interface Answer {
  status: number;
  body: { data?: Record<string, { userErrors?: unknown[] } | null> | null; errors?: GraphQLErrorBody[] };
}

describe('generated bad input at every mutation', () => {
  let hub: TestHub;
  let client: Client;
  let schema: GraphQLSchema;
  let pools: KeyPools;
  let fingerprints: Fingerprinter;
  let baseline: Map<string, string>;
  let caller: Record<string, string>;
  /** Per mutation: calls whose payload came back (with or without userErrors), i.e. the mutation really ran. */
  const answeredPayloads = new Map<string, number>();

  beforeAll(async () => {
    caller = await callerHeaders();
    hub = await startTestHub({ households: 20 });
    client = new Client({ connectionString: hub.database.url });
    await client.connect();
    // The gateway's own view of the schema, so mutations added by anyone are covered.
    const introspection = await post(getIntrospectionQuery(), {});
    expect(introspection.status).toBe(200);
    schema = buildClientSchema(introspection.body.data as unknown as IntrospectionQuery);
    pools = await sampleKeys(client);
    fingerprints = new Fingerprinter(client);
    await fingerprints.prepare();
    baseline = await fingerprints.take();
  });
  afterAll(async () => {
    await client?.end();
    await hub?.stop();
  });

  async function post(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const response = await fetch(hub.gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...caller }, body: JSON.stringify({ query, variables }) });
    const text = await response.text();
    let body: Answer['body'];
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
    }
    return { status: response.status, body };
  }

  function operationOf(field: GraphQLField<unknown, unknown>): string {
    const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
    const payload = getNamedType(field.type);
    const selection = isObjectType(payload) ? ` { ${selectionOf(payload)} }` : '';
    return `mutation Fuzz${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  }

  /** Problems with one call; the baseline moves on to the current state whatever happened. */
  async function check(field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, illTyped: boolean): Promise<string[]> {
    const answer = await post(operationOf(field), variables);
    const after = await fingerprints.take();
    const changed = changedTables(baseline, after);
    baseline = after;
    const problems: string[] = [];
    const errors = answer.body.errors ?? [];
    const payload = answer.body.data?.[field.name];
    const userErrors = payload?.userErrors ?? [];
    if (payload) answeredPayloads.set(field.name, (answeredPayloads.get(field.name) ?? 0) + 1);
    if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
    // A subgraph's refusal of the variables is judged by the separate test below, so the rest still gets exercised here.
    const internal = errors.filter((e) => !refusedVariables(e) && (!e.extensions?.code || /INTERNAL|DOWNSTREAM|UNAVAILABLE/.test(e.extensions.code)));
    if (internal.length > 0) problems.push(`internal error: ${internal.map((e) => `${e.extensions?.code ?? 'no code'}: ${e.message}`).join('; ')}`);
    const denied = errors.filter(refusedByAccessModel);
    if (denied.length > 0) problems.push(`the access model refused a caller with every scope: ${denied.map((e) => e.message).join('; ')}`);
    if (illTyped) {
      if (answer.status !== 400 && errors.length === 0) problems.push(`ill-typed call accepted (HTTP ${answer.status})`);
      if (payload) problems.push('ill-typed call answered a payload');
    }
    const refused = errors.length > 0 || userErrors.length > 0 || answer.status >= 400;
    if (refused && changed.length > 0) problems.push(`refused call changed ${changed.join(', ')}`);
    if (problems.length > 0) problems.push(`answer: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 600)}`);
    return problems;
  }

  it('the fingerprint notices a single changed row, and not an unchanged database', async () => {
    const region = pools.regionCodes[0]!;
    expect(changedTables(baseline, await fingerprints.take())).toEqual([]);
    await client.query(`UPDATE community.region SET name = name || '·' WHERE code = $1`, [region]);
    expect(changedTables(baseline, await fingerprints.take())).toEqual(['community.region']);
    await client.query(`UPDATE community.region SET name = left(name, -1) WHERE code = $1`, [region]);
    expect(changedTables(baseline, await fingerprints.take())).toEqual([]);
  });

  // Every mutation really runs (as a caller with every scope): minutes on a busy 2-core machine, beyond jest's default timeout.
  it('never answers 5xx or an internal error, and a refused mutation writes nothing', async () => {
    const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
    expect(mutations.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const field of mutations) {
      const wellTyped = fc.record(Object.fromEntries(field.args.map((a) => [a.name, valueFor(a.type, a.name, field.name, pools)])));
      const wellTypedRun = await fc.check(
        fc.asyncProperty(wellTyped, async (variables) => {
          const problems = await check(field, variables, false);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { seed: SEED, numRuns: WELL_TYPED_RUNS, endOnFailure: false, interruptAfterTimeLimit: 6000 },
      );
      if (wellTypedRun.failed) failures.push(`${field.name} (well-typed): ${report(wellTypedRun)}`);

      const input = field.args[0];
      if (!input) continue;
      const illTyped = illTypedFor(input.type, field.name, pools);
      const illTypedRun = await fc.check(
        fc.asyncProperty(illTyped, async ({ value }) => {
          const problems = await check(field, { [input.name]: value }, true);
          if (problems.length > 0) throw new Error(problems.join('\n'));
        }),
        { seed: SEED, numRuns: ILL_TYPED_RUNS, interruptAfterTimeLimit: 3000 },
      );
      if (illTypedRun.failed) failures.push(`${field.name} (ill-typed): ${report(illTypedRun)}`);
    }
    // Every failing mutation at once, each with its shrunk input and the answer it gave.
    expect(failures.join('\n\n')).toBe('');
    // The caller got through: most mutations answered a payload (the rest refused every generated input as
    // malformed variables, e.g. a Money field given a UUID, before running).
    expect(answeredPayloads.size).toBeGreaterThan(mutations.length / 2);
  }, 900_000);

  it('a malformed Date, DateTime or Money variable reaches the client as a client error, not an internal one', async () => {
    // Every top-level input field of a custom scalar type, with a value its scalar refuses.
    const malformed: Record<string, string> = { Date: '2026-02-30', DateTime: '2026-02-30T00:00:00Z', Money: '1.234' };
    const cases = Object.values(schema.getMutationType()?.getFields() ?? {}).flatMap((field) => {
      const input = field.args[0];
      const named = input && getNamedType(input.type);
      if (!input || !isInputObjectType(named)) return [];
      return Object.values(named.getFields())
        .filter((f) => malformed[getNamedType(f.type).name] !== undefined)
        .map((f) => ({ field, input: input.name, inputType: named, target: f.name, bad: malformed[getNamedType(f.type).name]! }));
    });
    expect(cases.length).toBeGreaterThan(0);
    const run = await fc.check(
      fc.asyncProperty(
        fc.nat({ max: cases.length - 1 }).chain((index) => {
          const c = cases[index]!;
          return valueFor(c.inputType, c.input, c.field.name, pools).map((value) => ({ mutation: c.field.name, index, value: { ...(value as object), [c.target]: c.bad } }));
        }),
        async ({ index, value }) => {
          const c = cases[index]!;
          const answer = await post(operationOf(c.field), { [c.input]: value });
          const after = await fingerprints.take();
          const changed = changedTables(baseline, after);
          baseline = after;
          const problems: string[] = [];
          const errors = answer.body.errors ?? [];
          if (answer.status >= 500) problems.push(`HTTP ${answer.status}`);
          if (errors.length === 0) problems.push(`${c.target}: ${c.bad} was accepted`);
          const internal = errors.filter((e) => e.extensions?.code !== 'BAD_USER_INPUT');
          if (internal.length > 0) problems.push(`error codes ${internal.map((e) => `${e.extensions?.code ?? 'none'} (${e.message})`).join(', ')} instead of BAD_USER_INPUT`);
          if (changed.length > 0) problems.push(`refused call changed ${changed.join(', ')}`);
          if (problems.length > 0) throw new Error(`${c.field.name} with ${c.target}: ${c.bad}: ${problems.join('; ')}`);
        },
      ),
      { seed: SEED, numRuns: 10 },
    );
    expect(run.failed ? report(run) : '').toBe('');
  });
});
