/**
 * npm start: the whole hub on one machine. Starts the embedded PostgreSQL (data kept in .data/postgres) unless
 * DATABASE_URL or <SUBGRAPH>_DATABASE_URL point elsewhere, applies every subgraph's migrations, loads demo data into
 * empty schemas, starts the four subgraphs and the gateway as separate processes, and prints the playground URL.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SUBGRAPH_NAMES, SUBGRAPHS, databaseUrlFor, portFor, type SubgraphName } from '@hub/database';
import { Client } from 'pg';
import { DEMO_COMMUNITY_CODE } from '../gateway/src/examples';
import { loadDemoData, migrateAll, type DatabaseUrls } from './lib/hub';
import { REPO_ROOT, embeddedPostgresSettings } from './lib/settings';

const children: ChildProcess[] = [];
let stopDatabase: (() => Promise<void>) | undefined;
let shuttingDown = false;

function launch(name: string, file: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = fork(path.join(REPO_ROOT, file), [], { execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!shuttingDown) console.error(`${name} exited (${signal ?? code}); the gateway keeps serving the other subgraphs`);
  });
  children.push(child);
  return child;
}

async function databaseUrls(): Promise<DatabaseUrls> {
  const given = SUBGRAPH_NAMES.map((name) => [name, databaseUrlFor(name)] as const);
  if (given.some(([, url]) => url)) {
    const missing = given.filter(([, url]) => !url).map(([name]) => `${SUBGRAPHS[name].envPrefix}_DATABASE_URL`);
    if (missing.length) throw new Error(`set DATABASE_URL, or every one of ${missing.join(', ')}`);
    console.log('using the PostgreSQL server(s) from the environment; no embedded server started');
    return Object.fromEntries(given) as DatabaseUrls;
  }
  const { startEmbeddedPostgres } = await import('@hub/database/src/embedded-postgres.mjs');
  const settings = embeddedPostgresSettings();
  const server = await startEmbeddedPostgres(settings);
  stopDatabase = server.stop;
  console.log(`embedded PostgreSQL on port ${settings.port}, data in ${settings.dataDir}`);
  return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, server.url])) as DatabaseUrls;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    await Promise.all(
      children.map((child) =>
        child.exitCode !== null || child.signalCode !== null ? undefined : new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
      ),
    );
    await stopDatabase?.();
  }
  process.exit(code);
}

/** A current resident of the playground token's community with a phone, so the person tab opens on real (masked) data. */
async function residentOfDemoCommunity(communityUrl: string): Promise<string | undefined> {
  const client = new Client({ connectionString: communityUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id_number: string }>(
      `SELECT p.id_number FROM community.person p
         JOIN community.household_membership m ON m.person_id = p.id AND m.end_date IS NULL
         JOIN community.household h ON h.id = m.household_id
        WHERE h.region_code = $1 AND p.phone IS NOT NULL
        ORDER BY h.household_number, p.birth_date LIMIT 1`,
      [DEMO_COMMUNITY_CODE],
    );
    return rows[0]?.id_number;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  const urls = await databaseUrls();
  const applied = await migrateAll(urls);
  const count = Object.values(applied).flat().length;
  console.log(count ? `applied ${count} migration(s)` : 'database schema up to date');
  const households = Number(process.env.HUB_DEMO_HOUSEHOLDS ?? 3000);
  const report = await loadDemoData(urls, { households });
  if (Object.keys(report.loaded).length) {
    console.log(`loaded demo data (${report.households} households, ${report.persons} persons) into ${Object.keys(report.loaded).join(', ')} in ${report.seconds.toFixed(1)} s`);
  }
  for (const name of SUBGRAPH_NAMES) {
    launch(name, `subgraphs/${name}/src/server.ts`, { DATABASE_URL: urls[name], [`${SUBGRAPHS[name].envPrefix}_PORT`]: String(portFor(name)) });
  }
  const subgraphUrls = Object.fromEntries(
    SUBGRAPH_NAMES.map((name: SubgraphName) => [`${SUBGRAPHS[name].envPrefix}_URL`, process.env[`${SUBGRAPHS[name].envPrefix}_URL`] ?? `http://127.0.0.1:${portFor(name)}/graphql`]),
  );
  const port = Number(process.env.PORT ?? 4000);
  const exampleIdNumber = process.env.PLAYGROUND_EXAMPLE_ID_NUMBER ?? (await residentOfDemoCommunity(urls.community));
  launch('gateway', 'gateway/src/server.ts', { ...subgraphUrls, PORT: String(port), ...(exampleIdNumber ? { PLAYGROUND_EXAMPLE_ID_NUMBER: exampleIdNumber } : {}) });
  const ready = await waitUntilReady(`http://127.0.0.1:${port}/ready`, 60_000);
  console.log(
    ready
      ? [
          '',
          'Household hub ready.',
          `  Playground: http://localhost:${port}/`,
          '              its Headers pane already holds a development token of a grid worker of 和平社区 (370703001001) and a purpose',
          '              (unmasked data and incomes: npm run -s token -- --role civil-affairs-officer)',
          `  GraphQL:    http://localhost:${port}/graphql   (Authorization: Bearer <token>; X-Purpose: <percent-encoded reason> for personal data)`,
          '  Tokens:     npm run -s token -- --role <role> [--region <code>]   (the demo roles: npm run -s token -- --list)',
          `  Readiness:  http://localhost:${port}/ready`,
          'Ctrl-C stops everything.',
          '',
        ].join('\n')
      : `\nthe hub did not become ready within 60 s; see http://localhost:${port}/ready\n`,
  );
}

main().catch(async (error) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
