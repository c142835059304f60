-- Region statistics from maintained aggregates (issue #8): Region.population, Region.householdCount and
-- Region.communityStatistics read a summary instead of scanning the subtree's households, memberships and records.
-- Raw SQL on purpose: Prisma never reads these tables (src/data/statistics.ts reads them with $queryRaw).
--
-- region_statistics_summary holds, for every region-code prefix a dashboard can ask about (province 2, city 4,
-- district 6, subdistrict 9, community 12 digits), the amount of each figure per bucket:
--   current figures (HOUSEHOLDS, POPULATION, FLOATING, REGISTERED_FLOATING): bucket 0;
--   yearly figures (HONOURS, PETITIONS, ESCALATED_PETITIONS, DISPUTES_<status>, ADMITTED_<kind>, ADMITTED_FUNDING):
--     the calendar year of the record's date (0: an admission approved without a decision date);
--   dated figures, bucketed by day as YYYYMMDD (year * 10000 + month * 100 + day):
--     TAG_<kind>: a current resident holds an open tag of the kind since that day (the earliest open start);
--     SUPERVISION_STARTED / SUPERVISION_ENDED: a supervision file starts / ends that day;
--     SUPERVISION_VISITED_FROM / SUPERVISION_VISITED_UNTIL: a file has had a face-to-face visit in the quarter and is
--       in force from that day / no longer from that day (only days inside that quarter are kept).
--   The cumulative dated figures (TAG_*, SUPERVISION_STARTED, SUPERVISION_ENDED) are also kept per month
--   ('<figure>/MONTH', year * 100 + month) and per year ('<figure>/YEAR'), so "up to a day" is whole years, whole
--   months of that year and days of that month: a few dozen rows whatever the population and the history.
-- A region's figures are index ranges of its own prefix (statistics.ts says which for a day and a year). Exact for any
-- day: files in force on day T = started up to T - ended up to T-1 (a file never ends before it starts); visited on
-- day T = VISITED_FROM - VISITED_UNTIL from the first day of T's quarter to T; overdue = in force - visited.
--
-- Maintenance is exact and inside the writing transaction: AFTER ... FOR EACH STATEMENT triggers with transition
-- tables (they fire once per COPY too) turn each statement's changed rows into deltas in region_statistics_pending:
-- the figures of what the statement touched as they are after it minus as they were before it (only the written
-- table differs between the two). A deferred constraint trigger adds the transaction's deltas to the summary at
-- COMMIT, in key order, so concurrent writers lock the shared summary rows only while committing, always in the same
-- order. Figures that join tables (a member's household, tags and registrations; a file's visits) read the other
-- tables as committed: before it does, the trigger takes a transaction lock on each household, person and file its
-- rows touch (persons, then households, each in key order), so writers of related rows take turns and each one's
-- trigger sees what the other committed (READ COMMITTED: every statement in the trigger takes a fresh snapshot).
-- A statement or transaction touching more than 256 of them (a bulk load) takes one exclusive lock instead, which
-- waits for and holds off all the others. Limitation: one statement that writes two of the source tables at once (a
-- data-modifying CTE across them) is not supported; Prisma and the demo loader write one table per statement.

CREATE TABLE "community"."region_statistics_summary" (
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    -- amount included: a region's rows are read by an index-only scan.
    CONSTRAINT "region_statistics_summary_pkey" PRIMARY KEY ("region_prefix", "figure", "bucket") INCLUDE ("amount")
);

-- Deltas of transactions not yet committed (each sees only its own).
CREATE TABLE "community"."region_statistics_pending" (
    "xact" XID8 NOT NULL DEFAULT pg_current_xact_id(),
    "id" BIGINT GENERATED ALWAYS AS IDENTITY,
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "region_statistics_pending_pkey" PRIMARY KEY ("xact", "id")
);
-- Readers look their own deltas up by key: an index, so rows left dead by committed transactions are not scanned.
CREATE INDEX "region_statistics_pending_key_idx" ON "community"."region_statistics_pending" ("region_prefix", "figure", "bucket");

-- One row per transaction with pending deltas: its deferred trigger applies them at COMMIT.
CREATE TABLE "community"."region_statistics_pending_xact" (
    "xact" XID8 NOT NULL,
    CONSTRAINT "region_statistics_pending_xact_pkey" PRIMARY KEY ("xact")
);

-- What readers sum: the summary plus the reader's own pending deltas, so a transaction reads its own writes.
CREATE VIEW "community"."region_statistics" AS
  SELECT region_prefix, figure, bucket, amount FROM "community"."region_statistics_summary"
  UNION ALL
  SELECT region_prefix, figure, bucket, amount FROM "community"."region_statistics_pending";

-- The summary prefixes a stored region code counts under.
CREATE FUNCTION "community"."region_prefixes"(code TEXT) RETURNS SETOF TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(code, n) FROM unnest(ARRAY[2, 4, 6, 9, 12]) AS n WHERE n <= length(code)
$$;

-- A day as a bucket: YYYYMMDD, ordered like the days.
CREATE FUNCTION "community"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM day) * 10000 + extract(month FROM day) * 100 + extract(day FROM day))::int
$$;

-- The summary keys one (figure, bucket) fact counts under: itself, and for cumulative dated figures its month and year.
CREATE FUNCTION "community"."region_statistics_keys"(figure TEXT, bucket INTEGER) RETURNS TABLE ("figure" TEXT, "bucket" INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT figure, bucket
  UNION ALL
  SELECT figure || k.suffix, floor(bucket::numeric / k.divisor)::int
    FROM (VALUES ('/MONTH', 100), ('/YEAR', 10000)) AS k(suffix, divisor)
   WHERE starts_with(figure, 'TAG_') OR figure IN ('SUPERVISION_STARTED', 'SUPERVISION_ENDED')
$$;

-- The figures of current memberships, as a query of (region_code, figure, bucket, amount): `memberships`,
-- `households`, `tags` and `registrations` name the relations to read each table from (a table, a transition table
-- or a subquery). `figures`: ALL, TAGS (only the tag figures) or REGISTERED (only REGISTERED_FLOATING), for a
-- statement that can change nothing else. A person counts once per current membership, as the statistics always did.
CREATE FUNCTION "community"."region_statistics_member_facts"(memberships TEXT, households TEXT, tags TEXT, registrations TEXT, figures TEXT)
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
    parts := array_append(parts, format($p$SELECT m.region_code, 'TAG_' || t.kind, community.region_statistics_day(t.since), count(*)
        FROM members m JOIN (SELECT t.person_id, t.kind, min(t.start_date) AS since FROM %s t
                              WHERE t.end_date IS NULL AND t.person_id IN (SELECT person_id FROM members) GROUP BY 1, 2) t USING (person_id)
       GROUP BY 1, 2, 3$p$, tags));
  END IF;
  RETURN format($q$WITH members AS MATERIALIZED (
      SELECT m.person_id, h.region_code, h.registration_type = 'FLOATING' AS floating
        FROM %s m JOIN %s h ON h.id = m.household_id WHERE m.end_date IS NULL)
    %s$q$, memberships, households, array_to_string(parts, ' UNION ALL '));
END
$$;

-- The figures of supervision files, as a query of (region_code, figure, bucket, amount) over the relations `files`
-- and `visits`. Per file and quarter with a face-to-face visit: in force and visited from the later of the first such
-- visit and the file's start; no longer from the day after the file's end (when that is later).
CREATE FUNCTION "community"."region_statistics_supervision_facts"(files TEXT, visits TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$WITH files AS MATERIALIZED (SELECT f.id, f.region_code, f.start_date, f.end_date FROM %1$s f),
    quarters AS (
      SELECT f.region_code, q.quarter_end, f.end_date, greatest(q.first_visit, f.start_date) AS visited_from
        FROM files f JOIN (
          SELECT v.file_id, (date_trunc('quarter', v.visit_date) + interval '3 months')::date - 1 AS quarter_end, min(v.visit_date) AS first_visit
            FROM %2$s v WHERE v.mode = 'FACE_TO_FACE' AND v.file_id IN (SELECT id FROM files) GROUP BY 1, 2) q ON q.file_id = f.id)
    SELECT region_code, 'SUPERVISION_STARTED' AS figure, community.region_statistics_day(start_date) AS bucket, 1::bigint AS amount FROM files
    UNION ALL SELECT region_code, 'SUPERVISION_ENDED', community.region_statistics_day(end_date), 1 FROM files WHERE end_date IS NOT NULL
    UNION ALL SELECT region_code, 'SUPERVISION_VISITED_FROM', community.region_statistics_day(visited_from), 1 FROM quarters WHERE visited_from <= quarter_end
    UNION ALL SELECT region_code, 'SUPERVISION_VISITED_UNTIL', community.region_statistics_day(greatest(visited_from, end_date + 1)), 1
      FROM quarters WHERE visited_from <= quarter_end AND end_date IS NOT NULL AND greatest(visited_from, end_date + 1) <= quarter_end$q$, files, visits)
$$;

-- The figures of rows of one table whose figures depend on the row alone (or, for honours, on the row and its
-- household), as a query of (region_code, figure, bucket, amount) over `rows`. A household's rows carry the honours
-- of the household as it is in `rows`; an honour's rows carry the household as it is in the table: each pair is
-- counted when its second row arrives and uncounted when its first row leaves.
CREATE FUNCTION "community"."region_statistics_row_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'household' THEN format($q$
      SELECT r.region_code, 'HOUSEHOLDS', 0, 1::bigint FROM %1$s r
      UNION ALL SELECT r.region_code, 'HONOURS', o.year, 1 FROM %1$s r JOIN community.household_honour o ON o.household_id = r.id$q$, rows)
    WHEN 'household_honour' THEN format($q$
      SELECT h.region_code, 'HONOURS', r.year, 1::bigint FROM %s r JOIN community.household h ON h.id = r.household_id$q$, rows)
    WHEN 'petition_visit' THEN format($q$
      SELECT r.region_code, 'PETITIONS', extract(year FROM r.visit_date)::int, 1::bigint FROM %1$s r
      UNION ALL SELECT r.region_code, 'ESCALATED_PETITIONS', extract(year FROM r.visit_date)::int, 1 FROM %1$s r WHERE r.escalated$q$, rows)
    WHEN 'dispute' THEN format($q$
      SELECT r.region_code, 'DISPUTES_' || r.status, extract(year FROM r.reported_on)::int, 1::bigint FROM %s r$q$, rows)
    WHEN 'work_admission' THEN format($q$
      SELECT r.region_code, 'ADMITTED_' || r.kind, coalesce(extract(year FROM r.decided_on)::int, 0), 1::bigint FROM %1$s r WHERE r.status = 'APPROVED'
      UNION ALL SELECT r.region_code, 'ADMITTED_FUNDING', coalesce(extract(year FROM r.decided_on)::int, 0), r.funding_fen
        FROM %1$s r WHERE r.status = 'APPROVED' AND r.funding_fen <> 0$q$, rows)
  END
$$;

-- The figures a statement on `source` can change, as they are on one side of it ('before' or 'after'). For most
-- tables that side is the statement's transition table (old_rows before, new_rows after; none when the statement
-- has none: an INSERT has no old rows, a DELETE no new rows). Tags, registrations and visits count through an
-- aggregate over all rows of a person or a file, so there a side is every row of the persons or files changed as the
-- table stood then: now (after), or now less the new rows plus the old rows (before).
CREATE FUNCTION "community"."region_statistics_side_facts"(source TEXT, side TEXT, has_old BOOLEAN, has_new BOOLEAN) RETURNS TEXT
LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  owner TEXT := CASE source WHEN 'supervision_visit' THEN 'file_id' ELSE 'person_id' END;
  owners TEXT;
  state TEXT;
  side_rows TEXT := CASE WHEN side = 'before' AND has_old THEN 'old_rows' WHEN side = 'after' AND has_new THEN 'new_rows' END;
BEGIN
  IF source IN ('resident_tag', 'floating_registration', 'supervision_visit') THEN
    owners := concat_ws(' UNION ', CASE WHEN has_old THEN format('SELECT %I FROM old_rows', owner) END, CASE WHEN has_new THEN format('SELECT %I FROM new_rows', owner) END);
    state := format('(SELECT * FROM community.%I t WHERE t.%I IN (%s)', source, owner, owners)
      || CASE WHEN side = 'before' AND has_new THEN ' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = t.id)' ELSE '' END
      || CASE WHEN side = 'before' AND has_old THEN ' UNION ALL SELECT * FROM old_rows' ELSE '' END
      || ')';
    RETURN CASE source
      WHEN 'supervision_visit' THEN
        community.region_statistics_supervision_facts(format('(SELECT * FROM community.supervision_file WHERE id IN (%s))', owners), state)
      ELSE community.region_statistics_member_facts(
        format('(SELECT * FROM community.household_membership WHERE person_id IN (%s))', owners), 'community.household',
        CASE WHEN source = 'resident_tag' THEN state ELSE 'community.resident_tag' END,
        CASE WHEN source = 'floating_registration' THEN state ELSE 'community.floating_registration' END,
        CASE WHEN source = 'resident_tag' THEN 'TAGS' ELSE 'REGISTERED' END)
    END;
  END IF;
  IF side_rows IS NULL THEN
    RETURN NULL;
  END IF;
  RETURN CASE source
    WHEN 'household_membership' THEN
      community.region_statistics_member_facts(side_rows, 'community.household', 'community.resident_tag', 'community.floating_registration', 'ALL')
    WHEN 'household' THEN
      format('SELECT * FROM (%s) AS m UNION ALL %s',
        community.region_statistics_member_facts('community.household_membership', side_rows, 'community.resident_tag', 'community.floating_registration', 'ALL'),
        community.region_statistics_row_facts(source, side_rows))
    WHEN 'supervision_file' THEN community.region_statistics_supervision_facts(side_rows, 'community.supervision_visit')
    ELSE community.region_statistics_row_facts(source, side_rows)
  END;
END
$$;

-- Facts (region_code, figure, bucket, amount) summed per summary key, as a query.
CREATE FUNCTION "community"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT p.prefix, k.figure, k.bucket, sum(c.amount) AS amount
      FROM (SELECT region_code, figure, bucket, sum(amount) AS amount FROM (%s) AS facts GROUP BY 1, 2, 3) c
     CROSS JOIN LATERAL community.region_prefixes(c.region_code) AS p(prefix)
     CROSS JOIN LATERAL community.region_statistics_keys(c.figure, c.bucket) AS k
     GROUP BY 1, 2, 3 HAVING sum(c.amount) <> 0$q$, facts)
$$;

-- What a statement on `source` locks before its trigger reads other tables (see the top), in order: rows of
-- (kind, query of the keys over the transition tables). Empty for petitions, disputes and admissions, whose figures
-- depend on their own rows only.
CREATE FUNCTION "community"."region_statistics_lock_steps"(source TEXT, has_old BOOLEAN, has_new BOOLEAN)
RETURNS TABLE ("kind" TEXT, "keys" TEXT) LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  changed_persons TEXT := concat_ws(' UNION ', CASE WHEN has_old THEN 'SELECT person_id FROM old_rows' END, CASE WHEN has_new THEN 'SELECT person_id FROM new_rows' END);
  changed_column TEXT := CASE source WHEN 'household_membership' THEN 'household_id' WHEN 'household_honour' THEN 'household_id' WHEN 'supervision_visit' THEN 'file_id' ELSE 'id' END;
  changed TEXT := concat_ws(' UNION ', CASE WHEN has_old THEN format('SELECT %I FROM old_rows', changed_column) END, CASE WHEN has_new THEN format('SELECT %I FROM new_rows', changed_column) END);
BEGIN
  IF source IN ('household_membership', 'resident_tag', 'floating_registration') THEN
    RETURN QUERY VALUES ('person', changed_persons);
  END IF;
  IF source IN ('resident_tag', 'floating_registration') THEN
    RETURN QUERY VALUES ('household', format('SELECT household_id FROM community.household_membership WHERE end_date IS NULL AND person_id IN (%s)', changed_persons));
  ELSIF source IN ('household_membership', 'household', 'household_honour') THEN
    RETURN QUERY VALUES ('household', changed);
  ELSIF source IN ('supervision_file', 'supervision_visit') THEN
    RETURN QUERY VALUES ('file', changed);
  END IF;
END
$$;

-- Statement trigger on every source table: after minus before, per summary key, into region_statistics_pending.
CREATE FUNCTION "community"."region_statistics_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  has_old BOOLEAN := TG_OP IN ('UPDATE', 'DELETE');
  has_new BOOLEAN := TG_OP IN ('INSERT', 'UPDATE');
  before_facts TEXT := community.region_statistics_side_facts(TG_TABLE_NAME, 'before', has_old, has_new);
  after_facts TEXT := community.region_statistics_side_facts(TG_TABLE_NAME, 'after', has_old, has_new);
  added BIGINT;
  global_key CONSTANT INTEGER := hashtext('community.region_statistics');
  held INTEGER := coalesce(nullif(current_setting('community.region_statistics_locks', true), ''), '0')::int;
  step RECORD;
  keys TEXT[];
BEGIN
  -- The locks (see the top); -1 held: this transaction holds the exclusive lock already.
  FOR step IN SELECT * FROM community.region_statistics_lock_steps(TG_TABLE_NAME, has_old, has_new) LOOP
    EXIT WHEN held < 0;
    EXECUTE format('SELECT array_agg(DISTINCT k::text ORDER BY k::text) FROM (%s) AS s(k)', step.keys) INTO keys;
    IF held + coalesce(cardinality(keys), 0) > 256 THEN
      PERFORM pg_advisory_xact_lock(global_key, 0);
      held := -1;
    ELSE
      PERFORM pg_advisory_xact_lock_shared(global_key, 0);
      PERFORM pg_advisory_xact_lock(hashtext('community.region_statistics.' || step.kind), hashtext(k)) FROM unnest(keys) WITH ORDINALITY AS u(k, n) ORDER BY n;
      held := held + coalesce(cardinality(keys), 0);
    END IF;
  END LOOP;
  PERFORM set_config('community.region_statistics_locks', held::text, true);
  EXECUTE 'INSERT INTO community.region_statistics_pending (region_prefix, figure, bucket, amount) ' || community.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      CASE WHEN before_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, -amount AS amount FROM (%s) AS f(region_code, figure, bucket, amount)', before_facts) END,
      CASE WHEN after_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, amount FROM (%s) AS f(region_code, figure, bucket, amount)', after_facts) END));
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO community.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- At COMMIT (deferred): the transaction's deltas into the summary, in key order; rows that fall to zero go.
CREATE FUNCTION "community"."region_statistics_apply"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  zero_prefixes TEXT[];
  zero_figures TEXT[];
  zero_buckets INTEGER[];
BEGIN
  WITH done AS (DELETE FROM community.region_statistics_pending WHERE xact = NEW.xact RETURNING region_prefix, figure, bucket, amount),
  summed AS (SELECT region_prefix, figure, bucket, sum(amount) AS amount FROM done GROUP BY 1, 2, 3 HAVING sum(amount) <> 0),
  applied AS (
    INSERT INTO community.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
    SELECT region_prefix, figure, bucket, amount FROM summed ORDER BY 1, 2, 3
    ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount
    RETURNING s.region_prefix, s.figure, s.bucket, s.amount)
  SELECT array_agg(region_prefix), array_agg(figure), array_agg(bucket) INTO zero_prefixes, zero_figures, zero_buckets
    FROM applied WHERE amount = 0;
  IF zero_prefixes IS NOT NULL THEN
    DELETE FROM community.region_statistics_summary s
     USING unnest(zero_prefixes, zero_figures, zero_buckets) AS z(region_prefix, figure, bucket)
     WHERE (s.region_prefix, s.figure, s.bucket) = (z.region_prefix, z.figure, z.bucket) AND s.amount = 0;
  END IF;
  -- Gone, so that a later statement of the same transaction (after SET CONSTRAINTS ... IMMEDIATE) queues a new apply.
  DELETE FROM community.region_statistics_pending_xact WHERE xact = NEW.xact;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "region_statistics_apply" AFTER INSERT ON "community"."region_statistics_pending_xact"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "community"."region_statistics_apply"();

-- The summary computed from scratch: this migration, after a TRUNCATE of a source table, or by hand. The lock makes
-- concurrent writers apply their deltas after the rebuild has committed (they are not in its snapshot).
CREATE FUNCTION "community"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE community.region_statistics_summary IN EXCLUSIVE MODE;
  DELETE FROM community.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM community.region_statistics_summary;
  EXECUTE 'INSERT INTO community.region_statistics_summary (region_prefix, figure, bucket, amount) ' || community.region_statistics_by_key(
    -- Honours come in once, with their households.
    concat_ws(' UNION ALL ',
      format('SELECT * FROM (%s) AS f(region_code, figure, bucket, amount)',
        community.region_statistics_member_facts('community.household_membership', 'community.household', 'community.resident_tag', 'community.floating_registration', 'ALL')),
      format('SELECT * FROM (%s) AS f(region_code, figure, bucket, amount)',
        community.region_statistics_supervision_facts('community.supervision_file', 'community.supervision_visit')),
      community.region_statistics_row_facts('household', 'community.household'),
      community.region_statistics_row_facts('petition_visit', 'community.petition_visit'),
      community.region_statistics_row_facts('dispute', 'community.dispute'),
      community.region_statistics_row_facts('work_admission', 'community.work_admission')));
END
$$;

CREATE FUNCTION "community"."region_statistics_truncated"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM community.rebuild_region_statistics_summary();
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three statement triggers per source table, and one for TRUNCATE.
DO $$
DECLARE
  tbl TEXT;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['household', 'household_membership', 'resident_tag', 'floating_registration', 'household_honour',
                             'petition_visit', 'dispute', 'work_admission', 'supervision_file', 'supervision_visit'] LOOP
    EXECUTE format('CREATE TRIGGER region_statistics_insert AFTER INSERT ON community.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_update AFTER UPDATE ON community.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION community.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_delete AFTER DELETE ON community.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION community.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_truncate AFTER TRUNCATE ON community.%I FOR EACH STATEMENT EXECUTE FUNCTION community.region_statistics_truncated()', tbl);
  END LOOP;
END
$$;
CREATE TRIGGER "region_statistics_truncate" AFTER TRUNCATE ON "community"."region_statistics_summary"
  FOR EACH STATEMENT EXECUTE FUNCTION "community"."region_statistics_truncated"();

-- Existing rows.
SELECT "community"."rebuild_region_statistics_summary"();
