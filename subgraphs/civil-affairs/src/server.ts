import path from "node:path";
import { portFor } from "@hub/database";
import {
  serveSubgraph,
  startWhenRunDirectly,
  subgraphDatabaseUrl,
  type SubgraphParts,
} from "@hub/subgraph-runtime";
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

export interface PartsOptions {
  databaseUrl?: string;
  /** Fixes "today" (YYYY-MM-DD) for tests and demos; the Beijing date otherwise. */
  today?: string;
  /** Other subgraphs' URLs; civil-affairs reads community's cadre relatives (default COMMUNITY_URL or port 4001). */
  subgraphUrls?: { community?: string };
  /** Replaces the community lookup of cadre relatives (tests of civil-affairs alone). */
  cadreRelatives?: CadreRelatives;
}

export interface StartOptions extends PartsOptions {
  port?: number;
}

export function parts(
  options: PartsOptions = {},
): SubgraphParts<Context, CivilAffairsDb> {
  const db = createDb(subgraphDatabaseUrl("civil-affairs", options.databaseUrl));
  const given = options.cadreRelatives;
  // Asked with the token the gateway signed for community on the caller's behalf.
  const cadreRelatives = given
    ? () => given
    : cadreRelativesFrom(
        options.subgraphUrls?.community ??
          process.env.COMMUNITY_URL ??
          `http://127.0.0.1:${portFor("community")}/graphql`,
      );
  return {
    name: "civil-affairs",
    schemaFile: SCHEMA_FILE,
    resolvers: resolvers as GraphQLResolverMap<Context>,
    db,
    context: (access) => ({
      ...access,
      db,
      loaders: access.perExecution('loaders', () => createLoaders(db, access.caller)),
      today: options.today ?? todayIso(),
      cadreRelatives: cadreRelatives(access.onwardTokens.community),
    }),
  };
}

export const start = (options: StartOptions = {}) =>
  serveSubgraph(parts(options), options.port);

startWhenRunDirectly(module, start);
