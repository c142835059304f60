-- Cheaper maintenance of employment.region_statistics_summary (issue #8: its triggers held the demo load below
-- 20,000 persons/s). Same figures, same tables, same triggers; only the SQL the functions run changes.
--
-- Before, every fact was joined to its five region prefixes first and grouped afterwards: five times the rows, the
-- fact's expressions evaluated once per prefix, and sorts that spilled to disk in a rebuild. Now facts are added up
-- per full region code first, and each prefix level is rolled up from the next finer one (12 → 9 → 6 → 4 → 2
-- digits), each a smaller set than the one before. Distinct-person figures do the same for every person whose
-- facts (held and changed) lie in one region code, nearly all of them; a person with facts in several codes is
-- still counted prefix by prefix, as before, so a person under two communities of one subdistrict counts once there.

-- A query over `facts` (columns region_code, figure, bucket, amount) adding the amounts up under every summary prefix
-- of the region code (those region_prefixes() gives): rows (region_prefix, figure, bucket, amount), zero sums left out.
-- A code shorter than a level has no prefix there; it joins the roll-up at the first level it reaches.
CREATE FUNCTION "employment"."region_statistics_rollup_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    $q$WITH l0 AS MATERIALIZED (SELECT f.region_code AS code, f.figure, f.bucket, sum(f.amount) AS amount
                                 FROM (%s) AS f(region_code, figure, bucket, amount) GROUP BY 1, 2, 3),
       l12 AS MATERIALIZED (SELECT left(code, 12) AS code, figure, bucket, sum(amount) AS amount FROM l0 WHERE length(code) >= 12 GROUP BY 1, 2, 3),
       l9 AS MATERIALIZED (SELECT left(code, 9) AS code, figure, bucket, sum(amount) AS amount
                             FROM (SELECT * FROM l12 UNION ALL SELECT * FROM l0 WHERE length(code) BETWEEN 9 AND 11) x GROUP BY 1, 2, 3),
       l6 AS MATERIALIZED (SELECT left(code, 6) AS code, figure, bucket, sum(amount) AS amount
                             FROM (SELECT * FROM l9 UNION ALL SELECT * FROM l0 WHERE length(code) BETWEEN 6 AND 8) x GROUP BY 1, 2, 3),
       l4 AS MATERIALIZED (SELECT left(code, 4) AS code, figure, bucket, sum(amount) AS amount
                             FROM (SELECT * FROM l6 UNION ALL SELECT * FROM l0 WHERE length(code) BETWEEN 4 AND 5) x GROUP BY 1, 2, 3),
       l2 AS MATERIALIZED (SELECT left(code, 2) AS code, figure, bucket, sum(amount) AS amount
                             FROM (SELECT * FROM l4 UNION ALL SELECT * FROM l0 WHERE length(code) BETWEEN 2 AND 3) x GROUP BY 1, 2, 3)
    SELECT code AS region_prefix, figure, bucket, amount
      FROM (SELECT * FROM l12 UNION ALL SELECT * FROM l9 UNION ALL SELECT * FROM l6 UNION ALL SELECT * FROM l4 UNION ALL SELECT * FROM l2) x
     WHERE amount <> 0$q$, facts)
$$;

-- A query of the distinct-person deltas, rows (region_prefix, figure, bucket, amount). `keyed` yields (person_id,
-- region_code, figure, bucket, change) and `held` (person_id, region_code, figure, bucket): a person counts under a
-- prefix, figure and bucket while at least one held fact of theirs does; `change` is how many of those facts the
-- statement added (negative: removed), so the delta is whether they count now minus whether they counted before.
-- For a person whose facts lie in one region code the delta is the same under each of its prefixes: it is worked
-- out once, on the code, and rolled up. `keyed` may read `hc`, the held facts per person and code: a rebuild
-- passes them as the change (every held fact is new).
CREATE FUNCTION "employment"."region_statistics_distinct_sql"(keyed TEXT, held TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    $q$WITH hc AS MATERIALIZED (SELECT h.person_id, h.region_code, h.figure, h.bucket, count(*) AS facts
                                 FROM (%2$s) AS h(person_id, region_code, figure, bucket) WHERE h.person_id IS NOT NULL GROUP BY 1, 2, 3, 4),
       kc AS MATERIALIZED (SELECT k.person_id, k.region_code, k.figure, k.bucket, sum(k.change) AS change
                             FROM (%1$s) AS k(person_id, region_code, figure, bucket, change) WHERE k.person_id IS NOT NULL GROUP BY 1, 2, 3, 4),
       codes AS MATERIALIZED (SELECT person_id, figure, bucket, min(region_code) AS lo, max(region_code) AS hi
                                FROM (SELECT person_id, region_code, figure, bucket FROM kc UNION ALL SELECT person_id, region_code, figure, bucket FROM hc) x
                               GROUP BY 1, 2, 3),
       multi_keys AS (SELECT k.person_id, p.prefix, k.figure, k.bucket, sum(k.change) AS change
                        FROM kc k JOIN codes c USING (person_id, figure, bucket) CROSS JOIN LATERAL employment.region_prefixes(k.region_code) AS p(prefix)
                       WHERE c.lo <> c.hi GROUP BY 1, 2, 3, 4),
       multi_held AS (SELECT h.person_id, p.prefix, h.figure, h.bucket, sum(h.facts) AS facts
                        FROM hc h JOIN codes c USING (person_id, figure, bucket) CROSS JOIN LATERAL employment.region_prefixes(h.region_code) AS p(prefix)
                       WHERE c.lo <> c.hi GROUP BY 1, 2, 3, 4),
       multi AS (SELECT k.prefix, k.figure, k.bucket, sum((coalesce(h.facts, 0) > 0)::int - (coalesce(h.facts, 0) - k.change > 0)::int) AS amount
                   FROM multi_keys k LEFT JOIN multi_held h USING (person_id, prefix, figure, bucket) GROUP BY 1, 2, 3)
    SELECT region_prefix, figure, bucket, sum(amount) AS amount
      FROM (SELECT * FROM (%3$s) s UNION ALL SELECT * FROM multi) x
     GROUP BY 1, 2, 3 HAVING sum(amount) <> 0$q$,
    keyed, held,
    employment.region_statistics_rollup_sql(
      $s$SELECT k.region_code, k.figure, k.bucket, (coalesce(h.facts, 0) > 0)::int - (coalesce(h.facts, 0) - k.change > 0)::int
           FROM kc k JOIN codes c USING (person_id, figure, bucket) LEFT JOIN hc h USING (person_id, region_code, figure, bucket)
          WHERE c.lo = c.hi$s$))
$$;

CREATE OR REPLACE FUNCTION "employment"."region_statistics_delta_sql"(distinct_persons BOOLEAN, change_facts TEXT, held_facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN NOT distinct_persons THEN format(
    $q$INSERT INTO employment.region_statistics_pending (region_prefix, figure, bucket, amount)
       SELECT region_prefix, figure, bucket, amount FROM (%s) r$q$,
    employment.region_statistics_rollup_sql(format('SELECT c.region_code, c.figure, c.bucket, c.amount * c.sign FROM (%s) c', change_facts)))
  ELSE format(
    -- `changed` by this name: the held facts read the persons changed from it.
    $q$INSERT INTO employment.region_statistics_pending (region_prefix, figure, bucket, amount)
       WITH changed AS MATERIALIZED (%s)
       SELECT region_prefix, figure, bucket, amount FROM (%s) r$q$,
    change_facts,
    employment.region_statistics_distinct_sql('SELECT person_id, region_code, figure, bucket, sign FROM changed', held_facts))
  END
$$;

-- As before; hash aggregates of a whole table's facts fit in memory with more than the default 4 MB.
CREATE OR REPLACE FUNCTION "employment"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
DECLARE
  src RECORD;
  facts TEXT;
BEGIN
  DELETE FROM employment.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM employment.region_statistics_summary;
  FOR src IN SELECT * FROM employment.region_statistics_sources() s WHERE s.rebuild LOOP
    facts := replace(src.facts, '$rows', format('%I.%I', 'employment', src.source_table));
    EXECUTE format(
      $q$INSERT INTO employment.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
         SELECT region_prefix, figure, bucket, amount FROM (%s) r ORDER BY 1, 2, 3
         ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount$q$,
      CASE WHEN src.distinct_persons
        THEN employment.region_statistics_distinct_sql('SELECT person_id, region_code, figure, bucket, facts FROM hc', facts)
        ELSE employment.region_statistics_rollup_sql(facts) END);
  END LOOP;
END
$$;
