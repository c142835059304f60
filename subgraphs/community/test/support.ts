import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import type { Caller } from '@hub/access';
import { gatewayHeaders } from '../../../test/support/access';

/** Response data as tests read it: shapes are asserted, not declared. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Data = any;

export type Running = Awaited<ReturnType<typeof start>>;

/** A GraphQL answer as it came back: data and errors side by side. */
export interface Answer {
  data?: Data;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface Harness {
  database: TestDatabase;
  running: Running;
  /** Runs an operation as a caller with every scope over every test region (and a purpose); throws on any error. */
  gql: <T = Record<string, Data>>(document: string, variables?: Record<string, unknown>) => Promise<T>;
  /** Runs an operation as `caller` (the gateway's token for it) and returns the whole answer, errors included. */
  as: (caller: Caller, document: string, variables?: Record<string, unknown>) => Promise<Answer>;
  sql: <T extends Record<string, unknown> = Record<string, Data>>(text: string, params?: unknown[]) => Promise<T[]>;
  /** A fingerprint of every table of the community schema: equal before and after means nothing was written. */
  fingerprint: () => Promise<string>;
  stop: () => Promise<void>;
}

/** A fresh database with the community migrations and the subgraph running in-process on it. */
export async function startHarness(prefix: string, today: string): Promise<Harness> {
  const database = await createTestDatabase(prefix, ['community']);
  const running = await start({ port: 0, databaseUrl: database.url, today: () => today });
  const post = async (headers: Record<string, string>, document: string, variables: Record<string, unknown>): Promise<Answer> => {
    const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: document, variables }) });
    return (await response.json()) as Answer;
  };
  const gql = async <T,>(document: string, variables: Record<string, unknown> = {}): Promise<T> => {
    const body = await post(await gatewayHeaders('community'), document, variables);
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const as = async (caller: Caller, document: string, variables: Record<string, unknown> = {}): Promise<Answer> => post(await gatewayHeaders('community', caller), document, variables);
  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => query<T>(database.url, text, params);
  const fingerprint = async (): Promise<string> => {
    const tables = await sql<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'community' AND table_type = 'BASE TABLE' ORDER BY table_name`);
    const union = tables
      .map(({ table_name }) => `SELECT '${table_name}' AS t, count(*)::text AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "community"."${table_name}" x`)
      .join(' UNION ALL ');
    const rows = await sql<{ t: string; n: string; h: string }>(`${union} ORDER BY t`);
    return rows.map((r) => `${r.t}:${r.n}:${r.h}`).join('\n');
  };
  return {
    database,
    running,
    gql,
    as,
    sql,
    fingerprint,
    stop: async () => {
      await running.stop();
      await database.drop();
    },
  };
}
