/**
 * A small federated hub for the access tests: two tiny subgraphs named like the real ones
 * (community owns Person and supervision files; civil-affairs adds enrolment, income, disability and
 * a dashboard), each behind the gateway-token check with directive enforcement and audit, and an
 * ApolloGateway wrapped with withAccessControl and the edge options, all on real HTTP.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import express from 'express';
import { parse } from 'graphql';
import { Pool } from 'pg';
import {
  accessSubgraphHeader,
  AUDIT_ENTRY_SDL,
  applySubgraphAccessControl,
  AuditCollector,
  auditPlugin,
  requestedAuditNotes,
  createGatewayTokenSigner,
  createGatewayTokenVerifier,
  createTokenVerifier,
  edgeServerOptions,
  gatewayContext,
  gatewayTokenHook,
  readAuditRecords,
  requireGatewayToken,
  requireVisiblePrefixes,
  visibleOrNull,
  withAccessControl,
  writeAuditRecord,
  type Caller,
  type EdgeLimits,
  type GatewayContext,
  type GatewayKey,
  type RateLimiter,
  type RequestWithCaller,
} from '../../src';

export const CALLER_SECRET = 'caller-token-secret-for-the-access-tests';
export const GATEWAY_KEY: GatewayKey = { alg: 'HS256', secret: 'gateway-token-secret-for-the-access-tests' };

export interface PersonRow {
  id: string;
  name: string;
  regionCode: string;
  idNumber: string;
  phone: string;
}

export const PERSONS: PersonRow[] = [
  { id: 'p1', name: '王秀兰', regionCode: '370703001001', idNumber: '370703195803124527', phone: '13853612345' },
  { id: 'p2', name: '李建国', regionCode: '370703002001', idNumber: '370703196511083014', phone: '13953698765' },
  { id: 'p3', name: '张伟', regionCode: '370702001001', idNumber: '370702198802154419', phone: '15063645678' },
];
const SUPERVISION: Record<string, { note: string; overdue: boolean }> = {
  p1: { note: '本季度已面谈', overdue: false },
  p2: { note: '每季度面谈, 已就业', overdue: true },
};
const RELIEF: Record<string, { regionCode: string; enrolled: boolean; incomeFen: number; disabilityGrade: number | null }> = {
  p1: { regionCode: '370703001001', enrolled: true, incomeFen: 52000, disabilityGrade: 2 },
  p2: { regionCode: '370703002001', enrolled: false, incomeFen: 180000, disabilityGrade: null },
  p3: { regionCode: '370702001001', enrolled: true, incomeFen: 30000, disabilityGrade: 1 },
};

export const COMMUNITY_SDL = `${accessSubgraphHeader()}
type Query {
  person(id: ID!): Person
  personByIdNumber(idNumber: String!): Person
  people(regionCode: String!, first: Int = 20): [Person!]!
  me: String @hubAuthenticated
  auditTrail(personId: ID!): [AccessAuditEntry!]! @hubScopes(anyOf: [["audit:read"]])
}
type Mutation {
  renamePerson(id: ID!, name: String!): Person
}
type Person @key(fields: "id") {
  id: ID!
  name: String!
  regionCode: String!
  idNumber: String @hubMasked(as: "ID_NUMBER")
  phone: String @hubMasked(as: "PHONE")
  supervision: SupervisionFile
}
type SupervisionFile @hubScopes(anyOf: [["supervision:read"]]) {
  personId: ID!
  note: String @hubAudited(category: "SUPERVISION", personIdFrom: "personId")
  overdue: Boolean!
}
scalar DateTime
${AUDIT_ENTRY_SDL}`;

export const CIVIL_AFFAIRS_SDL = `${accessSubgraphHeader()}
type Query {
  dibaoStats(regionCode: String!): DibaoStats @hubScopes(anyOf: [["dashboard:read"], ["civil-affairs:read"]])
}
type DibaoStats {
  enrolledPersons: Int!
}
type Person @key(fields: "id") {
  id: ID!
  enrolled: Boolean
  incomeFen: Int @hubScopes(anyOf: [["civil-affairs:read", "income:read"]]) @hubAudited(category: "INCOME")
  disabilityGrade: Int @hubAudited(category: "DISABILITY")
}
`;

interface SubgraphContext extends BaseContext {
  caller: Caller;
  audit: AuditCollector;
}

const communityResolvers: GraphQLResolverMap<SubgraphContext> = {
  Query: {
    person: (_: unknown, { id }: { id: string }, { caller }: SubgraphContext) => visibleOrNull(caller, PERSONS.find((p) => p.id === id), (p) => p.regionCode),
    personByIdNumber: (_: unknown, { idNumber }: { idNumber: string }, { caller }: SubgraphContext) =>
      visibleOrNull(caller, PERSONS.find((p) => p.idNumber === idNumber), (p) => p.regionCode),
    people: (_: unknown, { regionCode }: { regionCode: string }, { caller }: SubgraphContext) => {
      const prefixes = requireVisiblePrefixes(caller, regionCode);
      return PERSONS.filter((p) => prefixes.some((prefix) => p.regionCode.startsWith(prefix)));
    },
    me: (_: unknown, __: unknown, { caller }: SubgraphContext) => caller.subject,
  },
  Mutation: {
    renamePerson: (_: unknown, { id, name }: { id: string; name: string }, { caller }: SubgraphContext) => {
      const person = visibleOrNull(caller, PERSONS.find((p) => p.id === id), (p) => p.regionCode);
      return person ? { ...person, name } : null;
    },
  },
  Person: {
    __resolveReference: ({ id }: { id: string }, { caller }: SubgraphContext) => visibleOrNull(caller, PERSONS.find((p) => p.id === id), (p) => p.regionCode),
    supervision: (person: PersonRow) => (SUPERVISION[person.id] ? { personId: person.id, ...SUPERVISION[person.id] } : null),
  },
};

function civilAffairsResolvers(): GraphQLResolverMap<SubgraphContext> {
  return {
    Query: {
      dibaoStats: (_: unknown, { regionCode }: { regionCode: string }, { caller }: SubgraphContext) => {
        const prefixes = requireVisiblePrefixes(caller, regionCode);
        const enrolledPersons = Object.values(RELIEF).filter((r) => r.enrolled && prefixes.some((prefix) => r.regionCode.startsWith(prefix))).length;
        return { enrolledPersons };
      },
    },
    Person: {
      // Jurisdiction from this subgraph's own copy of the region code, whatever the entry point.
      __resolveReference: ({ id }: { id: string }, { caller }: SubgraphContext) => {
        const row = visibleOrNull(caller, RELIEF[id], (r) => r.regionCode);
        return row ? { id, ...row } : null;
      },
    },
  };
}

export interface Running {
  url: string;
  stop: () => Promise<void>;
}

async function listen(app: express.Express): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` };
}

async function startTestSubgraph(
  name: string,
  sdl: string,
  resolvers: GraphQLResolverMap<SubgraphContext>,
  pool: Pool,
  schemaName: string,
  received: string[],
): Promise<Running> {
  const typeDefs = parse(sdl);
  const access = { subgraph: name, callerOf: (context: SubgraphContext) => context.caller, auditOf: (context: SubgraphContext) => context.audit };
  const schema = applySubgraphAccessControl(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }), typeDefs, access);
  const server = new ApolloServer<SubgraphContext>({
    schema,
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      auditPlugin<SubgraphContext>({
        subgraph: name,
        callerOf: (context) => context.caller,
        auditOf: (context) => context.audit,
        write: (record) => writeAuditRecord(pool, schemaName, record),
        noteRequested: requestedAuditNotes(schema, typeDefs, access),
      }),
    ],
  });
  await server.start();
  const app = express();
  app.use(
    '/graphql',
    requireGatewayToken(createGatewayTokenVerifier(GATEWAY_KEY, name)),
    express.json(),
    (req: express.Request, _res: express.Response, next: express.NextFunction) => {
      received.push(String((req.body as { query?: unknown } | undefined)?.query));
      next();
    },
    expressMiddleware(server, { context: async ({ req }) => ({ caller: (req as RequestWithCaller).hubCaller!, audit: new AuditCollector() }) }),
  );
  const { server: httpServer, url } = await listen(app);
  return {
    url,
    stop: async () => {
      await server.stop();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

export interface TestHub {
  gatewayUrl: string;
  subgraphUrls: Record<'community' | 'civil-affairs', string>;
  /** The operations each subgraph accepted (after the gateway-token check), in order. */
  received: Record<'community' | 'civil-affairs', string[]>;
  supergraphSdl: string;
  stop: () => Promise<void>;
}

export function composeTestSupergraph(urls: Record<string, string>): string {
  const result = composeServices([
    { name: 'community', url: urls.community!, typeDefs: parse(COMMUNITY_SDL) },
    { name: 'civil-affairs', url: urls['civil-affairs']!, typeDefs: parse(CIVIL_AFFAIRS_SDL) },
  ]);
  if (result.errors || !result.supergraphSdl) throw new Error(`composition failed: ${result.errors?.map((e) => e.message).join('; ')}`);
  if (result.hints.length > 0) throw new Error(`composition hints: ${result.hints.map((h) => h.message).join('; ')}`);
  return result.supergraphSdl;
}

export async function startTestHub(options: { databaseUrl: string; production?: boolean; limits?: Partial<EdgeLimits>; rateLimiter?: RateLimiter }): Promise<TestHub> {
  const pool = new Pool({ connectionString: options.databaseUrl, max: 4 });
  const received = { community: [] as string[], 'civil-affairs': [] as string[] };
  const community = await startTestSubgraph('community', COMMUNITY_SDL, {
    ...communityResolvers,
    Query: {
      ...(communityResolvers.Query as object),
      auditTrail: async (_: unknown, { personId }: { personId: string }) => {
        const rows = [...(await readAuditRecords(pool, 'community', { personId })), ...(await readAuditRecords(pool, 'civil_affairs', { personId }))];
        return rows;
      },
    },
  }, pool, 'community', received.community);
  const civilAffairs = await startTestSubgraph('civil-affairs', CIVIL_AFFAIRS_SDL, civilAffairsResolvers(), pool, 'civil_affairs', received['civil-affairs']);
  const subgraphUrls = { community: community.url, 'civil-affairs': civilAffairs.url };
  const supergraphSdl = composeTestSupergraph(subgraphUrls);

  const sign = createGatewayTokenSigner(GATEWAY_KEY);
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) => {
      const hook = gatewayTokenHook(sign, name);
      return new (class extends RemoteGraphQLDataSource<GatewayContext & Record<string, unknown>> {
        override willSendRequest = hook;
      })({ url });
    },
  });
  const edge = edgeServerOptions<GatewayContext>({ production: options.production ?? false, limits: options.limits });
  const server = new ApolloServer<GatewayContext>({ gateway: withAccessControl(gateway, { callerOf: (context: GatewayContext) => context.caller }), ...edge });
  await server.start();
  const app = express();
  app.use(
    '/graphql',
    express.json(),
    expressMiddleware(server, { context: gatewayContext({ verify: createTokenVerifier({ secret: CALLER_SECRET }), rateLimiter: options.rateLimiter }) }),
  );
  const { server: httpServer, url } = await listen(app);
  return {
    gatewayUrl: url,
    subgraphUrls,
    received,
    supergraphSdl,
    stop: async () => {
      await server.stop();
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
      await community.stop();
      await civilAffairs.stop();
      await pool.end();
    },
  };
}

export interface GraphQLAnswer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
  headers: Headers;
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLAnswer> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: GraphQLAnswer['body'];
  try {
    parsed = JSON.parse(text) as GraphQLAnswer['body'];
  } catch {
    parsed = { errors: [{ message: text }] };
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
