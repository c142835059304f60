-- Cheaper rebuild (and trigger SQL) of community.region_statistics_summary (issue #8: the demo loader turns the
-- triggers off during its COPY and rebuilds once, so the rebuild is now most of the summary's cost). Same figures,
-- same tables, same triggers; only the SQL the functions run changes, so nothing stored changes and nothing is rebuilt.
--
-- 1. Facts are added up per region code (cut to 12 digits: a longer code counts only under its 12-digit prefix) and
--    each prefix level is rolled up from the next finer one (12 → 9 → 6 → 4 → 2 digits), instead of joining every
--    grouped fact to its five prefixes before one large aggregate keyed by text.
-- 2. The month and year roll-ups of the cumulative dated figures are made once per region code, from those figures'
--    rows only, with integer arithmetic, instead of a regex-free but per-row test and a numeric floor for every row
--    of every prefix (region_statistics_keys, no longer used here).
-- 3. Days and years as buckets are integer arithmetic (date_part) instead of numeric (extract).
-- 4. The rebuild has the memory its hash aggregates need (they spilled to disk with 4 MB), and writes only the
--    summary rows that differ from the summary as it is (nothing, when it was right): deleting every row and
--    inserting them again made each insertion check its key against the deleted row's index entry.
--    (MERGE ... WHEN NOT MATCHED BY SOURCE: PostgreSQL 17 or later; the hub runs 18.)

-- A day as a bucket: YYYYMMDD, ordered like the days.
CREATE OR REPLACE FUNCTION "community"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT date_part('year', day)::int * 10000 + date_part('month', day)::int * 100 + date_part('day', day)::int
$$;

-- As before (see 20261129085250_region_statistics_summary), the years by date_part.
CREATE OR REPLACE FUNCTION "community"."region_statistics_row_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'household' THEN format($q$
      SELECT r.region_code, 'HOUSEHOLDS', 0, 1::bigint FROM %1$s r
      UNION ALL SELECT r.region_code, 'HONOURS', o.year, 1 FROM %1$s r JOIN community.household_honour o ON o.household_id = r.id$q$, rows)
    WHEN 'household_honour' THEN format($q$
      SELECT h.region_code, 'HONOURS', r.year, 1::bigint FROM %s r JOIN community.household h ON h.id = r.household_id$q$, rows)
    WHEN 'petition_visit' THEN format($q$
      SELECT r.region_code, 'PETITIONS', date_part('year', r.visit_date)::int, 1::bigint FROM %1$s r
      UNION ALL SELECT r.region_code, 'ESCALATED_PETITIONS', date_part('year', r.visit_date)::int, 1 FROM %1$s r WHERE r.escalated$q$, rows)
    WHEN 'dispute' THEN format($q$
      SELECT r.region_code, 'DISPUTES_' || r.status, date_part('year', r.reported_on)::int, 1::bigint FROM %s r$q$, rows)
    WHEN 'work_admission' THEN format($q$
      SELECT r.region_code, 'ADMITTED_' || r.kind, coalesce(date_part('year', r.decided_on)::int, 0), 1::bigint FROM %1$s r WHERE r.status = 'APPROVED'
      UNION ALL SELECT r.region_code, 'ADMITTED_FUNDING', coalesce(date_part('year', r.decided_on)::int, 0), r.funding_fen
        FROM %1$s r WHERE r.status = 'APPROVED' AND r.funding_fen <> 0$q$, rows)
  END
$$;

-- As before (see 20261129085250_region_statistics_summary), but the tag figures join each current membership to its
-- person's open tags once (the earliest start per membership and kind) instead of first limiting the tags to the
-- members' persons and then joining the members again: one pass over the members, the tags hashed, not the members.
CREATE OR REPLACE FUNCTION "community"."region_statistics_member_facts"(memberships TEXT, households TEXT, tags TEXT, registrations TEXT, figures TEXT)
RETURNS TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  parts TEXT[] := '{}';
BEGIN
  IF figures = 'ALL' THEN
    parts := array_append(parts, $p$SELECT region_code, 'POPULATION' AS figure, 0 AS bucket, count(*) AS amount FROM members GROUP BY 1$p$);
    parts := array_append(parts, $p$SELECT region_code, 'FLOATING', 0, count(*) FROM members WHERE floating GROUP BY 1$p$);
  END IF;
  IF figures IN ('ALL', 'REGISTERED') THEN
    -- Registered: a floating resident with an open floating-population registration (wherever it was made).
    parts := array_append(parts, format($p$SELECT region_code, 'REGISTERED_FLOATING', 0, count(*) FROM members
       WHERE floating AND person_id IN (SELECT r.person_id FROM %s r WHERE r.departure_date IS NULL) GROUP BY 1$p$, registrations));
  END IF;
  IF figures IN ('ALL', 'TAGS') THEN
    -- Held on a day when an open tag of the kind started on or before it: bucket by the earliest open start.
    parts := array_append(parts, format($p$SELECT t.region_code, 'TAG_' || t.kind, community.region_statistics_day(t.since), count(*)
        FROM (SELECT m.membership_id, m.region_code, t.kind, min(t.start_date) AS since
                FROM members m JOIN %s t ON t.person_id = m.person_id WHERE t.end_date IS NULL GROUP BY 1, 2, 3) t
       GROUP BY 1, 2, 3$p$, tags));
  END IF;
  RETURN format($q$WITH members AS MATERIALIZED (
      SELECT m.id AS membership_id, m.person_id, h.region_code, h.registration_type = 'FLOATING' AS floating
        FROM %s m JOIN %s h ON h.id = m.household_id WHERE m.end_date IS NULL)
    %s$q$, memberships, households, array_to_string(parts, ' UNION ALL '));
END
$$;

-- Facts (region_code, figure, bucket, amount) summed per summary key, as a query of rows (region_prefix, figure,
-- bucket, amount), zero sums left out. A code shorter than a level has no prefix there: it joins the roll-up at the
-- first level it reaches. The cumulative dated figures' day buckets (YYYYMMDD) also count under their month
-- ('/MONTH', YYYYMM) and year ('/YEAR', YYYY), floor division as before.
CREATE OR REPLACE FUNCTION "community"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    $q$WITH days AS MATERIALIZED (SELECT left(f.region_code, 12) AS code, f.figure, f.bucket, sum(f.amount)::bigint AS amount
                                   FROM (%s) AS f(region_code, figure, bucket, amount) GROUP BY 1, 2, 3),
       l0 AS MATERIALIZED (
         SELECT * FROM days
         UNION ALL
         SELECT d.code, d.figure || k.suffix, k.bucket, sum(d.amount)::bigint
           FROM days d CROSS JOIN LATERAL (VALUES ('/MONTH', d.bucket / 100 - (d.bucket %% 100 < 0)::int),
                                                  ('/YEAR', d.bucket / 10000 - (d.bucket %% 10000 < 0)::int)) AS k(suffix, bucket)
          WHERE starts_with(d.figure, 'TAG_') OR d.figure IN ('SUPERVISION_STARTED', 'SUPERVISION_ENDED')
          GROUP BY 1, 2, 3),
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
      FROM (SELECT * FROM l0 WHERE length(code) = 12 UNION ALL SELECT * FROM l9 UNION ALL SELECT * FROM l6 UNION ALL SELECT * FROM l4
            UNION ALL SELECT * FROM l2) x
     WHERE amount <> 0$q$, facts)
$$;

-- As before, with memory for its hash aggregates, writing only the rows that differ.
CREATE OR REPLACE FUNCTION "community"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  LOCK TABLE community.region_statistics_summary IN EXCLUSIVE MODE;
  DELETE FROM community.region_statistics_pending WHERE xact = pg_current_xact_id();
  EXECUTE format(
    $q$MERGE INTO community.region_statistics_summary AS s
       USING (%s) AS r ON s.region_prefix = r.region_prefix AND s.figure = r.figure AND s.bucket = r.bucket
        WHEN MATCHED AND s.amount <> r.amount THEN UPDATE SET amount = r.amount
        WHEN NOT MATCHED BY TARGET THEN INSERT (region_prefix, figure, bucket, amount) VALUES (r.region_prefix, r.figure, r.bucket, r.amount)
        WHEN NOT MATCHED BY SOURCE THEN DELETE$q$,
    community.region_statistics_by_key(
      -- Honours come in once, with their households.
      concat_ws(' UNION ALL ',
        format('SELECT * FROM (%s) AS f(region_code, figure, bucket, amount)',
          community.region_statistics_member_facts('community.household_membership', 'community.household', 'community.resident_tag', 'community.floating_registration', 'ALL')),
        format('SELECT * FROM (%s) AS f(region_code, figure, bucket, amount)',
          community.region_statistics_supervision_facts('community.supervision_file', 'community.supervision_visit')),
        community.region_statistics_row_facts('household', 'community.household'),
        community.region_statistics_row_facts('petition_visit', 'community.petition_visit'),
        community.region_statistics_row_facts('dispute', 'community.dispute'),
        community.region_statistics_row_facts('work_admission', 'community.work_admission'))));
END
$$;
