import type { ClientBase } from 'pg';

/**
 * The statement triggers by which each subgraph's `*_region_statistics_summary` migration keeps its summary exact:
 * row changes add deltas, a TRUNCATE rebuilds.
 */
const SUMMARY_TRIGGERS = ['region_statistics_insert', 'region_statistics_update', 'region_statistics_delete', 'region_statistics_truncate'];

/**
 * For a bulk load into empty tables, inside the load's transaction: turns off the statistics summary's triggers in `schema` and returns the function that turns them on again and rebuilds the summary once from the rows
 * loaded (`<schema>.rebuild_region_statistics_summary()`, the function a TRUNCATE runs). One aggregate pass over the
 * loaded tables costs about half of what the triggers spend on every COPY's transition rows plus applying the deltas
 * at COMMIT. ALTER TABLE is transactional: if the load fails, the rollback restores the triggers with everything
 * else, and other sessions' writes wait for the table locks instead of slipping past the summary. A schema without a
 * summary is left alone.
 */
export async function suspendStatisticsSummary(client: ClientBase, schema: string): Promise<() => Promise<void>> {
  const { rows } = await client.query<{ statement: string; table: string }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS table, format('%I', t.tgname) AS statement
       FROM pg_trigger t
       JOIN pg_class c ON c.oid = t.tgrelid
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND t.tgname = ANY($2::text[]) AND NOT t.tgisinternal AND t.tgenabled <> 'D'
      ORDER BY 1, 2`,
    [schema, SUMMARY_TRIGGERS],
  );
  const { rows: rebuild } = await client.query<{ name: string }>(
    `SELECT format('%I.%I', n.nspname, p.proname) AS name
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = $1 AND p.proname = 'rebuild_region_statistics_summary' AND p.pronargs = 0`,
    [schema],
  );
  if (rows.length === 0 || rebuild.length === 0) return async () => undefined;
  for (const { table, statement } of rows) await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ${statement}`);
  return async () => {
    for (const { table, statement } of rows) await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ${statement}`);
    await client.query(`SELECT ${rebuild[0]!.name}()`);
  };
}

/**
 * Summary rows to add up: those of `figure` with a bucket from `from` to `to`, counted into the total `into` with
 * `sign`. Each subgraph's `*_region_statistics_summary` migration describes its figures and buckets.
 */
export interface BucketRange {
  figure: string;
  from: number;
  to: number;
  into: string;
  sign: 1 | -1;
}

/** The bucket column's bounds (integer): a range over them takes every bucket. */
export const MIN_BUCKET = -2_147_483_648;
export const MAX_BUCKET = 2_147_483_647;

/** A day as the summaries bucket it: YYYYMMDD. */
export const dayBucket = (day: string): number => Number(day.replaceAll('-', ''));

/**
 * A cumulative dated figure up to and including `day`: whole years before it, whole months of its year before its
 * month, and the days of its month up to it (the summaries keep such facts per year, month and day).
 */
export function upTo(figure: string, day: string, into = figure, sign: 1 | -1 = 1): BucketRange[] {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return [
    { figure: `${figure}/YEAR`, from: MIN_BUCKET, to: year - 1, into, sign },
    { figure: `${figure}/MONTH`, from: year * 100 + 1, to: year * 100 + month - 1, into, sign },
    { figure, from: year * 10_000 + month * 100 + 1, to: dayBucket(day), into, sign },
  ];
}

/** The prefix lengths the summaries keep: province, city, district, subdistrict, community. */
const SUMMARY_PREFIX_LENGTHS = new Set([2, 4, 6, 9, 12]);

/** A prefix a summary answers, checked: region codes and jurisdiction roots have 2, 4, 6, 9 or 12 digits. */
export function requireSummaryPrefix(prefix: string): string {
  if (!/^\d+$/.test(prefix) || !SUMMARY_PREFIX_LENGTHS.has(prefix.length)) {
    throw new Error(`region statistics are kept for region-code prefixes of 2, 4, 6, 9 or 12 digits, not "${prefix}"`);
  }
  return prefix;
}

/** What runs the summing statement: a subgraph's Prisma client or transaction. */
export interface RawQueryRunner {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * The ranges added up for each asked region over its (checked) prefixes in `<schema>.region_statistics`, in one
 * statement: each range of each prefix is one index range of the summary (plus the reader's own pending deltas),
 * whatever the population below it. Keyed by region code, then by `into`; regions without rows are absent.
 */
export async function sumSummaryRanges(
  prisma: RawQueryRunner,
  schema: string,
  regions: readonly (readonly [code: string, prefix: string])[],
  ranges: readonly BucketRange[],
): Promise<Map<string, Map<string, bigint>>> {
  if (!/^[a-z_]+$/.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  const sums = new Map<string, Map<string, bigint>>();
  if (regions.length === 0) return sums;
  const rows = await prisma.$queryRawUnsafe<{ code: string; total: string; amount: string }[]>(
    `SELECT p.code, r.total, sum(s.amount * r.sign)::text AS amount
       FROM unnest($1::text[], $2::text[]) AS p(code, prefix)
      CROSS JOIN unnest($3::text[], $4::int[], $5::int[], $6::text[], $7::int[]) AS r(figure, lo, hi, total, sign)
      -- Lateral: one index range per prefix and range, never the prefix's other rows.
      CROSS JOIN LATERAL (SELECT sum(s.amount) AS amount FROM "${schema}"."region_statistics" s
                           WHERE s.region_prefix = p.prefix AND s.figure = r.figure AND s.bucket BETWEEN r.lo AND r.hi) s
      WHERE s.amount IS NOT NULL
      GROUP BY 1, 2`,
    regions.map(([code]) => code),
    regions.map(([, prefix]) => requireSummaryPrefix(prefix)),
    ranges.map((r) => r.figure),
    ranges.map((r) => r.from),
    ranges.map((r) => r.to),
    ranges.map((r) => r.into),
    ranges.map((r) => r.sign),
  );
  for (const row of rows) sums.set(row.code, (sums.get(row.code) ?? new Map<string, bigint>()).set(row.total, BigInt(row.amount)));
  return sums;
}
