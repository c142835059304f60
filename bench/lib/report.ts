/** The result shapes and their rendering: one plain-text table for the terminal, the same in Markdown. */

export interface TargetSummary {
  target: string;
  runs: number;
  requests: number;
  /** Median over runs. */
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  errors: number;
  userErrors: number;
  firstError?: string;
  /** Runs measured one request at a time because too few requests completed under load. */
  sequentialRuns: number;
  /** Process → CPU milliseconds per request during this target's runs (where the time goes). */
  cpuMsPerRequest: Record<string, number>;
  /** Subgraph → SQL statements per request (pg_stat_statements calls in its database ÷ requests). */
  statementsPerRequest: Record<string, number>;
}

export interface ScenarioReport {
  id: string;
  title: string;
  note?: string;
  query: string;
  targets: TargetSummary[];
  /** Reference → geometric mean over alternating pairs of hub ÷ reference. */
  ratios: Record<string, { rps: number; p99: number; pairs: number }>;
  peakRssMiB: Record<string, number | null>;
  peakRssScope: string;
  /** The statements with the most database time in the last hub run (pg_stat_statements). */
  slowestStatements: { database: string; calls: number; totalMs: number; meanMs: number; rows: number; query: string }[];
}

/** A statement whose calls per request differ between a page of 5 and a page of 50 households. */
export interface PageStatementDifference {
  subgraph: string;
  five: number;
  fifty: number;
  /** pg_stat_statements' normalised text, shortened. */
  query: string;
}

export interface ScaleFigures {
  households: number;
  persons: number;
  personsPerSecond: number;
  loadSeconds: number;
  /** Of loadSeconds, generatePopulation alone (timed apart; absent in older results). */
  generationSeconds?: number;
  /** The VACUUM after the load, before any measurement; not in loadSeconds (absent in older results). */
  vacuumSeconds?: number;
  /** Measured one request at a time: rps is that of one connection. */
  scenarios: Record<
    string,
    {
      title: string;
      requests: number;
      rps: number;
      p50: number;
      p90: number;
      p99: number;
      errors: number;
      firstError?: string;
      statementsPerRequest: Record<string, number>;
      slowestStatements: { database: string; calls: number; totalMs: number; meanMs: number; rows: number; query: string }[];
    }
  >;
}

export interface Report {
  startedAt: string;
  seconds?: number;
  /** loadavg (1, 5, 15 min): other work on the machine shows here. */
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  options: Record<string, unknown>;
  subgraphs: string[];
  /** Which code: a commit (--snapshot) or the working tree. */
  measured: string;
  main?: {
    households: number;
    persons: number;
    personsPerSecond: number;
    loadSeconds: number;
    generationSeconds?: number;
    vacuumSeconds?: number;
    served: string[];
    problems: Record<string, string>;
    unavailable: Record<string, string>;
    scenarios: ScenarioReport[];
    writeNote?: string;
    statementsByPageSize: Record<string, Record<string, Record<string, number>>>;
    /** Statements whose calls per request differ between the two page sizes, per target (absent in older results). */
    statementsByPageSizeDifferences?: Record<string, PageStatementDifference[]>;
  };
  scale?: {
    sizes: ScaleFigures[];
    /** Scenario → large ÷ small. */
    ratios: Record<string, { p50: number; p99: number }>;
  };
}

const SHORT: Record<string, string> = { community: 'c', 'civil-affairs': 'ca', employment: 'e', safety: 's', gateway: 'gw', monolith: 'mono', hive: 'hive' };
const short = (name: string): string => SHORT[name] ?? name;
const fmt = (value: number | null | undefined, digits = 1): string => (value === null || value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits));

function rows(report: Report): { header: string[]; body: string[][] } {
  const header = ['scenario', 'target', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'errors', 'SQL/req per subgraph', 'peak RSS MiB', 'hub÷ref req/s', 'hub÷ref p99'];
  const body: string[][] = [];
  for (const scenario of report.main?.scenarios ?? []) {
    for (const target of scenario.targets) {
      const isHub = target.target === 'hub';
      const ratio = scenario.ratios[target.target];
      const rss = isHub
        ? Object.entries(scenario.peakRssMiB)
            .filter(([name]) => name !== 'monolith' && name !== 'hive')
            .map(([name, mib]) => `${short(name)} ${fmt(mib, 0)}`)
            .join(' · ')
        : fmt(scenario.peakRssMiB[target.target], 0);
      body.push([
        isHub ? `${scenario.id} ${scenario.title}` : '',
        `${target.target}${target.sequentialRuns ? ` (${target.sequentialRuns}/${target.runs} seq.)` : ''}`,
        fmt(target.rps, target.rps < 10 ? 1 : 0),
        fmt(target.p50, 0),
        fmt(target.p90, 0),
        fmt(target.p99, 0),
        `${target.errors}${target.userErrors ? ` (+${target.userErrors} userErrors)` : ''}`,
        Object.entries(target.statementsPerRequest).map(([name, n]) => `${short(name)} ${fmt(n, 1)}`).join(' · '),
        rss,
        ratio ? (ratio.pairs ? fmt(ratio.rps, 2) : 'n/c') : '',
        ratio ? (ratio.pairs ? fmt(ratio.p99, 2) : 'n/c') : '',
      ]);
    }
  }
  return { header, body };
}

function scaleLines(report: Report): string[] {
  if (!report.scale) return [];
  const [small, large] = report.scale.sizes;
  if (!small || !large) return [];
  const lines = [`Scale: ${small.households.toLocaleString('en')} households (${small.persons.toLocaleString('en')} persons) vs ${large.households.toLocaleString('en')} (${large.persons.toLocaleString('en')} persons), hub only, requests one at a time`];
  for (const id of Object.keys(small.scenarios)) {
    const a = small.scenarios[id]!;
    const b = large.scenarios[id]!;
    const r = report.scale.ratios[id]!;
    lines.push(`  ${id} ${a.title}: p50 ${fmt(a.p50, 0)} → ${fmt(b.p50, 0)} ms, p99 ${fmt(a.p99, 0)} → ${fmt(b.p99, 0)} ms (p99 ×${fmt(r.p99, 2)}), ${a.requests}/${b.requests} requests${a.errors + b.errors ? `, errors ${a.errors}/${b.errors}` : ''}`);
  }
  lines.push(`  data generation: ${small.personsPerSecond.toLocaleString('en')} and ${large.personsPerSecond.toLocaleString('en')} persons/s (${small.loadSeconds} s and ${large.loadSeconds} s${small.generationSeconds !== undefined ? `, of which generation ${small.generationSeconds} s and ${large.generationSeconds} s` : ''})${large.vacuumSeconds !== undefined ? `; VACUUM before measuring ${small.vacuumSeconds} s and ${large.vacuumSeconds} s, not counted` : ''}`);
  return lines;
}

function notes(report: Report): string[] {
  const lines: string[] = [];
  const main = report.main;
  if (!main) return lines;
  lines.push(`Code measured: ${report.measured}`);
  lines.push(`Dataset: ${main.households.toLocaleString('en')} households, ${main.persons.toLocaleString('en')} persons, loaded in ${main.loadSeconds} s (${main.personsPerSecond.toLocaleString('en')} persons/s${main.generationSeconds !== undefined ? `; generation alone ${main.generationSeconds} s` : ''}${main.vacuumSeconds !== undefined ? `; VACUUM before measuring ${main.vacuumSeconds} s, not counted` : ''}); subgraphs served: ${main.served.join(', ')}`);
  lines.push(`Machine: ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB, Node ${report.machine.node}; load generator, services and PostgreSQL share it; load average ${report.machine.loadAverageAtStart.join('/')} at start, ${report.machine.loadAverageAtEnd?.join('/') ?? '?'} at end`);
  lines.push(`Options: ${report.options.seconds} s per run, ${report.options.connections} connections, ${report.options.rounds} alternating round(s) per reference, ${report.options.warmup} s warm-up per target`);
  const pages = main.statementsByPageSize;
  for (const [target, sizes] of Object.entries(pages)) {
    lines.push(`SQL statements per request, page of 5 vs 50 households (${target}): ${Object.keys(sizes['5'] ?? {}).map((name) => `${short(name)} ${sizes['5']![name]} vs ${sizes['50']![name]}`).join(' · ')}`);
    for (const d of main.statementsByPageSizeDifferences?.[target] ?? []) lines.push(`  differs (${target}, ${d.subgraph}): ${d.five} vs ${d.fifty} per request — \`${d.query}\``);
  }
  for (const scenario of main.scenarios) {
    const cpu = scenario.targets
      .filter((t) => t.cpuMsPerRequest && Object.keys(t.cpuMsPerRequest).length)
      .map((t) => `${t.target} ${Object.entries(t.cpuMsPerRequest).map(([name, ms]) => `${short(name)} ${fmt(ms, 0)}`).join(' · ')}`);
    if (cpu.length) lines.push(`Scenario ${scenario.id}, CPU ms per request: ${cpu.join('; ')}`);
    if (scenario.note) lines.push(`Scenario ${scenario.id}: ${scenario.note}`);
    for (const target of scenario.targets) if (target.firstError) lines.push(`Scenario ${scenario.id} ${target.target}, first error: ${target.firstError.replace(/\s+/g, ' ').slice(0, 300)}`);
  }
  if (!main.scenarios.some((s) => s.id === '5') && main.writeNote) lines.push(`Scenario 5 not measured: ${main.writeNote}`);
  for (const [name, problem] of Object.entries(main.problems)) lines.push(`${name}: ${problem}`);
  for (const [name, problem] of Object.entries(main.unavailable)) lines.push(`${name} reference unavailable: ${problem.split('\n')[0]}`);
  if (main.scenarios.some((s) => Object.values(s.ratios).some((r) => r.pairs === 0))) lines.push('n/c: no pair measured the same way on both sides, so no ratio');
  if (main.scenarios.some((s) => s.targets.some((t) => t.sequentialRuns))) {
    lines.push('seq.: runs where fewer than 3 requests completed under load were measured one request at a time (latency of a lone request; req/s of one connection)');
  }
  const scope = main.scenarios[0]?.peakRssScope;
  if (scope) lines.push(`Peak RSS (VmHWM) per process, ${scope}; SQL/req from pg_stat_statements, one database per subgraph`);
  return lines;
}

export function renderTable(report: Report): string {
  const { header, body } = rows(report);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const out = body.length ? [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line), ''] : [];
  return [...out, ...notes(report), ...(report.scale ? ['', ...scaleLines(report)] : [])].join('\n');
}

export function renderMarkdown(report: Report): string {
  const { header, body } = rows(report);
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|');
  const out = [`# Benchmark run ${report.startedAt}`, ''];
  if (body.length) {
    out.push(`| ${header.join(' | ')} |`, `| ${header.map((_, i) => (i >= 2 && i <= 6 ? '---:' : '---')).join(' | ')} |`, ...body.map((r) => `| ${r.map(escape).join(' | ')} |`), '');
  }
  out.push(...notes(report).map((l) => `- ${l}`));
  if (report.scale) out.push('', ...scaleLines(report).map((l, i) => (i === 0 ? `## ${l}` : `- ${l.trim()}`)));
  const slow = (report.main?.scenarios ?? []).filter((s) => s.slowestStatements.length);
  if (slow.length) {
    out.push('', '## Where the database time went (last hub run of each scenario)', '');
    for (const scenario of slow) {
      out.push(`- ${scenario.id} ${scenario.title}:`);
      for (const st of scenario.slowestStatements.slice(0, 3)) out.push(`  - ${st.database}: ${st.calls} calls, ${st.meanMs} ms mean, ${st.totalMs} ms total — \`${st.query.slice(0, 160).replace(/`/g, "'")}\``);
    }
  }
  out.push('', 'Queries measured are in the JSON file beside this one.', '');
  return out.join('\n');
}
