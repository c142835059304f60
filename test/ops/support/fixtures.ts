import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { composeServices } from '@apollo/composition';
import { createLogger, startSubgraph, type Logger, type RunningSubgraph } from '@hub/subgraph-runtime';
import { ALL_SCOPES } from '@hub/access';
import { parse } from 'graphql';
import { callerHeaders, fullAccessCaller, gatewayHeaders } from '../../support/access';

/**
 * Two small subgraphs for operations tests, independent of the real programmes: `people` owns Household,
 * `benefits` adds a field to it whose delay the test controls, and a mutation that counts its calls.
 */
export const PEOPLE_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Household @key(fields: "id") { id: ID! name: String! }
type Query { household(id: ID!): Household }
`;

export const BENEFITS_SDL = `
extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Household @key(fields: "id") { id: ID! benefit: String }
type Query { benefitsVersion: String }
type Mutation { grant(id: ID!): Int }
`;

/**
 * The toy subgraphs' own scopes: without access directives in their SDL, a field of theirs needs
 * `<subgraph>:read` (`:write` on Mutation), as for the real four.
 */
export const FIXTURE_SCOPES: readonly string[] = ['people', 'benefits', 'writer', 'pooled'].flatMap((name) => [`${name}:read`, `${name}:write`]);

/** Headers of a caller to the gateway with every scope, the toy subgraphs' included (and a purpose). */
export function fixtureCallerHeaders(): Promise<Record<string, string>> {
  return callerHeaders({ scopes: [...ALL_SCOPES, ...FIXTURE_SCOPES] });
}

/** Headers the gateway would send to a toy subgraph for that caller, for tests that call the subgraph directly. */
export function fixtureGatewayHeaders(subgraph: string): Promise<Record<string, string>> {
  return gatewayHeaders(subgraph, { ...fullAccessCaller(), scopes: new Set([...ALL_SCOPES, ...FIXTURE_SCOPES]) });
}

/** For the small test subgraphs: they serve no audited field, so an audit write would be a bug; fail closed. */
export async function noAuditTrail(): Promise<void> {
  throw new Error('this test subgraph keeps no audit trail');
}

export function tempDir(prefix: string): string {
  return mkdtempSync(path.join(tmpdir(), `hub-${prefix}-`));
}

/** Composes subgraph SDLs into a supergraph file; throws on a composition error. */
export function writeSupergraph(file: string, services: { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(services.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
  writeFileSync(file, result.supergraphSdl);
  return result.supergraphSdl;
}

export interface BenefitsControl {
  /** Milliseconds `Household.benefit` waits before answering. */
  delayMs: number;
  grants: number;
}

export async function startPeople(port = 0, logger?: Logger): Promise<RunningSubgraph> {
  const dir = tempDir('people');
  writeFileSync(path.join(dir, 'people.graphql'), PEOPLE_SDL);
  return startSubgraph({
    name: 'people',
    schemaFile: path.join(dir, 'people.graphql'),
    port,
    logger,
    context: (access) => access,
    writeAudit: noAuditTrail,
    resolvers: {
      Query: { household: (_: unknown, { id }: { id: string }) => ({ id, name: `household ${id}` }) },
      Household: { __resolveReference: ({ id }: { id: string }) => ({ id, name: `household ${id}` }) },
    },
  });
}

export async function startBenefits(control: BenefitsControl, port = 0, logger?: Logger): Promise<RunningSubgraph> {
  const dir = tempDir('benefits');
  writeFileSync(path.join(dir, 'benefits.graphql'), BENEFITS_SDL);
  // unref: a request the gateway gave up on must not keep the test process alive.
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  return startSubgraph({
    name: 'benefits',
    schemaFile: path.join(dir, 'benefits.graphql'),
    port,
    logger,
    context: (access) => access,
    writeAudit: noAuditTrail,
    resolvers: {
      Query: { benefitsVersion: () => '1' },
      Mutation: {
        grant: () => {
          control.grants += 1;
          return control.grants;
        },
      },
      Household: {
        __resolveReference: ({ id }: { id: string }) => ({ id }),
        benefit: async ({ id }: { id: string }) => {
          await sleep(control.delayMs);
          return `benefit of ${id}`;
        },
      },
    },
  });
}

/** A port nothing listens on (listen on 0, note it, close). */
export async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A logger writing JSON lines into an array, for asserting on log content. */
export function memoryLogger(service: string): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const previous = process.env.LOG_LEVEL;
  process.env.LOG_LEVEL = 'info';
  const logger = createLogger(service, stream);
  if (previous === undefined) delete process.env.LOG_LEVEL;
  else process.env.LOG_LEVEL = previous;
  return { logger, lines };
}

/** POSTs a GraphQL operation; returns status, headers and the parsed body. */
export async function post(url: string, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  const text = await response.text();
  let body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    body = { errors: [{ message: text }] };
  }
  return { status: response.status, headers: response.headers, body };
}

/**
 * An HTTP proxy in front of a subgraph that resets the first `drop` connections' requests (as a crashed or
 * restarting replica would) and forwards the rest; counts what reached it.
 */
export async function startResettingProxy(target: string, drop: number): Promise<{ url: string; attempts: () => number; stop: () => Promise<void> }> {
  let attempts = 0;
  const targetUrl = new URL(target);
  const server = http.createServer((req, res) => {
    attempts += 1;
    if (attempts <= drop) {
      req.socket.destroy();
      return;
    }
    const upstream = http.request({ host: targetUrl.hostname, port: targetUrl.port, path: targetUrl.pathname, method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    attempts: () => attempts,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
