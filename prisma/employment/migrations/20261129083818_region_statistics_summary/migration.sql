-- CreateIndex
CREATE INDEX "labour_force_member_birth_date_gender_region_code_idx" ON "employment"."labour_force_member"("birth_date", "gender", "region_code");


-- Region statistics from maintained aggregates (issue #8): employmentStatistics and the person-based target actuals
-- read a summary instead of scanning persons. Raw SQL on purpose: Prisma never reads these tables.
--
-- region_statistics_summary holds, for every region-code prefix a dashboard can ask about (province 2, city 4,
-- district 6, subdistrict 9, community 12 digits), the amount of each figure per bucket: a birth month
-- (year * 12 + month - 1) for labour-force members, a calendar year for yearly figures, 0 otherwise. A region's
-- figure is then one index lookup of its own prefix, whatever the population below it.
--
-- Maintenance is exact and inside the writing transaction: AFTER ... FOR EACH STATEMENT triggers with transition
-- tables (they fire once per COPY too) turn the changed rows into deltas in region_statistics_pending; a deferred
-- trigger adds the transaction's deltas to the summary at COMMIT, in key order. So concurrent writers lock the
-- shared summary rows only while committing and always in the same order (no deadlocks between them).

CREATE TABLE "employment"."region_statistics_summary" (
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    -- amount included: a region's rows are read by an index-only scan.
    CONSTRAINT "region_statistics_summary_pkey" PRIMARY KEY ("region_prefix", "figure", "bucket") INCLUDE ("amount")
);

-- Deltas of transactions not yet committed (each sees only its own): readers add them, so a transaction that
-- wrote reads its own figures exactly.
CREATE TABLE "employment"."region_statistics_pending" (
    "xact" XID8 NOT NULL DEFAULT pg_current_xact_id(),
    "id" BIGINT GENERATED ALWAYS AS IDENTITY,
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "region_statistics_pending_pkey" PRIMARY KEY ("xact", "id")
);

-- One row per transaction with pending deltas: its deferred trigger applies them at COMMIT.
CREATE TABLE "employment"."region_statistics_pending_xact" (
    "xact" XID8 NOT NULL,
    CONSTRAINT "region_statistics_pending_xact_pkey" PRIMARY KEY ("xact")
);

-- The summary prefixes a stored region code counts under.
CREATE FUNCTION "employment"."region_prefixes"(code TEXT) RETURNS SETOF TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(code, n) FROM unnest(ARRAY[2, 4, 6, 9, 12]) AS n WHERE n <= length(code)
$$;

CREATE FUNCTION "employment"."training_indicator"(kind "employment"."CourseKind") RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE kind WHEN 'SKILLS' THEN 'SKILLS_TRAINING' WHEN 'ENTERPRISE_SKILL_UPGRADE' THEN 'ENTERPRISE_SKILL_UPGRADE_TRAINING'
                   WHEN 'SYB' THEN 'SYB_TRAINING' WHEN 'ENTREPRENEURSHIP_PRACTICE' THEN 'PRACTICAL_TRAINEES' ELSE 'COMPLETED_' || kind END
$$;

-- What each table contributes. `facts` is a query over `$rows` (the changed rows, or the whole table for a rebuild):
--   counted figures: (region_code, figure, bucket, amount), added up;
--   distinct_persons: (person_id, region_code, figure, bucket), a person counted once per prefix, figure and bucket;
--     `current_facts` (over `$persons`) gives the facts now held for the persons changed; NULL means `facts` over
--     the table itself.
-- A figure that joins two tables (current statuses of members, certified retirees, completions by course kind) has
-- a source on each side, each counting the pairs its own changed rows make with the other table as it is now, so a
-- pair is counted when its second row arrives and uncounted when its first row leaves. `rebuild`: the one side a
-- rebuild from scratch reads.
CREATE FUNCTION "employment"."region_statistics_sources"()
RETURNS TABLE ("source_table" TEXT, "distinct_persons" BOOLEAN, "facts" TEXT, "current_facts" TEXT, "rebuild" BOOLEAN)
LANGUAGE sql IMMUTABLE AS $sources$ VALUES
  -- Labour-force members by sex and birth month: working-age persons for any day.
  ('labour_force_member', false,
   $f$SELECT r.region_code, 'MEMBERS_' || r.gender, (extract(year FROM r.birth_date) * 12 + extract(month FROM r.birth_date) - 1)::int, 1 FROM $rows r$f$,
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
      UNION ALL SELECT r.region_code, 'MICRO_LOAN_AMOUNT', extract(year FROM r.disbursed_on)::int, r.amount_fen FROM $rows r WHERE r.disbursed_on IS NOT NULL$f$,
   NULL, true),
  ('labour_dispute', false,
   $f$SELECT r.region_code, 'OPEN_LABOUR_DISPUTES', 0, 1 FROM $rows r WHERE r.status IN ('RECEIVED', 'MEDIATING')$f$, NULL, true),
  -- Yearly target actuals (by the year the record's date falls in).
  ('employment_registration', false,
   $f$SELECT r.region_code, 'NEW_URBAN_EMPLOYMENT', extract(year FROM r.start_date)::int, 1 FROM $rows r WHERE r.kind = 'EMPLOYMENT'
      UNION ALL SELECT r.region_code, 'REEMPLOYMENT_OF_REGISTERED_UNEMPLOYED', extract(year FROM r.start_date)::int, 1 FROM $rows r WHERE r.kind = 'EMPLOYMENT' AND r.reemployment$f$,
   NULL, true),
  ('employment_registration', true,
   $f$SELECT r.person_id, r.region_code, 'REAL_NAME_REGISTRATION', extract(year FROM r.start_date)::int FROM $rows r$f$, NULL, true),
  ('placement', true,
   $f$SELECT r.person_id, r.region_code, 'DIFFICULT_PERSONS_PLACED', extract(year FROM r.placed_on)::int FROM $rows r WHERE r.difficult_person$f$, NULL, true),
  ('training_enrolment', true,
   $f$SELECT r.person_id, r.region_code, employment.training_indicator(c.kind), extract(year FROM r.completed_on)::int
        FROM $rows r JOIN employment.training_course c ON c.id = r.course_id WHERE r.status = 'COMPLETED' AND r.completed_on IS NOT NULL$f$,
   NULL, true),
  ('training_course', true,
   $f$SELECT e.person_id, e.region_code, employment.training_indicator(r.kind), extract(year FROM e.completed_on)::int
        FROM $rows r JOIN employment.training_enrolment e ON e.course_id = r.id WHERE e.status = 'COMPLETED' AND e.completed_on IS NOT NULL$f$,
   $f$SELECT e.person_id, e.region_code, employment.training_indicator(c.kind), extract(year FROM e.completed_on)::int
        FROM employment.training_enrolment e JOIN employment.training_course c ON c.id = e.course_id
       WHERE e.status = 'COMPLETED' AND e.completed_on IS NOT NULL AND e.person_id IN (SELECT person_id FROM $persons)$f$,
   false),
  ('insurance_enrolment', false,
   $f$SELECT r.region_code, r.scheme || '_ENROLMENT', r.year, 1 FROM $rows r$f$, NULL, true),
  ('informal_organisation_member', true,
   $f$SELECT r.person_id, r.region_code, 'INFORMAL_EMPLOYMENT_ABSORBED', extract(year FROM r.joined_on)::int FROM $rows r$f$, NULL, true)
$sources$;

-- The deltas one source's changed rows make, as one INSERT into region_statistics_pending. `change_facts` yields the
-- facts with a sign (-1 for old rows, +1 for new rows); `held_facts` the facts held now for the persons changed.
CREATE FUNCTION "employment"."region_statistics_delta_sql"(distinct_persons BOOLEAN, change_facts TEXT, held_facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN NOT distinct_persons THEN format(
    $q$INSERT INTO employment.region_statistics_pending (region_prefix, figure, bucket, amount)
       SELECT p.prefix, c.figure, c.bucket, sum(c.amount * c.sign)
         FROM (%s) c CROSS JOIN LATERAL employment.region_prefixes(c.region_code) AS p(prefix)
        GROUP BY 1, 2, 3 HAVING sum(c.amount * c.sign) <> 0$q$, change_facts)
  ELSE format(
    -- A person counts under a prefix, figure and bucket while at least one fact of theirs does: the delta is
    -- whether they count now minus whether they counted before the statement (now - new facts + old facts).
    $q$INSERT INTO employment.region_statistics_pending (region_prefix, figure, bucket, amount)
       WITH changed AS MATERIALIZED (%s),
       keys AS (SELECT c.person_id, p.prefix, c.figure, c.bucket, sum(c.sign) AS change
                  FROM changed c CROSS JOIN LATERAL employment.region_prefixes(c.region_code) AS p(prefix) GROUP BY 1, 2, 3, 4),
       held AS (SELECT f.person_id, p.prefix, f.figure, f.bucket, count(*) AS facts
                  FROM (%s) AS f(person_id, region_code, figure, bucket)
                  CROSS JOIN LATERAL employment.region_prefixes(f.region_code) AS p(prefix) GROUP BY 1, 2, 3, 4),
       deltas AS (SELECT k.prefix, k.figure, k.bucket,
                         sum((coalesce(h.facts, 0) > 0)::int - (coalesce(h.facts, 0) - k.change > 0)::int) AS delta
                    FROM keys k LEFT JOIN held h USING (person_id, prefix, figure, bucket) GROUP BY 1, 2, 3)
       SELECT prefix, figure, bucket, delta FROM deltas WHERE delta <> 0$q$, change_facts, held_facts)
  END
$$;

-- Statement trigger on every source table: the changed rows' deltas into region_statistics_pending.
CREATE FUNCTION "employment"."region_statistics_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  src RECORD;
  fact_columns TEXT;
  change_facts TEXT;
  held_facts TEXT;
  added BIGINT;
  pending BOOLEAN := false;
BEGIN
  FOR src IN SELECT * FROM employment.region_statistics_sources() s WHERE s.source_table = TG_TABLE_NAME LOOP
    fact_columns := CASE WHEN src.distinct_persons THEN 'person_id, region_code, figure, bucket' ELSE 'region_code, figure, bucket, amount' END;
    change_facts := concat_ws(' UNION ALL ',
      CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format('SELECT f.*, -1 AS sign FROM (%s) AS f(%s)', replace(src.facts, '$rows', 'old_rows'), fact_columns) END,
      CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format('SELECT f.*, 1 AS sign FROM (%s) AS f(%s)', replace(src.facts, '$rows', 'new_rows'), fact_columns) END);
    held_facts := CASE
      WHEN NOT src.distinct_persons THEN NULL
      WHEN src.current_facts IS NULL THEN replace(src.facts, '$rows',
        format('(SELECT * FROM %I.%I WHERE person_id IN (SELECT person_id FROM changed))', TG_TABLE_SCHEMA, TG_TABLE_NAME))
      ELSE replace(src.current_facts, '$persons', 'changed') END;
    EXECUTE employment.region_statistics_delta_sql(src.distinct_persons, change_facts, held_facts);
    GET DIAGNOSTICS added = ROW_COUNT;
    pending := pending OR added > 0;
  END LOOP;
  IF pending THEN
    INSERT INTO employment.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- At COMMIT (deferred): the transaction's deltas into the summary, in key order; rows that fall to zero go.
CREATE FUNCTION "employment"."region_statistics_apply"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  zero_prefixes TEXT[];
  zero_figures TEXT[];
  zero_buckets INTEGER[];
BEGIN
  WITH done AS (DELETE FROM employment.region_statistics_pending WHERE xact = NEW.xact RETURNING region_prefix, figure, bucket, amount),
  summed AS (SELECT region_prefix, figure, bucket, sum(amount) AS amount FROM done GROUP BY 1, 2, 3 HAVING sum(amount) <> 0),
  applied AS (
    INSERT INTO employment.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
    SELECT region_prefix, figure, bucket, amount FROM summed ORDER BY 1, 2, 3
    ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount
    RETURNING s.region_prefix, s.figure, s.bucket, s.amount)
  SELECT array_agg(region_prefix), array_agg(figure), array_agg(bucket) INTO zero_prefixes, zero_figures, zero_buckets
    FROM applied WHERE amount = 0;
  IF zero_prefixes IS NOT NULL THEN
    DELETE FROM employment.region_statistics_summary s
     USING unnest(zero_prefixes, zero_figures, zero_buckets) AS z(region_prefix, figure, bucket)
     WHERE (s.region_prefix, s.figure, s.bucket) = (z.region_prefix, z.figure, z.bucket) AND s.amount = 0;
  END IF;
  DELETE FROM employment.region_statistics_pending_xact WHERE xact = NEW.xact;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "region_statistics_apply" AFTER INSERT ON "employment"."region_statistics_pending_xact"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "employment"."region_statistics_apply"();

-- The summary computed from scratch (this migration, and after a TRUNCATE of any source table).
CREATE FUNCTION "employment"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
  src RECORD;
BEGIN
  DELETE FROM employment.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM employment.region_statistics_summary;
  FOR src IN SELECT * FROM employment.region_statistics_sources() s WHERE s.rebuild LOOP
    EXECUTE format(
      $q$INSERT INTO employment.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
         SELECT p.prefix, f.figure, f.bucket, %1$s FROM (%2$s) AS f(%3$s)
          CROSS JOIN LATERAL employment.region_prefixes(f.region_code) AS p(prefix)
          GROUP BY 1, 2, 3 HAVING %1$s <> 0 ORDER BY 1, 2, 3
         ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount$q$,
      CASE WHEN src.distinct_persons THEN 'count(DISTINCT f.person_id)' ELSE 'sum(f.amount)' END,
      replace(src.facts, '$rows', format('%I.%I', 'employment', src.source_table)),
      CASE WHEN src.distinct_persons THEN 'person_id, region_code, figure, bucket' ELSE 'region_code, figure, bucket, amount' END);
  END LOOP;
END
$$;

CREATE FUNCTION "employment"."region_statistics_truncated"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM employment.rebuild_region_statistics_summary();
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three statement triggers per source table, and one for TRUNCATE.
DO $$
DECLARE
  tbl TEXT;
BEGIN
  FOR tbl IN SELECT DISTINCT s.source_table FROM employment.region_statistics_sources() s LOOP
    EXECUTE format('CREATE TRIGGER region_statistics_insert AFTER INSERT ON employment.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employment.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_update AFTER UPDATE ON employment.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION employment.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_delete AFTER DELETE ON employment.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION employment.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_truncate AFTER TRUNCATE ON employment.%I FOR EACH STATEMENT EXECUTE FUNCTION employment.region_statistics_truncated()', tbl);
  END LOOP;
END
$$;
CREATE TRIGGER "region_statistics_truncate" AFTER TRUNCATE ON "employment"."region_statistics_summary"
  FOR EACH STATEMENT EXECUTE FUNCTION "employment"."region_statistics_truncated"();

-- Existing rows.
SELECT "employment"."rebuild_region_statistics_summary"();
