-- Cheaper rebuild (and trigger SQL) of employment.region_statistics_summary (issue #8: the demo loader turns the
-- triggers off during its COPY and rebuilds once, so the rebuild is now most of the summary's cost). Same figures,
-- same tables, same triggers; only the SQL the functions run changes, so nothing stored changes and nothing is rebuilt.
--
-- 1. Birth months and years are integer arithmetic (date_part) instead of numeric (extract) for every row.
-- 2. The roll-up adds the facts up per region code cut to 12 digits at once (a longer code counts only under its
--    12-digit prefix anyway), instead of grouping by the full code and again by its 12-digit prefix; the levels'
--    sums are bigint, not numeric.
-- 3. A rebuild is one query: the counted facts of every source go through one roll-up (added up per key across
--    sources, as the former INSERT ... ON CONFLICT per source did), and distinct persons are counted with one
--    aggregate per person, figure and bucket: a person whose facts lie in one region code (nearly all) is a fact of
--    that code in the same roll-up; only persons in several codes are counted prefix by prefix. The delta SQL the
--    triggers share was answering this for every person (held facts against changed facts).
-- 4. A rebuild writes only the summary rows that differ from the summary as it is (nothing, when it was right):
--    deleting every row and inserting them again, with a speculative insertion per row, cost more than computing
--    the figures.
-- The triggers' SQL gets 1 and 2; a 10,000-row write is still dominated by applying its deltas at COMMIT.

CREATE OR REPLACE FUNCTION "employment"."region_statistics_sources"()
RETURNS TABLE ("source_table" TEXT, "distinct_persons" BOOLEAN, "facts" TEXT, "current_facts" TEXT, "rebuild" BOOLEAN)
LANGUAGE sql IMMUTABLE AS $sources$ VALUES
  -- Labour-force members by sex and birth month: working-age persons for any day.
  ('labour_force_member', false,
   $f$SELECT r.region_code, 'MEMBERS_' || r.gender, date_part('year', r.birth_date)::int * 12 + date_part('month', r.birth_date)::int - 1, 1 FROM $rows r$f$,
   NULL, true),
  -- Current statuses (open periods) of members, where the member lives.
  ('labour_force_member', false,
   $f$SELECT r.region_code, 'STATUS_' || p.status, 0, 1 FROM $rows r JOIN employment.employment_status_period p ON p.person_id = r.person_id WHERE p.end_date IS NULL$f$,
   NULL, false),
  ('employment_status_period', false,
   $f$SELECT m.region_code, 'STATUS_' || r.status, 0, 1 FROM $rows r JOIN employment.labour_force_member m ON m.person_id = r.person_id WHERE r.end_date IS NULL$f$,
   NULL, true),
  ('zero_employment_episode', false,
   $f$SELECT r.region_code, 'ZERO_EMPLOYMENT_FAMILIES', 0, 1 FROM $rows r WHERE r.resolved_on IS NULL$f$, NULL, true),
  ('difficulty_certification', false,
   $f$SELECT r.region_code, 'DIFFICULT_PERSONS', 0, 1 FROM $rows r WHERE r.ended_on IS NULL$f$, NULL, true),
  ('retiree', false,
   $f$SELECT r.region_code, 'RETIREES', 0, 1 FROM $rows r UNION ALL SELECT r.region_code, 'RETIREES_IN_GROUPS', 0, 1 FROM $rows r WHERE r.group_id IS NOT NULL$f$,
   NULL, true),
  -- Retirees certified per year (one certification per person and year), where the retiree lives.
  ('retiree', false,
   $f$SELECT r.region_code, 'RETIREES_CERTIFIED', c.year, 1 FROM $rows r JOIN employment.pension_certification c ON c.person_id = r.person_id$f$,
   NULL, false),
  ('pension_certification', false,
   $f$SELECT t.region_code, 'RETIREES_CERTIFIED', r.year, 1 FROM $rows r JOIN employment.retiree t ON t.person_id = r.person_id$f$,
   NULL, true),
  ('self_management_group', false,
   $f$SELECT r.region_code, 'SELF_MANAGEMENT_GROUPS', 0, 1 FROM $rows r$f$, NULL, true),
  ('micro_loan', false,
   $f$SELECT r.region_code, 'LOANS_OUTSTANDING', 0, 1 FROM $rows r WHERE r.status = 'DISBURSED'
      UNION ALL SELECT r.region_code, 'MICRO_LOAN_AMOUNT', date_part('year', r.disbursed_on)::int, r.amount_fen FROM $rows r WHERE r.disbursed_on IS NOT NULL$f$,
   NULL, true),
  ('labour_dispute', false,
   $f$SELECT r.region_code, 'OPEN_LABOUR_DISPUTES', 0, 1 FROM $rows r WHERE r.status IN ('RECEIVED', 'MEDIATING')$f$, NULL, true),
  -- Yearly target actuals (by the year the record's date falls in).
  ('employment_registration', false,
   $f$SELECT r.region_code, 'NEW_URBAN_EMPLOYMENT', date_part('year', r.start_date)::int, 1 FROM $rows r WHERE r.kind = 'EMPLOYMENT'
      UNION ALL SELECT r.region_code, 'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED', date_part('year', r.start_date)::int, 1 FROM $rows r WHERE r.kind = 'EMPLOYMENT' AND r.reemployment$f$,
   NULL, true),
  ('employment_registration', true,
   $f$SELECT r.person_id, r.region_code, 'REAL_NAME_REGISTRATION', date_part('year', r.start_date)::int FROM $rows r$f$, NULL, true),
  ('placement', true,
   $f$SELECT r.person_id, r.region_code, 'DIFFICULT_PERSONS_PLACED', date_part('year', r.placed_on)::int FROM $rows r WHERE r.difficult_person$f$, NULL, true),
  ('training_enrolment', true,
   $f$SELECT r.person_id, r.region_code, employment.training_indicator(c.kind), date_part('year', r.completed_on)::int
        FROM $rows r JOIN employment.training_course c ON c.id = r.course_id WHERE r.status = 'COMPLETED' AND r.completed_on IS NOT NULL$f$,
   NULL, true),
  ('training_course', true,
   $f$SELECT e.person_id, e.region_code, employment.training_indicator(r.kind), date_part('year', e.completed_on)::int
        FROM $rows r JOIN employment.training_enrolment e ON e.course_id = r.id WHERE e.status = 'COMPLETED' AND e.completed_on IS NOT NULL$f$,
   $f$SELECT e.person_id, e.region_code, employment.training_indicator(c.kind), date_part('year', e.completed_on)::int
        FROM employment.training_enrolment e JOIN employment.training_course c ON c.id = e.course_id
       WHERE e.status = 'COMPLETED' AND e.completed_on IS NOT NULL AND e.person_id IN (SELECT person_id FROM $persons)$f$,
   false),
  ('insurance_enrolment', false,
   $f$SELECT r.region_code, r.scheme || '_ENROLMENT', r.year, 1 FROM $rows r$f$, NULL, true),
  ('informal_organisation_member', true,
   $f$SELECT r.person_id, r.region_code, 'INFORMAL_EMPLOYMENT_ABSORBED', date_part('year', r.joined_on)::int FROM $rows r$f$, NULL, true)
$sources$;

-- As before (see 20261129100600_region_statistics_rollup), with the first level grouped by the code cut to 12 digits.
CREATE OR REPLACE FUNCTION "employment"."region_statistics_rollup_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
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
      FROM (SELECT * FROM l0 WHERE length(code) = 12 UNION ALL SELECT * FROM l9 UNION ALL SELECT * FROM l6 UNION ALL SELECT * FROM l4
            UNION ALL SELECT * FROM l2) x
     WHERE amount <> 0$q$, facts)
$$;

-- The rebuild as one query of rows (region_prefix, figure, bucket, amount), each source's figures added up per key as
-- the former per-source INSERT ... ON CONFLICT did (zero sums left out, as the triggers' apply does). Counted facts of
-- every source go through one roll-up. A distinct-person source counts a person in one region code (nearly all) as a
-- fact of that code in the same roll-up; a person in several codes (for that figure and bucket) is counted prefix by
-- prefix, per source, and added to the rolled-up rows of those keys.
CREATE FUNCTION "employment"."region_statistics_rebuild_sql"() RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format(
    $q$WITH persons AS MATERIALIZED (SELECT source, person_id, figure, bucket, min(region_code) AS lo, max(region_code) AS hi,
                                         array_agg(region_code) AS codes
                                    FROM (%1$s) AS f GROUP BY 1, 2, 3, 4),
       multi AS MATERIALIZED (
         SELECT region_prefix, figure, bucket, count(*) AS amount
           FROM (SELECT m.source, p.prefix AS region_prefix, m.figure, m.bucket, m.person_id
                   FROM persons m CROSS JOIN LATERAL unnest(m.codes) AS c(code) CROSS JOIN LATERAL employment.region_prefixes(c.code) AS p(prefix)
                  WHERE m.lo <> m.hi GROUP BY 1, 2, 3, 4, 5) x
          GROUP BY 1, 2, 3),
       counted AS MATERIALIZED (%2$s)
    SELECT c.region_prefix, c.figure, c.bucket, c.amount FROM counted c
     WHERE NOT EXISTS (SELECT 1 FROM multi m WHERE (m.region_prefix, m.figure, m.bucket) = (c.region_prefix, c.figure, c.bucket))
    UNION ALL
    SELECT m.region_prefix, m.figure, m.bucket, m.amount + coalesce(c.amount, 0) FROM multi m LEFT JOIN counted c USING (region_prefix, figure, bucket)
     WHERE m.amount + coalesce(c.amount, 0) <> 0$q$,
    -- An empty set of the right shape when no source counts distinct persons.
    coalesce(string_agg(format('SELECT %s AS source, f.* FROM (%s) AS f(person_id, region_code, figure, bucket) WHERE f.person_id IS NOT NULL',
                               src.n, replace(src.facts, '$rows', format('%I.%I', 'employment', src.source_table))), ' UNION ALL ' ORDER BY src.n)
               FILTER (WHERE src.distinct_persons),
             'SELECT 0 AS source, NULL::uuid AS person_id, NULL::text AS region_code, NULL::text AS figure, NULL::int AS bucket WHERE false'),
    employment.region_statistics_rollup_sql(concat_ws(' UNION ALL ',
      string_agg(format('SELECT * FROM (%s) AS s%s', replace(src.facts, '$rows', format('%I.%I', 'employment', src.source_table)), src.n), ' UNION ALL ' ORDER BY src.n)
        FILTER (WHERE NOT src.distinct_persons),
      'SELECT lo, figure, bucket, 1 FROM persons WHERE lo = hi')))
    FROM employment.region_statistics_sources() WITH ORDINALITY AS src(source_table, distinct_persons, facts, current_facts, rebuild, n)
   WHERE src.rebuild
$$;

-- As before, from one query instead of one INSERT ... ON CONFLICT per source, and writing only the rows that differ
-- from the summary as it is (nothing, when it was right): deleting every row and inserting them again cost more than
-- computing them, as each insertion checked the key against the deleted row's index entry.
-- (MERGE ... WHEN NOT MATCHED BY SOURCE: PostgreSQL 17 or later; the hub runs 18.)
CREATE OR REPLACE FUNCTION "employment"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql SET work_mem = '64MB' AS $$
BEGIN
  DELETE FROM employment.region_statistics_pending WHERE xact = pg_current_xact_id();
  EXECUTE format(
    $q$MERGE INTO employment.region_statistics_summary AS s
       USING (%s) AS r ON s.region_prefix = r.region_prefix AND s.figure = r.figure AND s.bucket = r.bucket
        WHEN MATCHED AND s.amount <> r.amount THEN UPDATE SET amount = r.amount
        WHEN NOT MATCHED BY TARGET THEN INSERT (region_prefix, figure, bucket, amount) VALUES (r.region_prefix, r.figure, r.bucket, r.amount)
        WHEN NOT MATCHED BY SOURCE THEN DELETE$q$, employment.region_statistics_rebuild_sql());
END
$$;
