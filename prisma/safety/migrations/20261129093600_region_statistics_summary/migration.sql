-- Region statistics from maintained aggregates (issue #8): Region.safetyStatistics' open and overdue hazards and
-- high-risk persons and households, and the injury totals of Region.injuryStatistics without groupBy (those of
-- safetyStatistics), read a summary instead of scanning the subtree's rows. The same approach as community's and
-- employment's region_statistics_summary, with only what safety needs. Raw SQL on purpose: Prisma never reads these
-- tables (src/data/statistics.ts reads them with $queryRaw).
--
-- region_statistics_summary holds, for every region-code prefix (2, 4, 6, 9 and 12 digits), the amount of each
-- figure per bucket; dated buckets are days as YYYYMMDD:
--   OPEN_HAZARDS_<risk level>: hazards not CLOSED, by deadline day (overdue on day T: deadline before T);
--   INJURIES, HOSPITALISED (hospitalised or transferred), DIED: injury records by injury day;
--   HIGH_RISK_PERSONS_STARTED / _ENDED, HIGH_RISK_HOUSEHOLDS_STARTED / _ENDED: per prefix and person (household),
--     the days the person is a high-risk member somewhere under the prefix, merged over all their memberships
--     there (range_agg of [since, until]): a merged span starts that day / ends that day (the day after `until`).
--     So distinct persons on day T = started up to T - ended up to T, exactly as count(DISTINCT person_id) counts.
--   The cumulative figures (all but OPEN_HAZARDS_*) are also kept per month ('<figure>/MONTH', year * 100 + month)
--   and per year ('<figure>/YEAR'): "up to a day" is whole years, whole months of its year and days of its month.
--
-- Maintenance is exact and inside the writing transaction: AFTER ... FOR EACH STATEMENT triggers with transition
-- tables (they fire once per COPY too) write each statement's deltas (after it minus before it) into
-- region_statistics_pending; a deferred constraint trigger adds the transaction's deltas to the summary at COMMIT,
-- in key order, so concurrent writers lock shared summary rows only while committing. Hazards and injuries count
-- their own rows only. High-risk spans merge all rows of a person (household): before reading them the trigger takes
-- a transaction advisory lock per person and household touched (in key order; one exclusive lock above 256, e.g. a
-- bulk load), so writers of the same person take turns and each sees what the other committed (READ COMMITTED).

CREATE TABLE "safety"."region_statistics_summary" (
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    -- amount included: a region's rows are read by an index-only scan.
    CONSTRAINT "region_statistics_summary_pkey" PRIMARY KEY ("region_prefix", "figure", "bucket") INCLUDE ("amount")
);

-- Deltas of transactions not yet committed (each sees only its own).
CREATE TABLE "safety"."region_statistics_pending" (
    "xact" XID8 NOT NULL DEFAULT pg_current_xact_id(),
    "id" BIGINT GENERATED ALWAYS AS IDENTITY,
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "region_statistics_pending_pkey" PRIMARY KEY ("xact", "id")
);
CREATE INDEX "region_statistics_pending_key_idx" ON "safety"."region_statistics_pending" ("region_prefix", "figure", "bucket");

-- One row per transaction with pending deltas: its deferred trigger applies them at COMMIT.
CREATE TABLE "safety"."region_statistics_pending_xact" (
    "xact" XID8 NOT NULL,
    CONSTRAINT "region_statistics_pending_xact_pkey" PRIMARY KEY ("xact")
);

-- What readers sum: the summary plus the reader's own pending deltas, so a transaction reads its own writes.
CREATE VIEW "safety"."region_statistics" AS
  SELECT region_prefix, figure, bucket, amount FROM "safety"."region_statistics_summary"
  UNION ALL
  SELECT region_prefix, figure, bucket, amount FROM "safety"."region_statistics_pending";

CREATE FUNCTION "safety"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM day) * 10000 + extract(month FROM day) * 100 + extract(day FROM day))::int
$$;

-- The summary keys one (figure, day bucket) fact counts under: itself, and for cumulative figures its month and year.
CREATE FUNCTION "safety"."region_statistics_keys"(figure TEXT, bucket INTEGER) RETURNS TABLE ("figure" TEXT, "bucket" INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT figure, bucket
  UNION ALL
  SELECT figure || k.suffix, floor(bucket::numeric / k.divisor)::int
    FROM (VALUES ('/MONTH', 100), ('/YEAR', 10000)) AS k(suffix, divisor)
   WHERE NOT starts_with(figure, 'OPEN_HAZARDS_')
$$;

-- Facts (region_prefix, figure, bucket, amount) of hazard or injury rows, over the relation `rows`.
CREATE FUNCTION "safety"."region_statistics_row_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT left(c.region_code, n) AS region_prefix, c.figure, c.bucket, c.amount
      FROM (%s) AS c(region_code, figure, bucket, amount)
     CROSS JOIN unnest(ARRAY[2, 4, 6, 9, 12]) AS n WHERE n <= length(c.region_code)$q$,
    CASE source
      WHEN 'hazard' THEN format($q$SELECT r.region_code, 'OPEN_HAZARDS_' || r.risk_level, safety.region_statistics_day(r.deadline), count(*)
          FROM %s r WHERE r.status <> 'CLOSED' GROUP BY 1, 2, 3$q$, rows)
      WHEN 'injury_record' THEN format($q$SELECT r.region_code, f.figure, safety.region_statistics_day(r.injury_date), count(*)
          FROM %s r CROSS JOIN LATERAL (VALUES ('INJURIES', true), ('HOSPITALISED', r.disposition IN ('HOSPITALIZED', 'TRANSFERRED')),
                                               ('DIED', r.disposition = 'DIED')) AS f(figure, counted)
         WHERE f.counted GROUP BY 1, 2, 3$q$, rows)
    END)
$$;

-- Facts of high-risk memberships, over the relation `rows` holding every membership of the persons and households
-- it counts: per prefix and person (household) the merged spans of their memberships under the prefix.
CREATE FUNCTION "safety"."region_statistics_high_risk_facts"(rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$WITH owners AS (
      SELECT 'PERSONS' AS kind, r.person_id AS owner, r.region_code, r.since, r.until FROM %1$s r
       WHERE r.person_id IS NOT NULL AND (r.until IS NULL OR r.until >= r.since)
      UNION ALL
      SELECT 'HOUSEHOLDS', r.household_id, r.region_code, r.since, r.until FROM %1$s r
       WHERE r.household_id IS NOT NULL AND (r.until IS NULL OR r.until >= r.since)),
    spans AS (
      SELECT o.kind, left(o.region_code, n) AS region_prefix, range_agg(daterange(o.since, o.until, '[]')) AS days
        FROM owners o CROSS JOIN unnest(ARRAY[2, 4, 6, 9, 12]) AS n WHERE n <= length(o.region_code) GROUP BY o.kind, 2, o.owner),
    span AS (SELECT s.kind, s.region_prefix, d.span FROM spans s CROSS JOIN LATERAL unnest(s.days) AS d(span))
    SELECT region_prefix, 'HIGH_RISK_' || kind || '_STARTED', safety.region_statistics_day(lower(span)), 1::bigint FROM span
    UNION ALL
    SELECT region_prefix, 'HIGH_RISK_' || kind || '_ENDED', safety.region_statistics_day(upper(span)), 1::bigint FROM span WHERE NOT upper_inf(span)$q$, rows)
$$;

-- Facts summed per summary key (with the month and year roll-ups), as a query.
CREATE FUNCTION "safety"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT c.region_prefix, k.figure, k.bucket, sum(c.amount) AS amount
      FROM (SELECT region_prefix, figure, bucket, sum(amount) AS amount FROM (%s) AS f(region_prefix, figure, bucket, amount) GROUP BY 1, 2, 3) c
     CROSS JOIN LATERAL safety.region_statistics_keys(c.figure, c.bucket) AS k
     GROUP BY 1, 2, 3 HAVING sum(c.amount) <> 0$q$, facts)
$$;

-- Statement trigger on hazard, injury_record and high_risk_member: after minus before, per key, into pending.
CREATE FUNCTION "safety"."region_statistics_track"() RETURNS TRIGGER
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
    state := format('SELECT * FROM safety.high_risk_member t WHERE (t.person_id IN (%s) OR t.household_id IN (%s))', persons, households);
    after_facts := safety.region_statistics_high_risk_facts(format('(%s)', state));
    before_facts := safety.region_statistics_high_risk_facts(format('(%s%s%s)', state,
      CASE WHEN has_new THEN ' AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = t.id)' ELSE '' END,
      CASE WHEN has_old THEN ' UNION ALL SELECT * FROM old_rows' ELSE '' END));
  ELSE
    before_facts := CASE WHEN has_old THEN safety.region_statistics_row_facts(TG_TABLE_NAME, 'old_rows') END;
    after_facts := CASE WHEN has_new THEN safety.region_statistics_row_facts(TG_TABLE_NAME, 'new_rows') END;
  END IF;
  EXECUTE 'INSERT INTO safety.region_statistics_pending (region_prefix, figure, bucket, amount) ' || safety.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      CASE WHEN before_facts IS NOT NULL THEN format('SELECT region_prefix, figure, bucket, -amount FROM (%s) AS b(region_prefix, figure, bucket, amount)', before_facts) END,
      CASE WHEN after_facts IS NOT NULL THEN format('SELECT region_prefix, figure, bucket, amount FROM (%s) AS a(region_prefix, figure, bucket, amount)', after_facts) END));
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO safety.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- At COMMIT (deferred): the transaction's deltas into the summary, in key order; rows that fall to zero go.
CREATE FUNCTION "safety"."region_statistics_apply"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  zero_prefixes TEXT[];
  zero_figures TEXT[];
  zero_buckets INTEGER[];
BEGIN
  WITH done AS (DELETE FROM safety.region_statistics_pending WHERE xact = NEW.xact RETURNING region_prefix, figure, bucket, amount),
  summed AS (SELECT region_prefix, figure, bucket, sum(amount) AS amount FROM done GROUP BY 1, 2, 3 HAVING sum(amount) <> 0),
  applied AS (
    INSERT INTO safety.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
    SELECT region_prefix, figure, bucket, amount FROM summed ORDER BY 1, 2, 3
    ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount
    RETURNING s.region_prefix, s.figure, s.bucket, s.amount)
  SELECT array_agg(region_prefix), array_agg(figure), array_agg(bucket) INTO zero_prefixes, zero_figures, zero_buckets
    FROM applied WHERE amount = 0;
  IF zero_prefixes IS NOT NULL THEN
    DELETE FROM safety.region_statistics_summary s
     USING unnest(zero_prefixes, zero_figures, zero_buckets) AS z(region_prefix, figure, bucket)
     WHERE (s.region_prefix, s.figure, s.bucket) = (z.region_prefix, z.figure, z.bucket) AND s.amount = 0;
  END IF;
  -- Gone, so that a later statement of the same transaction (after SET CONSTRAINTS ... IMMEDIATE) queues a new apply.
  DELETE FROM safety.region_statistics_pending_xact WHERE xact = NEW.xact;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "region_statistics_apply" AFTER INSERT ON "safety"."region_statistics_pending_xact"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "safety"."region_statistics_apply"();

-- The summary computed from scratch: this migration, after a TRUNCATE of a source table, or by hand. The lock makes
-- concurrent writers apply their deltas after the rebuild has committed (they are not in its snapshot).
CREATE FUNCTION "safety"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql AS $$
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

CREATE FUNCTION "safety"."region_statistics_truncated"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM safety.rebuild_region_statistics_summary();
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three statement triggers per source table, and one for TRUNCATE.
DO $$
DECLARE
  tbl TEXT;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['hazard', 'injury_record', 'high_risk_member'] LOOP
    EXECUTE format('CREATE TRIGGER region_statistics_insert AFTER INSERT ON safety.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION safety.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_update AFTER UPDATE ON safety.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION safety.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_delete AFTER DELETE ON safety.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION safety.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_truncate AFTER TRUNCATE ON safety.%I FOR EACH STATEMENT EXECUTE FUNCTION safety.region_statistics_truncated()', tbl);
  END LOOP;
END
$$;
CREATE TRIGGER "region_statistics_truncate" AFTER TRUNCATE ON "safety"."region_statistics_summary"
  FOR EACH STATEMENT EXECUTE FUNCTION "safety"."region_statistics_truncated"();

-- Existing rows.
SELECT "safety"."rebuild_region_statistics_summary"();
