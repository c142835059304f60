import path from "node:path";
import { databaseUrlFor, portFor } from "@hub/database";
import { writeAuditRecord } from "@hub/access";
import { startSubgraph, type RunningSubgraph } from "@hub/subgraph-runtime";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import type { Context } from "./context";
import { cadreRelativesFrom, type CadreRelatives } from "./data/community";
import { createDb, type CivilAffairsDb } from "./data/db";
import { createLoaders } from "./data/loaders";
import { todayIso } from "./domain/dates";
import { resolvers } from "./resolvers";

export const SCHEMA_FILE = path.resolve(
  __dirname,
  "../../../schema/civil-affairs.graphql",
);

export interface StartOptions {
  port?: number;
  databaseUrl?: string;
  /** Fixes "today" (YYYY-MM-DD) for tests and demos; the Beijing date otherwise. */
  today?: string;
  /** Other subgraphs' URLs; civil-affairs reads community's cadre relatives (default COMMUNITY_URL or port 4001). */
  subgraphUrls?: { community?: string };
  /** Replaces the community lookup of cadre relatives (tests of civil-affairs alone). */
  cadreRelatives?: CadreRelatives;
}

export async function start(
  options: StartOptions = {},
): Promise<RunningSubgraph & { db: CivilAffairsDb }> {
  const databaseUrl = options.databaseUrl ?? databaseUrlFor("civil-affairs");
  if (!databaseUrl)
    throw new Error(
      "civil-affairs: set CIVIL_AFFAIRS_DATABASE_URL or DATABASE_URL",
    );
  const db = createDb(databaseUrl);
  const given = options.cadreRelatives;
  const cadreRelatives = given
    ? () => given
    : cadreRelativesFrom(
      options.subgraphUrls?.community ??
        process.env.COMMUNITY_URL ??
        `http://127.0.0.1:${portFor("community")}/graphql`,
    );
  const running = await startSubgraph<Context>({
    name: "civil-affairs",
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    port: options.port ?? portFor("civil-affairs"),
    context: (access) => {
      const today = options.today ?? todayIso();
      return { ...access, db, loaders: createLoaders(db, access.caller), today, cadreRelatives: cadreRelatives(access.onwardTokens.community) };
    },
    writeAudit: (record) => writeAuditRecord(db.pool, "civil_affairs", record),
    poolStats: db.poolStats,
    onStop: db.close,
  });
  return { ...running, db };
}

if (require.main === module) {
  start().then(
    (running) => console.log(`civil-affairs subgraph ready at ${running.url}`),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
