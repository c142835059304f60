/**
 * npm run bench [-- --households 100000 --seconds 4 --connections 10 --rounds 2 --scale]
 *
 * Starts its own embedded PostgreSQL (pg_stat_statements preloaded, one database per subgraph so statements
 * count per subgraph), loads a generated dataset, starts every subgraph and the hub's gateway as their own
 * processes, plus two references on the same data (the monolith: all subgraphs in one Apollo Server; Hive
 * Gateway on the same supergraph), drives each scenario with autocannon, alternating hub and reference pair
 * by pair, and prints one table, also written as JSON and Markdown under bench/results/. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { SUBGRAPH_NAMES, SUBGRAPHS, type SubgraphName } from '@hub/database';
import { generatePopulation } from '@hub/demo-population';
import { loadDemoData, migrateAll, type DatabaseUrls } from '../scripts/lib/hub';
import { prepareAccess, type BenchAccess } from './lib/access';
import { drive, driveSequential, post, type LoadResult } from './lib/load';
import { makeSnapshot } from './lib/snapshot';
import { startBenchPostgres, type BenchPostgres, type TopStatement } from './lib/postgres';
import { cpuMs, peakRssMiB, resetPeakRss, spawnService, type ServiceProcess } from './lib/processes';
import { renderMarkdown, renderTable, type PageStatementDifference, type Report, type ScaleFigures, type ScenarioReport, type TargetSummary } from './lib/report';
import {
  loadSupergraph,
  pageScenario,
  readScenarios,
  writeCandidates,
  writeScenario,
  type Sample,
  type Scenario,
  type SupergraphInfo,
} from './lib/scenarios';
import { geometricMean, median, ratio, round } from './lib/stats';

const REPO_ROOT = path.resolve(__dirname, '..');
const SUPERGRAPH_FILE = path.join(REPO_ROOT, 'schema', 'supergraph.graphql');

interface Options {
  households: number;
  seconds: number;
  warmup: number;
  connections: number;
  rounds: number;
  /** Levels of nested programme objects selected under Household and Person. */
  depth: number;
  references: string[];
  scenarios: string[];
  scale: boolean;
  scaleOnly: boolean;
  /** Start everything, print the URLs and queries, and wait (for looking into a figure). */
  serve: boolean;
  /** Measure this commit (git archive into the work directory) instead of the working tree. */
  snapshot?: string;
  /** Set by --snapshot for the run inside the copy: which commit was measured. */
  commit?: string;
  scaleSizes: [number, number];
  pgPort: number;
  portBase: number;
  seed: number;
  out: string;
}

function parseOptions(argv: string[]): Options {
  const options: Options = {
    households: 100_000,
    seconds: 5,
    warmup: 2,
    connections: 8,
    rounds: 2,
    depth: 1,
    references: ['monolith', 'hive'],
    scenarios: ['1', '2', '3', '4', '5'],
    scale: false,
    scaleOnly: false,
    serve: false,
    scaleSizes: [10_000, 330_000],
    pgPort: 55433,
    portBase: 55400,
    seed: 20261129,
    out: path.join(REPO_ROOT, 'bench', 'results'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    const number = (): number => {
      const n = Number(value());
      if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} needs a positive number`);
      return n;
    };
    switch (flag) {
      case '--households': options.households = Math.round(number()); break;
      case '--seconds': options.seconds = number(); break;
      case '--warmup': options.warmup = number(); break;
      case '--connections': options.connections = Math.round(number()); break;
      case '--rounds': options.rounds = Math.round(number()); break;
      case '--depth': options.depth = Math.round(number()); break;
      case '--references': options.references = value().split(',').filter((r) => r && r !== 'none'); break;
      case '--scenarios': options.scenarios = value().split(','); break;
      case '--scale': options.scale = true; break;
      case '--serve': options.serve = true; break;
      case '--commit': options.commit = value(); break;
      case '--snapshot': options.snapshot = argv[i + 1] && !argv[i + 1]!.startsWith('--') ? value() : 'HEAD'; break;
      case '--scale-only': options.scale = true; options.scaleOnly = true; break;
      case '--scale-sizes': {
        const [small, large] = value().split(',').map(Number);
        if (!small || !large) throw new Error('--scale-sizes needs two numbers, e.g. 10000,330000');
        options.scaleSizes = [small, large];
        break;
      }
      case '--pg-port': options.pgPort = Math.round(number()); break;
      case '--port-base': options.portBase = Math.round(number()); break;
      case '--seed': options.seed = Math.round(number()); break;
      case '--out': options.out = path.resolve(value()); break;
      case '--help':
        console.log(fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8').split('\n## ')[1]);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${flag} (see bench/README.md)`);
    }
  }
  return options;
}

const cleanups: (() => Promise<void>)[] = [];
/** This run's keys and caller (set in main before anything starts): every target is called as the same caller. */
let access: BenchAccess;
const log = (message: string): void => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const beijingToday = (): string => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Subgraphs present in this checkout (others may still be under construction). */
function presentSubgraphs(): SubgraphName[] {
  return SUBGRAPH_NAMES.filter((name) => fs.existsSync(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'server.ts')));
}

function ensureGenerated(names: SubgraphName[]): void {
  const missing = names.filter((name) => !fs.existsSync(path.join(REPO_ROOT, 'subgraphs', name, 'src', 'generated', 'prisma')));
  if (missing.length === 0) return;
  log(`generating Prisma clients and resolver types (missing for ${missing.join(', ')})`);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/generate.ts', ...missing], { cwd: REPO_ROOT, stdio: 'inherit' });
}

interface Dataset {
  tag: string;
  households: number;
  persons: number;
  urls: DatabaseUrls;
  databases: Record<SubgraphName, string>;
  /** Subgraphs migrated and served. */
  served: SubgraphName[];
  /** What went wrong per subgraph (migration or demo load). */
  problems: Record<string, string>;
  loadSeconds: number;
  personsPerSecond: number;
  /** generatePopulation alone, timed apart: the rest of loadSeconds is the subgraphs' loaders. */
  generationSeconds: number;
  /** The VACUUM after the load, outside loadSeconds (see prepareDataset). */
  vacuumSeconds: number;
}

async function prepareDataset(pg: BenchPostgres, names: SubgraphName[], households: number, seed: number, tag: string): Promise<Dataset> {
  const databases = Object.fromEntries(names.map((name) => [name, `bench_${tag}_${SUBGRAPHS[name].schema}`])) as Record<SubgraphName, string>;
  await pg.createDatabases(Object.values(databases));
  const urls = Object.fromEntries(names.map((name) => [name, pg.urlFor(databases[name])])) as DatabaseUrls;
  const problems: Record<string, string> = {};
  let served: SubgraphName[] = [];
  for (const name of names) {
    try {
      await migrateAll(urls, [name]);
      served.push(name);
    } catch (error) {
      problems[name] = `migrations failed: ${(error as Error).message.split('\n')[0]}`;
    }
  }
  if (!served.includes('community')) throw new Error(`the community subgraph could not be migrated: ${problems.community}`);
  log(`generating and loading ${households.toLocaleString('en')} households into ${served.join(', ')}`);
  let toLoad = [...served];
  let persons = 0;
  let seconds = 0;
  for (;;) {
    try {
      const report = await loadDemoData(urls, { households, seed }, toLoad);
      persons ||= report.persons;
      seconds += report.seconds;
      break;
    } catch (error) {
      const message = (error as Error).message;
      const failed = toLoad.find((name) => message.startsWith(`loading ${name} `));
      if (!failed || failed === 'community') throw error;
      problems[failed] = `demo data failed: ${message.slice(0, 300)}`;
      toLoad = toLoad.filter((name) => name !== failed);
      served = served.filter((name) => name !== failed);
      log(`${failed}: ${problems[failed]} — measuring without it`);
    }
  }
  const personsPerSecond = persons / seconds;
  // Measure a database in its steady state: one in service has long been vacuumed (visibility maps set, so index-only
  // scans of the statistics summaries stay index-only), while right after a load autovacuum would work through the
  // new tables during the measurements. Not part of the generation rate.
  const vacuumStarted = process.hrtime.bigint();
  for (const name of served) {
    const client = new Client({ connectionString: urls[name] });
    await client.connect();
    try {
      await client.query('VACUUM');
    } finally {
      await client.end();
    }
  }
  const vacuumSeconds = Number(process.hrtime.bigint() - vacuumStarted) / 1e9;
  const generationStarted = process.hrtime.bigint();
  generatePopulation({ households, seed });
  const generationSeconds = Number(process.hrtime.bigint() - generationStarted) / 1e9;
  log(`loaded ${persons.toLocaleString('en')} persons in ${seconds.toFixed(1)} s (${Math.round(personsPerSecond).toLocaleString('en')} persons/s, generation and COPY into every subgraph; generation alone ${generationSeconds.toFixed(1)} s); VACUUM afterwards ${vacuumSeconds.toFixed(1)} s`);
  return { tag, households, persons, urls, databases, served, problems, loadSeconds: seconds, personsPerSecond, generationSeconds, vacuumSeconds };
}

async function sampleDataset(url: string, writePool: number): Promise<Sample & { writeHouseholds: Sample['households'] }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const households = await client.query<{ id: string; region_code: string; members: string[]; head: string | null }>(
      `SELECT h.id, h.region_code,
              array_agg(m.person_id::text ORDER BY (m.relation = 'HEAD') DESC, m.start_date) AS members,
              (array_agg(m.person_id::text) FILTER (WHERE m.relation = 'HEAD'))[1] AS head
         FROM (SELECT id, region_code FROM community.household ORDER BY random() LIMIT $1) h
         JOIN community.household_membership m ON m.household_id = h.id AND m.end_date IS NULL
        GROUP BY h.id, h.region_code`,
      [writePool + 5000],
    );
    const all = households.rows.map((r) => ({ id: r.id, regionCode: r.region_code, headId: r.head ?? r.members[0]!, memberIds: r.members }));
    const regions = await client.query<{ code: string; level: string; households: number }>(
      `SELECT r.code, r.level::text AS level, (SELECT count(*) FROM community.household h WHERE h.region_code = r.code)::int AS households FROM community.region r`,
    );
    const level = (name: string, minimum = 0): string[] => regions.rows.filter((r) => r.level === name && r.households >= minimum).map((r) => r.code);
    const communities = level('COMMUNITY', 50);
    return {
      // Reads pick from the first part; writes take the rest, one household each, so none repeats.
      households: all.slice(0, Math.min(5000, Math.ceil(all.length / 2))),
      writeHouseholds: all.slice(Math.min(5000, Math.ceil(all.length / 2))),
      communities: communities.length ? communities : level('COMMUNITY'),
      subdistricts: level('SUBDISTRICT'),
      districts: level('DISTRICT'),
      today: beijingToday(),
    };
  } finally {
    await client.end();
  }
}

interface Stack {
  subgraphs: ServiceProcess[];
  gateway: ServiceProcess;
  references: Map<string, ServiceProcess>;
  /** Why a reference could not run. */
  unavailable: Record<string, string>;
}

async function startHub(dataset: Dataset, options: Options, logs: string, withReferences: boolean): Promise<Stack> {
  const subgraphs: ServiceProcess[] = [];
  const subgraphPort = (name: SubgraphName): number => options.portBase + 1 + SUBGRAPH_NAMES.indexOf(name);
  for (const name of dataset.served) {
    const port = subgraphPort(name);
    const service = await spawnService({
      name,
      cwd: REPO_ROOT,
      args: ['--import', 'tsx', `subgraphs/${name}/src/server.ts`],
      env: { NODE_ENV: 'production', DATABASE_URL: dataset.urls[name], [`${SUBGRAPHS[name].envPrefix}_PORT`]: String(port), ...access.subgraphEnv },
      url: `http://127.0.0.1:${port}/graphql`,
      readyUrl: `http://127.0.0.1:${port}/health`,
      logFile: path.join(logs, `${dataset.tag}-${name}.log`),
    });
    cleanups.push(service.stop);
    subgraphs.push(service);
  }
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${SUBGRAPHS[name].envPrefix}_URL`, `http://127.0.0.1:${subgraphPort(name)}/graphql`]));
  const gateway = await spawnService({
    name: 'gateway',
    cwd: REPO_ROOT,
    args: ['--import', 'tsx', 'gateway/src/server.ts'],
    env: { NODE_ENV: 'production', PLAYGROUND: '0', PORT: String(options.portBase), HOST: '127.0.0.1', ...subgraphUrls, ...access.gatewayEnv },
    url: `http://127.0.0.1:${options.portBase}/graphql`,
    readyUrl: `http://127.0.0.1:${options.portBase}/ready`,
    logFile: path.join(logs, `${dataset.tag}-gateway.log`),
  });
  cleanups.push(gateway.stop);
  const references = new Map<string, ServiceProcess>();
  const unavailable: Record<string, string> = {};
  if (!withReferences) return { subgraphs, gateway, references, unavailable };

  if (options.references.includes('monolith')) {
    const port = options.portBase + 20;
    try {
      const monolith = await spawnService({
        name: 'monolith',
        cwd: REPO_ROOT,
        args: ['--import', 'tsx', 'bench/monolith.ts'],
        env: {
          NODE_ENV: 'production',
          PORT: String(port),
          BENCH_SUBGRAPHS: dataset.served.join(','),
          ...access.monolithEnv,
          ...Object.fromEntries(dataset.served.map((name) => [`${SUBGRAPHS[name].envPrefix}_DATABASE_URL`, dataset.urls[name]])),
        },
        url: `http://127.0.0.1:${port}/graphql`,
        readyUrl: `http://127.0.0.1:${port}/health`,
        logFile: path.join(logs, `${dataset.tag}-monolith.log`),
      });
      cleanups.push(monolith.stop);
      references.set('monolith', monolith);
    } catch (error) {
      unavailable.monolith = (error as Error).message;
      log(`monolith reference unavailable: ${unavailable.monolith}`);
    }
  }
  if (options.references.includes('hive')) {
    const port = options.portBase + 10;
    // The same supergraph, with each subgraph's URL pointed at this run's ports.
    let sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    for (const name of SUBGRAPH_NAMES) {
      sdl = sdl.replace(new RegExp(`(join__graph\\(name: "${name}", url: ")[^"]*(")`), `$1http://127.0.0.1:${subgraphPort(name)}/graphql$2`);
    }
    const file = path.join(logs, 'supergraph.hive.graphql');
    fs.writeFileSync(file, sdl);
    try {
      const hive = await spawnService({
        name: 'hive',
        cwd: logs,
        // tsx: the configuration (bench/hive.config.ts) signs subgraph tokens with @hub/access, which is TypeScript.
        args: [
          '--import',
          pathToFileURL(require.resolve('tsx')).href, // Hive runs in the work directory, where 'tsx' would not resolve
          path.join(REPO_ROOT, 'node_modules', '@graphql-hive', 'gateway', 'dist', 'bin.js'),
          'supergraph',
          file,
          '--config-path',
          path.join(REPO_ROOT, 'bench', 'hive.config.ts'),
          '--port',
          String(port),
          '--host',
          '127.0.0.1',
          '--fork',
          '1',
        ],
        env: { NODE_ENV: 'production', ...access.hiveEnv },
        url: `http://127.0.0.1:${port}/graphql`,
        readyUrl: `http://127.0.0.1:${port}/healthcheck`,
        logFile: path.join(logs, `${dataset.tag}-hive.log`),
      });
      cleanups.push(hive.stop);
      references.set('hive', hive);
    } catch (error) {
      unavailable.hive = (error as Error).message;
      log(`Hive Gateway unavailable: ${unavailable.hive}`);
    }
  }
  return { subgraphs, gateway, references, unavailable };
}

async function stopStack(stack: Stack): Promise<void> {
  for (const service of [stack.gateway, ...stack.references.values(), ...stack.subgraphs]) await service.stop();
}

interface Run {
  target: string;
  result: LoadResult;
  statements: Record<string, number>;
  top: TopStatement[];
  /** Process → CPU milliseconds used during the run. */
  cpu: Record<string, number>;
}

async function measure(pg: BenchPostgres, dataset: Dataset, url: string, target: string, scenario: Scenario, options: Options, processes: ServiceProcess[]): Promise<Run> {
  // Requests a slow earlier run left behind still hold the database and the subgraphs: let them finish.
  const waited = await pg.waitIdle(Object.values(dataset.databases), 120);
  if (waited > 2) log(`  waited ${waited.toFixed(0)} s for abandoned requests to drain`);
  await pg.resetStatements();
  const cpuBefore = new Map(processes.map((p) => [p.name, cpuMs(p.pid)]));
  let result = await drive(url, scenario, { seconds: options.seconds, connections: options.connections, headers: access.headers });
  if (result.requests < 3) {
    log(`  ${scenario.id} ${target}: ${result.requests} request(s) completed under load; measuring one request at a time instead`);
    await pg.waitIdle(Object.values(dataset.databases), 120);
    await pg.resetStatements();
    for (const p of processes) cpuBefore.set(p.name, cpuMs(p.pid));
    result = await driveSequential(url, scenario, { maxSeconds: Math.max(15, options.seconds * 3), maxRequests: 5, headers: access.headers });
  }
  const cpu: Record<string, number> = {};
  for (const p of processes) {
    const before = cpuBefore.get(p.name);
    const after = cpuMs(p.pid);
    if (before !== null && before !== undefined && after !== null) cpu[p.name] = after - before;
  }
  const byDatabase = await pg.statementsByDatabase(Object.values(dataset.databases));
  const statements = Object.fromEntries(dataset.served.map((name) => [name, byDatabase[dataset.databases[name]] ?? 0]));
  const top = await pg.topStatements(Object.values(dataset.databases), 5);
  if (result.mode === 'load' && result.requests < 20) log(`  only ${result.requests} requests completed in ${options.seconds} s: figures are rough (raise --seconds or lower --connections)`);
  log(`  ${scenario.id} ${target.padEnd(8)} ${result.rps.toFixed(result.rps < 10 ? 1 : 0).padStart(6)} req/s${result.mode === 'sequential' ? ' (sequential)' : ''}  p99 ${result.p99} ms${result.errors ? `  ${result.errors} errors` : ''}${result.userErrors ? `  ${result.userErrors} userErrors` : ''}`);
  return { target, result, statements, top, cpu };
}

function summarise(target: string, runs: Run[], served: SubgraphName[]): TargetSummary {
  const mine = runs.filter((r) => r.target === target);
  const requests = mine.reduce((sum, r) => sum + r.result.requests, 0);
  return {
    target,
    runs: mine.length,
    requests,
    rps: round(median(mine.map((r) => r.result.rps)), 1),
    p50: median(mine.map((r) => r.result.p50)),
    p90: median(mine.map((r) => r.result.p90)),
    p99: median(mine.map((r) => r.result.p99)),
    errors: mine.reduce((sum, r) => sum + r.result.errors, 0),
    userErrors: mine.reduce((sum, r) => sum + r.result.userErrors, 0),
    firstError: mine.find((r) => r.result.firstError)?.result.firstError,
    sequentialRuns: mine.filter((r) => r.result.mode === 'sequential').length,
    // Only the processes that serve this target (the gateway and subgraphs for hub and Hive; the monolith alone).
    cpuMsPerRequest: Object.fromEntries(
      [...new Set(mine.flatMap((r) => Object.keys(r.cpu)))]
        .filter((name) => (target === 'monolith' ? name === 'monolith' : name !== 'monolith' && (name !== 'gateway' || target === 'hub') && (name !== 'hive' || target === 'hive')))
        .map((name) => [name, round(mine.reduce((sum, r) => sum + (r.cpu[name] ?? 0), 0) / Math.max(1, requests), 1)]),
    ),
    statementsPerRequest: Object.fromEntries(served.map((name) => [name, round(mine.reduce((sum, r) => sum + (r.statements[name] ?? 0), 0) / Math.max(1, requests), 2)])),
  };
}

async function runScenario(pg: BenchPostgres, dataset: Dataset, stack: Stack, scenario: Scenario, options: Options): Promise<ScenarioReport> {
  const processes = [stack.gateway, ...stack.subgraphs, ...stack.references.values()];
  const peaksReset = processes.map((p) => resetPeakRss(p.pid)).every(Boolean);
  const targets = new Map<string, string>([['hub', stack.gateway.url], ...[...stack.references].map(([name, service]) => [name, service.url] as [string, string])]);
  log(`scenario ${scenario.id}: ${scenario.title}`);
  if (!scenario.write) {
    for (const [name, url] of targets) await drive(url, scenario, { seconds: options.warmup, connections: options.connections, headers: access.headers }).catch(() => log(`warm-up of ${name} failed`));
  }
  const runs: Run[] = [];
  const pairs: Record<string, { rps: number[]; p99: number[] }> = {};
  for (let round_ = 0; round_ < options.rounds; round_ += 1) {
    for (const reference of stack.references.keys()) {
      // Alternate which goes first, so drift and warm caches do not favour one side.
      const order = round_ % 2 === 0 ? ['hub', reference] : [reference, 'hub'];
      const pair: Record<string, Run> = {};
      for (const target of order) {
        const run = await measure(pg, dataset, targets.get(target)!, target, scenario, options, processes);
        runs.push(run);
        pair[target] = run;
      }
      pairs[reference] ??= { rps: [], p99: [] };
      // A pair is comparable only when both sides were measured the same way (both under load, or both one by one).
      if (pair.hub!.result.mode === pair[reference]!.result.mode) {
        pairs[reference].rps.push(ratio(pair.hub!.result.rps, pair[reference]!.result.rps));
        pairs[reference].p99.push(ratio(pair.hub!.result.p99, pair[reference]!.result.p99));
      }
    }
    if (stack.references.size === 0) runs.push(await measure(pg, dataset, stack.gateway.url, 'hub', scenario, options, processes));
  }
  const peakRss: Record<string, number | null> = {};
  for (const service of processes) peakRss[service.name] = peakRssMiB(service.pid) === null ? null : round(peakRssMiB(service.pid)!, 0);
  return {
    id: scenario.id,
    title: scenario.title,
    note: scenario.note,
    query: scenario.query,
    targets: ['hub', ...stack.references.keys()].map((target) => summarise(target, runs, dataset.served)),
    ratios: Object.fromEntries(
      Object.entries(pairs).map(([reference, values]) => [
        reference,
        { rps: round(geometricMean(values.rps), 2), p99: round(geometricMean(values.p99), 2), pairs: values.rps.length },
      ]),
    ),
    peakRssMiB: peakRss,
    slowestStatements: runs.filter((r) => r.target === 'hub').at(-1)?.top ?? [],
    peakRssScope: peaksReset ? 'this scenario' : 'since process start',
  };
}

/**
 * SQL statements per request for pages of 5 and of 50 households, from sequential requests, and the statements whose
 * calls per request differ between the two (what to look at when the counts differ).
 */
async function statementsByPageSize(
  pg: BenchPostgres,
  dataset: Dataset,
  info: SupergraphInfo,
  sample: Sample,
  url: string,
  depth: number,
): Promise<{ counts: Record<string, Record<string, number>>; differences: PageStatementDifference[] }> {
  const counts: Record<string, Record<string, number>> = {};
  const perQuery: Record<string, Map<string, number>> = {};
  // The same community for both sizes: only the page size differs.
  const regionCode = sample.communities[0]!;
  const subgraphOf = new Map(Object.entries(dataset.databases).map(([name, database]) => [database, name]));
  for (const size of [5, 50]) {
    const scenario = pageScenario(info, sample, size, depth);
    const requests = 10;
    const variables = { ...scenario.variables(), regionCode };
    await post(url, scenario.query, variables, access.headers);
    await pg.resetStatements();
    for (let i = 0; i < requests; i += 1) await post(url, scenario.query, variables, access.headers);
    // Several pg_stat_statements entries can share one normalised text: add their calls up, per text and per subgraph.
    const calls = new Map<string, number>();
    const totals = new Map<string, number>();
    for (const statement of await pg.statementCalls(Object.values(dataset.databases))) {
      const subgraph = subgraphOf.get(statement.database)!;
      const key = `${subgraph}\u0000${statement.query}`;
      calls.set(key, (calls.get(key) ?? 0) + statement.calls / requests);
      totals.set(subgraph, (totals.get(subgraph) ?? 0) + statement.calls);
    }
    counts[String(size)] = Object.fromEntries(dataset.served.map((name) => [name, round((totals.get(name) ?? 0) / requests, 2)]));
    perQuery[String(size)] = calls;
  }
  const differences: PageStatementDifference[] = [];
  for (const key of new Set([...perQuery['5']!.keys(), ...perQuery['50']!.keys()])) {
    const five = perQuery['5']!.get(key) ?? 0;
    const fifty = perQuery['50']!.get(key) ?? 0;
    if (five === fifty) continue;
    const [subgraph, query] = key.split('\u0000') as [string, string];
    differences.push({ subgraph, five: round(five, 2), fifty: round(fifty, 2), query: query.replace(/\s+/g, ' ').slice(0, 200) });
  }
  return { counts, differences };
}

async function chooseWrite(info: SupergraphInfo, sample: Sample & { writeHouseholds: Sample['households'] }, url: string): Promise<{ scenario?: Scenario; note: string }> {
  const candidates = writeCandidates(info, sample);
  if (candidates.length === 0) return { note: 'no mutation with an `input` argument in the supergraph yet' };
  const pool = [...sample.writeHouseholds];
  const tried: string[] = [];
  for (const candidate of candidates) {
    const household = pool.pop();
    if (!household) break;
    const response = await post<Record<string, { userErrors?: { message: string }[] }>>(url, candidate.query, candidate.build(household), access.headers);
    const userErrors = Object.values(response.data ?? {})[0]?.userErrors ?? [];
    if (!response.errors && userErrors.length === 0) {
      return { scenario: writeScenario(candidate, sample, pool), note: `${candidate.mutation}; ${tried.length} trial(s) refused before: ${tried.slice(0, 3).join(' | ')}` };
    }
    tried.push(`${candidate.mutation}: ${(response.errors ?? userErrors).map((e) => e.message).join('; ').slice(0, 160)}`);
  }
  return { scenario: writeScenario(candidates[0]!, sample, pool), note: `no candidate accepted a trial write; measuring ${candidates[0]!.mutation} anyway (answers will carry errors): ${tried.slice(0, 3).join(' | ')}` };
}

async function runMain(pg: BenchPostgres, options: Options, names: SubgraphName[], logs: string): Promise<Report['main']> {
  const dataset = await prepareDataset(pg, names, options.households, options.seed, 'main');
  const stack = await startHub(dataset, options, logs, true);
  const info = loadSupergraph(SUPERGRAPH_FILE);
  const sample = await sampleDataset(dataset.urls.community, 30_000);
  const scenarios = readScenarios(info, sample, { depth: options.depth }).filter((s) => options.scenarios.includes(s.id));
  let writeNote: string | undefined;
  if (options.scenarios.includes('5')) {
    const chosen = await chooseWrite(info, sample, stack.gateway.url);
    writeNote = chosen.note;
    if (chosen.scenario) scenarios.push({ ...chosen.scenario, note: chosen.note });
    else log(`scenario 5 skipped: ${chosen.note}`);
  }
  if (options.serve) {
    fs.writeFileSync(path.join(logs, 'scenarios.json'), JSON.stringify(scenarios.map((s) => ({ ...s, example: s.variables() })), null, 2));
    log(`serving: hub ${stack.gateway.url}; ${[...stack.references].map(([n, s]) => `${n} ${s.url}`).join('; ')}; subgraphs ${stack.subgraphs.map((s) => s.url).join(' ')}`);
    log(`scenario queries with example variables in ${path.join(logs, 'scenarios.json')}; Ctrl-C stops`);
    log(`call as the benchmark's caller: curl -H "authorization: Bearer $(cat ${path.resolve(logs, '..', 'keys', 'caller-token.txt')})" -H 'x-purpose: ${access.headers['x-purpose']}' …`);
    await new Promise(() => undefined);
  }
  const reports: ScenarioReport[] = [];
  for (const scenario of scenarios) reports.push(await runScenario(pg, dataset, stack, scenario, options));
  const pageStatements = await statementsByPageSize(pg, dataset, info, sample, stack.gateway.url, options.depth);
  const monolith = stack.references.get('monolith');
  const pageStatementsMonolith = monolith ? await statementsByPageSize(pg, dataset, info, sample, monolith.url, options.depth) : undefined;
  for (const difference of pageStatements.differences) log(`page of 5 vs 50: ${difference.subgraph} ${difference.five} vs ${difference.fifty} per request: ${difference.query}`);
  await stopStack(stack);
  await pg.dropDatabases(Object.values(dataset.databases));
  return {
    households: dataset.households,
    persons: dataset.persons,
    personsPerSecond: Math.round(dataset.personsPerSecond),
    loadSeconds: round(dataset.loadSeconds, 1),
    vacuumSeconds: round(dataset.vacuumSeconds, 1),
    generationSeconds: round(dataset.generationSeconds, 1),
    served: dataset.served,
    problems: dataset.problems,
    unavailable: stack.unavailable,
    scenarios: reports,
    writeNote,
    statementsByPageSize: { hub: pageStatements.counts, ...(pageStatementsMonolith ? { monolith: pageStatementsMonolith.counts } : {}) },
    statementsByPageSizeDifferences: { hub: pageStatements.differences, ...(pageStatementsMonolith ? { monolith: pageStatementsMonolith.differences } : {}) },
  };
}

async function runScale(pg: BenchPostgres, options: Options, names: SubgraphName[], logs: string): Promise<Report['scale']> {
  const figures: ScaleFigures[] = [];
  for (const households of options.scaleSizes) {
    const dataset = await prepareDataset(pg, names, households, options.seed, `scale${households}`);
    const stack = await startHub(dataset, options, logs, false);
    const info = loadSupergraph(SUPERGRAPH_FILE);
    const sample = await sampleDataset(dataset.urls.community, 0);
    const scenarios = readScenarios(info, sample, { depth: options.depth }).filter((s) => ['1', '3', '4'].includes(s.id));
    const latencies: ScaleFigures['scenarios'] = {};
    // Latency of lone requests (one connection), so both sizes are measured the same way even when the large
    // one is too slow for a load run.
    const databases = Object.values(dataset.databases);
    for (const scenario of scenarios) {
      await pg.waitIdle(databases, 120);
      await driveSequential(stack.gateway.url, scenario, { maxSeconds: options.warmup, maxRequests: 3, headers: access.headers });
      await pg.resetStatements();
      const result = await driveSequential(stack.gateway.url, scenario, { maxSeconds: options.seconds * 4, maxRequests: 50, headers: access.headers });
      const counts = await pg.statementsByDatabase(databases);
      const top = await pg.topStatements(databases, 3);
      log(`  ${scenario.id} ${scenario.title}: ${result.requests} requests one at a time, p50 ${result.p50} ms, p99 ${result.p99} ms${result.errors ? `, ${result.errors} errors` : ''}`);
      latencies[scenario.id] = {
        title: scenario.title,
        requests: result.requests,
        rps: round(result.rps, 1),
        p50: result.p50,
        p90: result.p90,
        p99: result.p99,
        errors: result.errors,
        firstError: result.firstError,
        statementsPerRequest: Object.fromEntries(dataset.served.map((name) => [name, round((counts[dataset.databases[name]] ?? 0) / Math.max(1, result.requests), 2)])),
        slowestStatements: top,
      };
    }
    figures.push({ households, persons: dataset.persons, personsPerSecond: Math.round(dataset.personsPerSecond), loadSeconds: round(dataset.loadSeconds, 1), generationSeconds: round(dataset.generationSeconds, 1), vacuumSeconds: round(dataset.vacuumSeconds, 1), scenarios: latencies });
    await stopStack(stack);
    await pg.dropDatabases(Object.values(dataset.databases));
  }
  const [small, large] = figures as [ScaleFigures, ScaleFigures];
  const ratios = Object.fromEntries(
    Object.keys(small.scenarios).map((id) => [id, { p50: round(ratio(large.scenarios[id]!.p50, small.scenarios[id]!.p50), 2), p99: round(ratio(large.scenarios[id]!.p99, small.scenarios[id]!.p99), 2) }]),
  );
  return { sizes: figures, ratios };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.snapshot) {
    // Re-run this command inside a copy of the commit, so every piece (subgraphs, migrations, loaders, gateway,
    // this harness) is the committed one; results still land in this checkout's results folder.
    const into = fs.mkdtempSync(path.join(os.tmpdir(), 'household-hub-bench-snapshot-'));
    fs.chmodSync(into, 0o755);
    log(`measuring ${options.snapshot}: copying it to ${into} and generating its clients`);
    const commit = makeSnapshot(REPO_ROOT, into, options.snapshot);
    const args = process.argv.slice(2).filter((a, i, all) => a !== '--snapshot' && !(all[i - 1] === '--snapshot' && !a.startsWith('--')));
    const { spawnSync } = await import('node:child_process');
    const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', ...args, '--out', options.out, '--commit', commit], { cwd: into, stdio: 'inherit' });
    fs.rmSync(into, { recursive: true, force: true });
    process.exitCode = child.status ?? 1;
    return;
  }
  const names = presentSubgraphs();
  if (!names.includes('community')) throw new Error('the community subgraph is missing: nothing to measure');
  ensureGenerated(names);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'household-hub-bench-'));
  fs.chmodSync(work, 0o755);
  const logs = path.join(work, 'logs');
  fs.mkdirSync(logs);
  access = await prepareAccess(path.join(work, 'keys'));
  log(`work directory ${work} (PostgreSQL data and service logs); PostgreSQL on port ${options.pgPort}, services from port ${options.portBase}`);
  const pg = await startBenchPostgres({ dataDir: path.join(work, 'pg'), port: options.pgPort });
  cleanups.push(pg.stop);
  const started = new Date();
  const report: Report = {
    startedAt: started.toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGiB: round(os.totalmem() / 2 ** 30, 1), node: process.version, loadAverageAtStart: os.loadavg().map((l) => round(l, 1)) },
    options: { ...options, out: path.relative(REPO_ROOT, options.out) },
    subgraphs: names,
    measured: options.commit ? `commit ${options.commit}` : `working tree at ${execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim()}${execFileSync('git', ['status', '--porcelain', '--', 'subgraphs', 'schema', 'prisma', 'gateway', 'packages', 'scripts'], { cwd: REPO_ROOT, encoding: 'utf8' }).trim() ? ' with uncommitted changes' : ''}`,
  };
  if (!options.scaleOnly) report.main = await runMain(pg, options, names, logs);
  if (options.scale) report.scale = await runScale(pg, options, names, logs);
  report.seconds = round((Date.now() - started.getTime()) / 1000, 0);
  report.machine.loadAverageAtEnd = os.loadavg().map((l) => round(l, 1));

  fs.mkdirSync(options.out, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const base = path.join(options.out, `${stamp}${options.scaleOnly ? '' : `-${options.households}`}${options.scale ? '-scale' : ''}`);
  fs.writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  fs.writeFileSync(`${base}.md`, renderMarkdown(report));
  console.log(`\n${renderTable(report)}\n`);
  log(`written ${path.relative(REPO_ROOT, base)}.json and .md (service logs in ${logs})`);
}

async function cleanup(): Promise<void> {
  for (const stop of cleanups.reverse()) await stop().catch(() => undefined);
  cleanups.length = 0;
}

process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
process.on('SIGTERM', () => void cleanup().then(() => process.exit(143)));
main()
  .then(cleanup)
  .catch(async (error) => {
    console.error(error instanceof Error ? error.stack ?? error.message : error);
    await cleanup();
    process.exit(1);
  });
