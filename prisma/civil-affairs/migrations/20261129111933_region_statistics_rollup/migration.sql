-- Cheaper maintenance of civil_affairs.region_statistics_summary (issue #8: the demo load rebuilds it once and the
-- rebuild was most of its cost). Same figures, same tables, same triggers; only the SQL the functions run changes.
--
-- Before, facts were summed per region code, then every sum was joined to its five region prefixes and to its month
-- and year keys (a regex test and a numeric floor per sum, enrolment figure or not) before one large text-keyed
-- aggregate that spilled to disk. Now:
--   - each source's rows are added up on their own columns first (one scan of payments instead of two), and the
--     figure names and buckets are formed once per group;
--   - the enrolment facts carry their own month and year roll-ups (integer division of the day bucket), so no other
--     fact is tested for them;
--   - the sums per region code are rolled up level by level, 12 → 9 → 6 → 4 → 2 digits, each level from the one
--     below it (as employment's 20261129100600_region_statistics_rollup).
--   - day buckets come from date_part (double precision) instead of extract (numeric).

-- A day as a bucket, YYYYMMDD, as before: date_part's double precision instead of extract's numeric (about four times
-- cheaper per row; the values are the same).
CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', day) * 10000 + date_part('month', day) * 100 + date_part('day', day))::int
$$;

-- A query over `facts` (columns region_code, figure, bucket, amount) adding the amounts up under every summary prefix
-- of the region code (those region_prefixes() gives): rows (region_prefix, figure, bucket, amount), zero sums left out.
-- A code shorter than a level has no prefix there; it joins the roll-up at the first level it reaches.
CREATE FUNCTION "civil_affairs"."region_statistics_rollup_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    -- Summed per code cut to 12 digits: for 12-digit codes (all of them in practice) that is already level 12.
    $q$WITH l0 AS MATERIALIZED (SELECT left(f.region_code, 12) AS code, f.figure, f.bucket, sum(f.amount)::bigint AS amount
                                 FROM (%s) AS f(region_code, figure, bucket, amount) GROUP BY 1, 2, 3),
       short AS MATERIALIZED (SELECT * FROM l0 WHERE length(code) < 12),
       l9 AS MATERIALIZED (SELECT left(code, 9) AS code, figure, bucket, sum(amount)::bigint AS amount
                             FROM (SELECT * FROM l0 WHERE length(code) = 12 UNION ALL SELECT * FROM short WHERE length(code) >= 9) x GROUP BY 1, 2, 3),
       l6 AS MATERIALIZED (SELECT left(code, 6) AS code, figure, bucket, sum(amount)::bigint AS amount
                             FROM (SELECT * FROM l9 UNION ALL SELECT * FROM short WHERE length(code) BETWEEN 6 AND 8) x GROUP BY 1, 2, 3),
       l4 AS MATERIALIZED (SELECT left(code, 4) AS code, figure, bucket, sum(amount)::bigint AS amount
                             FROM (SELECT * FROM l6 UNION ALL SELECT * FROM short WHERE length(code) BETWEEN 4 AND 5) x GROUP BY 1, 2, 3),
       l2 AS MATERIALIZED (SELECT left(code, 2) AS code, figure, bucket, sum(amount)::bigint AS amount
                             FROM (SELECT * FROM l4 UNION ALL SELECT * FROM short WHERE length(code) BETWEEN 2 AND 3) x GROUP BY 1, 2, 3)
    SELECT code AS region_prefix, figure, bucket, amount
      FROM (SELECT * FROM l0 WHERE length(code) = 12 UNION ALL SELECT * FROM l9 UNION ALL SELECT * FROM l6
            UNION ALL SELECT * FROM l4 UNION ALL SELECT * FROM l2) x
     WHERE amount <> 0$q$, facts)
$$;

-- The facts of the rows of `source` read from `rows` (the table, or a transition table), as a query of
-- (region_code, figure, bucket, amount): the same figures as before, added up per region code, group and day (or
-- period) first. The enrolment figures come with their month ('<figure>/MONTH', YYYYMM) and year ('<figure>/YEAR',
-- YYYY) roll-ups, which before were added to every fact whose figure matched a pattern.
CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'payment' THEN format($q$
      SELECT g.region_code, f.figure, replace(g.period, '-', '')::int, f.amount
        FROM (SELECT r.region_code, r.programme, r.period, sum(r.amount_fen)::bigint AS fen, count(*) AS payments
                FROM %s r GROUP BY 1, 2, 3) g
       CROSS JOIN LATERAL (VALUES ('PAYMENT_FEN/' || g.programme, g.fen), ('PAYMENTS/' || g.programme, g.payments)) AS f(figure, amount)$q$, rows)
    WHEN 'medical_assistance' THEN format($q$
      SELECT g.region_code, f.figure, civil_affairs.region_statistics_day(g.claim_date), f.amount
        FROM (SELECT r.region_code, r.claim_date, sum(r.amount_fen)::bigint AS fen, count(*) AS claims
                FROM %s r GROUP BY 1, 2) g
       CROSS JOIN LATERAL (VALUES ('MEDICAL_FEN', g.fen), ('MEDICAL_CLAIMS', g.claims)) AS f(figure, amount)$q$, rows)
    WHEN 'enrolment' THEN format($q$
      SELECT g.region_code, m.measure || '_' || g.edge || '/' || g.programme || p.suffix, g.bucket / p.divisor, m.amount
        FROM (SELECT e.region_code, e.programme, e.edge, civil_affairs.region_statistics_day(e.day) AS bucket,
                     e.enrolments, e.persons, e.monthly
                FROM (SELECT r.region_code, r.programme, d.edge, d.day, count(*) AS enrolments,
                             sum(r.member_count)::bigint AS persons, sum(r.monthly_amount_fen)::bigint AS monthly
                        FROM %s r
                       CROSS JOIN LATERAL (VALUES ('STARTED', r.start_date),
                                                  ('ENDED', CASE WHEN r.end_date IS NOT NULL THEN greatest(r.start_date, r.end_date + 1) END)) AS d(edge, day)
                       WHERE r.status <> 'SUSPENDED' AND NOT (r.status = 'TERMINATED' AND r.end_date IS NULL) AND d.day IS NOT NULL
                       GROUP BY 1, 2, 3, 4) e) g
       CROSS JOIN LATERAL (VALUES ('ENROLMENTS', g.enrolments), ('PERSONS', g.persons), ('MONTHLY', g.monthly)) AS m(measure, amount)
       CROSS JOIN (VALUES ('', 1), ('/MONTH', 100), ('/YEAR', 10000)) AS p(suffix, divisor)$q$, rows)
  END
$$;

-- Facts (region_code, figure, bucket, amount) summed per summary key, as a query (the month and year keys are facts
-- of their own now).
CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT civil_affairs.region_statistics_rollup_sql(facts)
$$;

-- No longer used: the enrolment facts carry their month and year keys.
DROP FUNCTION "civil_affairs"."region_statistics_keys"(TEXT, INTEGER);

-- As before; the hash aggregates of whole tables' facts fit in memory with more than the default 4 MB.
CREATE OR REPLACE FUNCTION "civil_affairs"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  LOCK TABLE civil_affairs.region_statistics_summary IN EXCLUSIVE MODE;
  DELETE FROM civil_affairs.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM civil_affairs.region_statistics_summary;
  EXECUTE 'INSERT INTO civil_affairs.region_statistics_summary (region_prefix, figure, bucket, amount) ' || civil_affairs.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      civil_affairs.region_statistics_facts('payment', 'civil_affairs.payment'),
      civil_affairs.region_statistics_facts('medical_assistance', 'civil_affairs.medical_assistance'),
      civil_affairs.region_statistics_facts('enrolment', 'civil_affairs.enrolment')));
END
$$;
