import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { startSubgraph, type RunningSubgraph } from '@hub/subgraph-runtime';
import { Pool } from 'pg';
import { startGateway, type RunningGateway } from '../../gateway/src/server';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { fixtureCallerHeaders, fixtureGatewayHeaders, memoryLogger, noAuditTrail, post, startBenefits, startPeople, tempDir, writeSupergraph, PEOPLE_SDL, BENEFITS_SDL, type BenefitsControl } from './support/fixtures';
import { sample } from './support/prometheus';

const QUERY = 'query HouseholdCard { household(id: "5") { name benefit } }';

/** One request id from the client (or the gateway) through every service's log lines; Prometheus /metrics everywhere. */
describe('request ids, logs and metrics across the gateway and two subgraphs', () => {
  const control: BenefitsControl = { delayMs: 0, grants: 0 };
  const gatewayLog = memoryLogger('gateway');
  const peopleLog = memoryLogger('people');
  const benefitsLog = memoryLogger('benefits');
  let people: RunningSubgraph;
  let benefits: RunningSubgraph;
  let gateway: RunningGateway;
  let caller: Record<string, string>;

  beforeAll(async () => {
    caller = await fixtureCallerHeaders();
    people = await startPeople(0, peopleLog.logger);
    benefits = await startBenefits(control, 0, benefitsLog.logger);
    const file = path.join(tempDir('observability'), 'supergraph.graphql');
    writeSupergraph(file, [
      { name: 'people', url: people.url, sdl: PEOPLE_SDL },
      { name: 'benefits', url: benefits.url, sdl: BENEFITS_SDL },
    ]);
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: file, watchSupergraph: false, subgraphTimeoutsMs: { benefits: 1_500 }, logger: gatewayLog.logger });
  });
  afterAll(async () => {
    await gateway.stop();
    await people.stop();
    await benefits.stop();
  });

  const withId = (lines: Record<string, unknown>[], id: string) => lines.filter((line) => line.requestId === id);

  it('carries an incoming x-request-id to both subgraphs and into every log line of the request', async () => {
    const { headers, body } = await post(gateway.url, QUERY, undefined, { ...caller, 'x-request-id': 'audit-2024-0001' });
    expect(body).toEqual({ data: { household: { name: 'household 5', benefit: 'benefit of 5' } } });
    expect(headers.get('x-request-id')).toBe('audit-2024-0001');
    for (const [service, log] of [['gateway', gatewayLog], ['people', peopleLog], ['benefits', benefitsLog]] as const) {
      expect(withId(log.lines, 'audit-2024-0001')).toEqual([expect.objectContaining({ service, level: 'info', msg: 'request', route: '/graphql', status: 200 })]);
    }
  });

  it('makes an id at the gateway when the client sends none (or a malformed one), and logs failures with it', async () => {
    control.delayMs = 3_000;
    const { headers, body } = await post(gateway.url, QUERY, undefined, { ...caller, 'x-request-id': 'bad id with spaces' });
    control.delayMs = 0;
    const id = headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(body.errors![0]!.extensions).toEqual(expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'benefits' }));
    expect(withId(gatewayLog.lines, id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', msg: 'subgraph fetch failed', subgraph: 'benefits', reason: 'timeout' }),
        expect.objectContaining({ level: 'error', code: 'SUBGRAPH_UNAVAILABLE', operation: 'HouseholdCard' }),
        expect.objectContaining({ level: 'info', msg: 'request', status: 200 }),
      ]),
    );
    expect(withId(peopleLog.lines, id)).toEqual([expect.objectContaining({ msg: 'request' })]);
    // benefits got the request too, under the same id, though the gateway stopped waiting.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(withId(benefitsLog.lines, id)).toEqual([expect.objectContaining({ msg: 'request' })]);
  });

  it('serves Prometheus metrics: requests, latency per operation and per subgraph, errors by code', async () => {
    await post(gateway.url, QUERY, undefined, caller);
    await post(gateway.url, '{ nope }', undefined, caller);
    const text = await (await fetch(`http://127.0.0.1:${gateway.port}/metrics`)).text();
    expect(text).toMatch(/^# TYPE hub_graphql_operation_duration_seconds histogram$/m);
    const gw = (name: string, labels: Record<string, string>) => sample(text, name, { service: 'gateway', ...labels });
    expect(gw('hub_graphql_operation_duration_seconds_count', { operation: 'HouseholdCard', type: 'query' })).toBe(3);
    expect(gw('hub_graphql_operation_duration_seconds_bucket', { operation: 'HouseholdCard', type: 'query', le: '+Inf' })).toBe(3);
    expect(gw('hub_graphql_operation_duration_seconds_count', { operation: 'anonymous', type: 'none' })).toBe(1);
    expect(gw('hub_subgraph_fetch_duration_seconds_count', { subgraph: 'people', outcome: 'ok' })).toBe(3);
    expect(gw('hub_subgraph_fetch_duration_seconds_count', { subgraph: 'benefits', outcome: 'ok' })).toBe(2);
    expect(gw('hub_subgraph_fetch_duration_seconds_count', { subgraph: 'benefits', outcome: 'timeout' })).toBe(1);
    expect(gw('hub_subgraph_unavailable_total', { subgraph: 'benefits', reason: 'timeout' })).toBe(1);
    expect(gw('hub_graphql_errors_total', { code: 'SUBGRAPH_UNAVAILABLE' })).toBe(1);
    expect(gw('hub_graphql_errors_total', { code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);
    expect(gw('hub_http_requests_total', { route: '/graphql', status: '200' })).toBe(3);
    expect(gw('hub_http_requests_total', { route: '/graphql', status: '400' })).toBe(1);
    expect(gw('hub_http_requests_in_flight', {})).toBe(0);
    expect(gw('hub_process_resident_memory_bytes', {})).toBeGreaterThan(0);

    const subgraphText = await (await fetch(people.url.replace(/graphql$/, 'metrics'))).text();
    // The gateway names subgraph operations after the client's: HouseholdCard__people__0.
    expect(sample(subgraphText, 'hub_graphql_operation_duration_seconds_count', { service: 'people', operation: 'HouseholdCard__people__0', type: 'query' })).toBe(3);
    expect(sample(subgraphText, 'hub_http_requests_total', { service: 'people', route: '/graphql', status: '200' })).toBe(3);
  });
});

describe('database pool usage in /metrics', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('pool_metrics');
  });
  afterAll(async () => {
    await database.drop();
  });

  it('reports the pool a subgraph hands to poolStats', async () => {
    const pool = new Pool({ connectionString: database.url, max: 3 });
    const file = path.join(tempDir('pool'), 'pool.graphql');
    writeFileSync(file, 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Query { now: String! }');
    const subgraph = await startSubgraph({
      name: 'pooled',
      schemaFile: file,
      port: 0,
      context: (access) => access,
      writeAudit: noAuditTrail,
      resolvers: { Query: { now: async () => String((await pool.query<{ now: Date }>('SELECT now()')).rows[0]!.now.toISOString()) } },
      poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
      onStop: () => pool.end(),
    });
    try {
      const fromGateway = await fixtureGatewayHeaders('pooled');
      const answers = await Promise.all([1, 2, 3].map(() => post(subgraph.url, '{ now }', undefined, fromGateway)));
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
      const text = await (await fetch(subgraph.url.replace(/graphql$/, 'metrics'))).text();
      const total = sample(text, 'hub_db_pool_connections', { service: 'pooled', state: 'total' })!;
      expect(total).toBeGreaterThanOrEqual(1);
      expect(total).toBeLessThanOrEqual(3);
      expect(sample(text, 'hub_db_pool_connections', { service: 'pooled', state: 'idle' })).toBe(total);
      expect(sample(text, 'hub_db_pool_connections', { service: 'pooled', state: 'waiting' })).toBe(0);
    } finally {
      await subgraph.stop();
    }
  });
});
