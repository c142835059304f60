-- The roll-up of 20261129111933_region_statistics_rollup made the statistics trigger of small statements dearer: its
-- five materialized levels cost more to plan and start than one aggregate costs to run when a statement changes a
-- few rows (the trigger of a single-row payment update took about 1.7 times as long as before the roll-up).
-- Statements of fewer than 100 rows now add their facts up under every prefix in one aggregate (that trigger now
-- takes about 0.8 times as long as before the roll-up); larger ones, and the rebuild, keep the roll-up, which is
-- cheaper from a few hundred rows on. Both give the same sums: a code counts under each of its prefixes not longer
-- than itself, as region_prefixes() says. Same figures, tables and triggers.

-- A query over `facts` (columns region_code, figure, bucket, amount) adding the amounts up under every summary prefix
-- of the region code in one aggregate: the same rows as region_statistics_rollup_sql(facts).
CREATE FUNCTION "civil_affairs"."region_statistics_by_prefix_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT left(f.region_code, p.n) AS region_prefix, f.figure, f.bucket, sum(f.amount)::bigint AS amount
      FROM (%s) AS f(region_code, figure, bucket, amount) CROSS JOIN unnest('{2,4,6,9,12}'::int[]) AS p(n)
     WHERE p.n <= length(f.region_code) GROUP BY 1, 2, 3 HAVING sum(f.amount) <> 0$q$, facts)
$$;

-- As in 20261129092711_region_statistics_summary, but for the choice of the query by the statement's size.
CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  added BIGINT;
  touched BIGINT;
  facts TEXT;
BEGIN
  EXECUTE format('SELECT count(*) FROM (SELECT FROM %I LIMIT 100) s', CASE WHEN TG_OP = 'DELETE' THEN 'old_rows' ELSE 'new_rows' END) INTO touched;
  facts := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format('SELECT region_code, figure, bucket, -amount FROM (%s) AS f(region_code, figure, bucket, amount)',
      civil_affairs.region_statistics_facts(TG_TABLE_NAME, 'old_rows')) END,
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format('SELECT region_code, figure, bucket, amount FROM (%s) AS f(region_code, figure, bucket, amount)',
      civil_affairs.region_statistics_facts(TG_TABLE_NAME, 'new_rows')) END);
  EXECUTE 'INSERT INTO civil_affairs.region_statistics_pending (region_prefix, figure, bucket, amount) '
    || CASE WHEN touched < 100 THEN civil_affairs.region_statistics_by_prefix_sql(facts) ELSE civil_affairs.region_statistics_by_key(facts) END;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO civil_affairs.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
