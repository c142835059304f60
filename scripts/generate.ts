/**
 * npm run generate: the Prisma client and the GraphQL resolver types of every subgraph.
 * Both are build outputs (git-ignored), generated from prisma/<subgraph>/schema.prisma and schema/<subgraph>.graphql.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import { SUBGRAPH_NAMES } from '@hub/database';
import { REPO_ROOT } from './lib/settings';

const bin = (name: string): string => path.join(REPO_ROOT, 'node_modules', '.bin', name);
// `prisma generate` reads no database; the datasource only needs some URL to parse.
const env = { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://hub:hub@127.0.0.1:54329/hub', PRISMA_HIDE_UPDATE_MESSAGE: '1' };

/** Quiet on success (Prisma chats on stderr); on failure, everything the tool said. */
function run(command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failure = error as { stdout?: Buffer; stderr?: Buffer };
    process.stderr.write(`${failure.stdout ?? ''}${failure.stderr ?? ''}`);
    throw new Error(`${path.basename(command)} ${args.join(' ')} failed in ${path.relative(REPO_ROOT, cwd) || '.'}`);
  }
}

// `npm run generate -- <subgraph>` regenerates one subgraph only.
const only = process.argv.slice(2);
const names = only.length > 0 ? SUBGRAPH_NAMES.filter((name) => only.includes(name)) : SUBGRAPH_NAMES;

for (const name of names) {
  const prismaSchema = path.join(REPO_ROOT, 'prisma', name, 'schema.prisma');
  if (existsSync(prismaSchema)) {
    run(bin('prisma'), ['generate', '--schema', prismaSchema], REPO_ROOT);
  }
  const subgraphDir = path.join(REPO_ROOT, 'subgraphs', name);
  if (existsSync(path.join(subgraphDir, 'codegen.ts'))) {
    try {
      run(bin('graphql-codegen'), ['--config', 'codegen.ts', '--silent=false'], subgraphDir);
    } catch (error) {
      // graphql-codegen can exit without a word on an unparsable schema: name the parse error ourselves.
      parse(readFileSync(path.join(REPO_ROOT, 'schema', `${name}.graphql`), 'utf8'));
      throw error;
    }
  }
}
console.log(`generated Prisma clients and resolver types for ${names.join(', ')}`);
