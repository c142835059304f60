/**
 * npm run demo-data -- [--households N] [--seed S] [--replace] [--profile]
 * Loads the deterministic demo data into the hub's database(s): DATABASE_URL / <SUBGRAPH>_DATABASE_URL, or the
 * embedded PostgreSQL. Schemas that already hold data are left alone unless --replace empties them first.
 * --profile loads the subgraphs one after another and prints where each one's time went, COPY by COPY.
 */
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, SUBGRAPHS, databaseUrlFor } from '@hub/database';
import { dataTables, loadDemoData, migrateAll, type DatabaseUrls, type SubgraphProfile } from './lib/hub';
import { embeddedPostgresSettings } from './lib/settings';

async function emptySchema(url: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await dataTables(client, schema);
    if (tables.length) await client.query(`TRUNCATE ${tables.join(', ')}`);
  } finally {
    await client.end();
  }
}

function printProfile(name: string, profile: SubgraphProfile): void {
  const s = (seconds: number): string => `${seconds.toFixed(2)} s`;
  console.log(
    `\n${name}: loader ${s(profile.loaderSeconds)} (in COPY ${s(profile.copySeconds)}, creating indexes ${s(profile.indexSeconds)}, ` +
      `the rest building rows), summary rebuilt in ${s(profile.summarySeconds)}, COMMIT ${s(profile.commitSeconds)}, ANALYZE ${s(profile.analyzeSeconds)}`,
  );
  for (const copy of [...profile.copies].sort((a, b) => b.seconds - a.seconds).filter((c) => c.seconds >= 0.05)) {
    console.log(`  ${copy.table.padEnd(44)} ${String(copy.rows).padStart(8)} rows  ${s(copy.seconds).padStart(8)}  node CPU ${s(copy.cpuSeconds)}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { households: { type: 'string', default: '3000' }, seed: { type: 'string' }, replace: { type: 'boolean', default: false }, profile: { type: 'boolean', default: false } } });
  const households = Number(values.households);
  if (!Number.isInteger(households) || households < 1) throw new Error(`--households must be a positive whole number, got ${values.households}`);
  let stop: (() => Promise<void>) | undefined;
  let urls: DatabaseUrls;
  if (SUBGRAPH_NAMES.every((name) => databaseUrlFor(name))) {
    urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, databaseUrlFor(name)!])) as DatabaseUrls;
  } else {
    const { startEmbeddedPostgres } = await import('@hub/database/src/embedded-postgres.mjs');
    const server = await startEmbeddedPostgres(embeddedPostgresSettings());
    stop = server.stop;
    urls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, server.url])) as DatabaseUrls;
  }
  try {
    await migrateAll(urls);
    if (values.replace) for (const name of SUBGRAPH_NAMES) await emptySchema(urls[name], SUBGRAPHS[name].schema);
    const report = await loadDemoData(urls, { households, seed: values.seed === undefined ? undefined : Number(values.seed), profile: values.profile });
    const skipped = SUBGRAPH_NAMES.filter((name) => !report.loaded[name]);
    console.log(
      `${report.households} households, ${report.persons} persons generated and loaded in ${report.seconds.toFixed(1)} s ` +
        `(${Math.round(report.persons / report.seconds)} persons/s)` +
        (skipped.length ? `; left alone because they already hold data: ${skipped.join(', ')} (use --replace)` : ''),
    );
    if (report.timings.population !== undefined) console.log(`  population generated in ${report.timings.population.toFixed(1)} s`);
    for (const [name, counts] of Object.entries(report.loaded)) {
      console.log(`  ${name} (${report.timings[name]!.toFixed(1)} s): ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
    for (const [name, profile] of Object.entries(report.profile ?? {})) printProfile(name, profile);
  } finally {
    await stop?.();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
