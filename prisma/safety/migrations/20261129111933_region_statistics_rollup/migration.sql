-- Cheaper maintenance of safety.region_statistics_summary (issue #8: the demo load rebuilds it once and the rebuild
-- was most of its cost). Same figures, same tables, same triggers; only the SQL the functions run changes.
--
-- Before, every fact was joined to its five region prefixes first (high-risk memberships too, so that a person's
-- spans were merged under each prefix), and every grouped row to its month and year keys (a text test and a numeric
-- floor per row) before a large text-keyed aggregate that spilled to disk. Now:
--   - facts are formed per region code, grouped on the source's own columns first (one aggregate of injuries per
--     code and day gives its three figures), and the cumulative figures carry their own month ('<figure>/MONTH',
--     YYYYMM) and year ('<figure>/YEAR', YYYY) roll-ups (integer division of the day bucket);
--   - the sums per region code are rolled up level by level, 12 → 9 → 6 → 4 → 2 digits, each level from the one below
--     it (as employment's 20261129100600_region_statistics_rollup);
--   - day buckets come from date_part (double precision) instead of extract (numeric);
--   - a person (household) whose high-risk memberships lie in one region code, nearly all of them, has the same
--     merged spans under each of its prefixes: they are formed once, on the code, and rolled up. One with
--     memberships in several codes still has its spans merged under each prefix; so that the roll-up adds them up
--     right, its facts under a prefix are written at that prefix's level, less its facts one level finer: the
--     roll-up of these differences to a prefix telescopes to exactly the spans merged there.

-- A day as a bucket, YYYYMMDD, as before: date_part's double precision instead of extract's numeric (about four times
-- cheaper per row; the values are the same).
CREATE OR REPLACE FUNCTION "safety"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (date_part('year', day) * 10000 + date_part('month', day) * 100 + date_part('day', day))::int
$$;

-- A query over `facts` (columns region_code, figure, bucket, amount) adding the amounts up under every summary prefix
-- of the region code (2, 4, 6, 9 and 12 digits, those not longer than the code): rows (region_prefix, figure, bucket,
-- amount), zero sums left out. A code shorter than a level has no prefix there; it joins the roll-up at the first
-- level it reaches.
CREATE FUNCTION "safety"."region_statistics_rollup_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    -- Summed per code cut to 12 digits: for 12-digit codes (every stored one) that is already level 12; shorter codes
    -- are the prefixes at which the facts of owners in several codes are written.
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

-- Facts (region_code, figure, bucket, amount) of hazard or injury rows, over the relation `rows`.
CREATE OR REPLACE FUNCTION "safety"."region_statistics_row_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'hazard' THEN format($q$
      SELECT g.region_code, 'OPEN_HAZARDS_' || g.risk_level, safety.region_statistics_day(g.deadline), g.hazards
        FROM (SELECT r.region_code, r.risk_level, r.deadline, count(*) AS hazards FROM %s r WHERE r.status <> 'CLOSED' GROUP BY 1, 2, 3) g$q$, rows)
    WHEN 'injury_record' THEN format($q$
      SELECT g.region_code, f.figure || p.suffix, g.bucket / p.divisor, f.amount
        FROM (SELECT d.region_code, safety.region_statistics_day(d.injury_date) AS bucket, d.injuries, d.hospitalised, d.died
                FROM (SELECT r.region_code, r.injury_date, count(*) AS injuries,
                             count(*) FILTER (WHERE r.disposition IN ('HOSPITALIZED', 'TRANSFERRED')) AS hospitalised,
                             count(*) FILTER (WHERE r.disposition = 'DIED') AS died
                        FROM %s r GROUP BY 1, 2) d) g
       CROSS JOIN LATERAL (VALUES ('INJURIES', g.injuries), ('HOSPITALISED', g.hospitalised), ('DIED', g.died)) AS f(figure, amount)
       CROSS JOIN (VALUES ('', 1), ('/MONTH', 100), ('/YEAR', 10000)) AS p(suffix, divisor)
       WHERE f.amount <> 0$q$, rows)
  END
$$;

-- Facts (region_code, figure, bucket, amount) of high-risk memberships, over the relation `rows` holding every
-- membership of the persons and households it counts. Rolled up, they give per prefix the number of persons
-- (households) whose memberships under the prefix, merged (range_agg of [since, until]), start or end on a day.
-- An owner with memberships in one region code: its merged spans, on that code. One with memberships in several
-- codes: under each prefix P of level n its spans merged there, at P, and those merged under each prefix one level
-- finer, subtracted at P (see the top).
CREATE OR REPLACE FUNCTION "safety"."region_statistics_high_risk_facts"(rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$WITH owners AS MATERIALIZED (
      SELECT 'PERSONS' AS kind, r.person_id AS owner, r.region_code, r.since, r.until FROM %1$s r
       WHERE r.person_id IS NOT NULL AND (r.until IS NULL OR r.until >= r.since)
      UNION ALL
      SELECT 'HOUSEHOLDS', r.household_id, r.region_code, r.since, r.until FROM %1$s r
       WHERE r.household_id IS NOT NULL AND (r.until IS NULL OR r.until >= r.since)),
    merged AS MATERIALIZED (
      SELECT o.kind, o.owner, min(o.region_code) AS code, min(o.region_code) = max(o.region_code) AS one_code,
             range_agg(daterange(o.since, o.until, '[]')) AS days
        FROM owners o GROUP BY o.kind, o.owner),
    -- Owners in several codes: spans merged per level n and prefix, at the prefix (+1), and at the prefix one level
    -- coarser (-1) but for the coarsest level.
    several AS (
      SELECT o.kind, l.n, l.coarser, left(o.region_code, l.n) AS prefix, range_agg(daterange(o.since, o.until, '[]')) AS days
        FROM owners o JOIN merged m ON m.kind = o.kind AND m.owner = o.owner AND NOT m.one_code
       CROSS JOIN (VALUES (2, NULL), (4, 2), (6, 4), (9, 6), (12, 9)) AS l(n, coarser)
       WHERE l.n <= length(o.region_code)
       GROUP BY o.kind, o.owner, l.n, l.coarser, 4),
    span AS (
      SELECT m.kind, m.code, 1 AS amount, d.span FROM merged m CROSS JOIN LATERAL unnest(m.days) AS d(span) WHERE m.one_code
      UNION ALL
      SELECT s.kind, c.code, c.amount, d.span
        FROM several s CROSS JOIN LATERAL unnest(s.days) AS d(span)
       CROSS JOIN LATERAL (VALUES (s.prefix, 1), (left(s.prefix, s.coarser), -1)) AS c(code, amount)
       WHERE c.code IS NOT NULL),
    edge AS (
      SELECT kind, code, amount, '_STARTED' AS edge, safety.region_statistics_day(lower(span)) AS bucket FROM span
      UNION ALL
      SELECT kind, code, amount, '_ENDED', safety.region_statistics_day(upper(span)) FROM span WHERE NOT upper_inf(span))
    SELECT e.code, 'HIGH_RISK_' || e.kind || e.edge || p.suffix, e.bucket / p.divisor, e.amount::bigint
      FROM edge e CROSS JOIN (VALUES ('', 1), ('/MONTH', 100), ('/YEAR', 10000)) AS p(suffix, divisor)$q$, rows)
$$;

-- Facts (region_code, figure, bucket, amount) summed per summary key, as a query (the month and year keys are facts
-- of their own now).
CREATE OR REPLACE FUNCTION "safety"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT safety.region_statistics_rollup_sql(facts)
$$;

-- The statistics trigger of 20261129094500_region_statistics_track_by_index, word for word but for the names of the
-- facts' first column: region codes now, rolled up by region_statistics_by_key.
CREATE OR REPLACE FUNCTION "safety"."region_statistics_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  has_old BOOLEAN := TG_OP IN ('UPDATE', 'DELETE');
  has_new BOOLEAN := TG_OP IN ('INSERT', 'UPDATE');
  before_facts TEXT;
  after_facts TEXT;
  owner TEXT;
  owners TEXT;
  persons TEXT;
  households TEXT;
  state TEXT;
  keys TEXT[];
  added BIGINT;
  global_key CONSTANT INTEGER := hashtext('safety.region_statistics');
  held INTEGER := coalesce(nullif(current_setting('safety.region_statistics_locks', true), ''), '0')::int;
BEGIN
  IF TG_TABLE_NAME = 'high_risk_member' THEN
    FOREACH owner IN ARRAY ARRAY['person_id', 'household_id'] LOOP
      owners := concat_ws(' UNION ', CASE WHEN has_old THEN format('SELECT %I FROM old_rows', owner) END, CASE WHEN has_new THEN format('SELECT %I FROM new_rows', owner) END);
      IF owner = 'person_id' THEN persons := owners; ELSE households := owners; END IF;
      -- The locks (see the top); -1 held: this transaction holds the exclusive lock already.
      CONTINUE WHEN held < 0;
      EXECUTE format('SELECT array_agg(DISTINCT k::text ORDER BY k::text) FROM (%s) AS s(k) WHERE k IS NOT NULL', owners) INTO keys;
      IF held + coalesce(cardinality(keys), 0) > 256 THEN
        PERFORM pg_advisory_xact_lock(global_key, 0);
        held := -1;
      ELSE
        PERFORM pg_advisory_xact_lock_shared(global_key, 0);
        PERFORM pg_advisory_xact_lock(hashtext('safety.region_statistics.' || owner), hashtext(k)) FROM unnest(keys) WITH ORDINALITY AS u(k, n) ORDER BY n;
        held := held + coalesce(cardinality(keys), 0);
      END IF;
    END LOOP;
    PERFORM set_config('safety.region_statistics_locks', held::text, true);
    -- Every membership of the persons and households touched: as it is now (after), and as it was before the
    -- statement (now, less the new rows, plus the old ones).
    -- One index lookup per kind (a row has exactly one of person and household, so the two parts are disjoint).
    state := 'SELECT * FROM safety.high_risk_member t WHERE t.person_id IN (%1$s)%3$s UNION ALL SELECT * FROM safety.high_risk_member t WHERE t.household_id IN (%2$s)%3$s';
    after_facts := safety.region_statistics_high_risk_facts(format('(' || state || ')', persons, households, ''));
    before_facts := safety.region_statistics_high_risk_facts(format('(' || state || '%4$s)', persons, households,
      CASE WHEN has_new THEN ' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = t.id)' ELSE '' END,
      CASE WHEN has_old THEN ' UNION ALL SELECT * FROM old_rows' ELSE '' END));
  ELSE
    before_facts := CASE WHEN has_old THEN safety.region_statistics_row_facts(TG_TABLE_NAME, 'old_rows') END;
    after_facts := CASE WHEN has_new THEN safety.region_statistics_row_facts(TG_TABLE_NAME, 'new_rows') END;
  END IF;
  EXECUTE 'INSERT INTO safety.region_statistics_pending (region_prefix, figure, bucket, amount) ' || safety.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      CASE WHEN before_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, -amount FROM (%s) AS b(region_code, figure, bucket, amount)', before_facts) END,
      CASE WHEN after_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, amount FROM (%s) AS a(region_code, figure, bucket, amount)', after_facts) END));
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO safety.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- No longer used: the facts carry their month and year keys.
DROP FUNCTION "safety"."region_statistics_keys"(TEXT, INTEGER);

-- As before; the hash aggregates of whole tables' facts fit in memory with more than the default 4 MB.
CREATE OR REPLACE FUNCTION "safety"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  LOCK TABLE safety.region_statistics_summary IN EXCLUSIVE MODE;
  DELETE FROM safety.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM safety.region_statistics_summary;
  EXECUTE 'INSERT INTO safety.region_statistics_summary (region_prefix, figure, bucket, amount) ' || safety.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      safety.region_statistics_row_facts('hazard', 'safety.hazard'),
      safety.region_statistics_row_facts('injury_record', 'safety.injury_record'),
      format('SELECT * FROM (%s) AS h', safety.region_statistics_high_risk_facts('safety.high_risk_member'))));
END
$$;
