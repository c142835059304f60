/**
 * npm run generate: the Prisma client and the GraphQL resolver types of every subgraph.
 * Both are build outputs (git-ignored), generated from prisma/<subgraph>/schema.prisma and schema/<subgraph>.graphql.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { SUBGRAPH_NAMES } from '@hub/database';
import { REPO_ROOT } from './lib/settings';

const bin = (name: string): string => path.join(REPO_ROOT, 'node_modules', '.bin', name);
// `prisma generate` reads no database; the datasource only needs some URL to parse.
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:54329/hub', PRISMA_HIDE_UPDATE_MESSAGE: '1' };

// `npm run generate -- <subgraph>` regenerates one subgraph only.
const only = process.argv.slice(2);
const names = only.length > 0 ? SUBGRAPH_NAMES.filter((name) => only.includes(name)) : SUBGRAPH_NAMES;

for (const name of names) {
  const prismaSchema = path.join(REPO_ROOT, 'prisma', name, 'schema.prisma');
  if (existsSync(prismaSchema)) {
    execFileSync(bin('prisma'), ['generate', '--schema', prismaSchema], { cwd: REPO_ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const subgraphDir = path.join(REPO_ROOT, 'subgraphs', name);
  if (existsSync(path.join(subgraphDir, 'codegen.ts'))) {
    execFileSync(bin('graphql-codegen'), ['--config', 'codegen.ts'], { cwd: subgraphDir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  }
}
console.log(`generated Prisma clients and resolver types for ${names.join(', ')}`);
