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
