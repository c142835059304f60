-- Region statistics from maintained aggregates (issue #8): the spending figures and the medical assistance figures of
-- Region.civilAffairsStatistics read a summary instead of scanning the subtree's payments and claims (the two
-- statements that grew with the population). Raw SQL on purpose: Prisma never reads these tables
-- (src/data/statistics.ts reads them with $queryRaw).
--
-- region_statistics_summary holds, for every region-code prefix a dashboard can ask about (province 2, city 4,
-- district 6, subdistrict 9, community 12 digits), the amount of each figure per bucket:
--   PAYMENT_FEN/<programme>, PAYMENTS/<programme>: the amount and number of payments of a programme for a period,
--     bucketed by the period as YYYYMM (the payment_period_check constraint keeps periods 'YYYY-MM', so the
--     buckets are ordered like the periods);
--   MEDICAL_FEN, MEDICAL_CLAIMS: the amount and number of medical assistance claims, bucketed by claim day as
--     YYYYMMDD (year * 10000 + month * 100 + day).
-- Every figure is a sum over rows, each row counted under its own region code and date alone, so a region's figure
-- for any period or day range is one index range of its own prefix (at most 366 day rows a year), exact for any day.
--
-- Maintenance is exact and inside the writing transaction, as in employment and community: AFTER ... FOR EACH
-- STATEMENT triggers with transition tables (they fire once per COPY too) turn each statement's changed rows into
-- deltas (new rows minus old rows) in region_statistics_pending; a deferred constraint trigger adds the
-- transaction's deltas to the summary at COMMIT, in key order, so concurrent writers (payroll runs of different
-- districts, claims) lock the shared summary rows only while committing, always in the same order. No figure joins
-- another table, so no other locks are needed. A TRUNCATE of a source table rebuilds the summary.

CREATE TABLE "civil_affairs"."region_statistics_summary" (
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    -- amount included: a region's rows are read by an index-only scan.
    CONSTRAINT "region_statistics_summary_pkey" PRIMARY KEY ("region_prefix", "figure", "bucket") INCLUDE ("amount")
);

-- Deltas of transactions not yet committed (each sees only its own).
CREATE TABLE "civil_affairs"."region_statistics_pending" (
    "xact" XID8 NOT NULL DEFAULT pg_current_xact_id(),
    "id" BIGINT GENERATED ALWAYS AS IDENTITY,
    "region_prefix" TEXT NOT NULL,
    "figure" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "region_statistics_pending_pkey" PRIMARY KEY ("xact", "id")
);
-- Readers look their own deltas up by key: an index, so rows left dead by committed transactions are not scanned.
CREATE INDEX "region_statistics_pending_key_idx" ON "civil_affairs"."region_statistics_pending" ("region_prefix", "figure", "bucket");

-- One row per transaction with pending deltas: its deferred trigger applies them at COMMIT.
CREATE TABLE "civil_affairs"."region_statistics_pending_xact" (
    "xact" XID8 NOT NULL,
    CONSTRAINT "region_statistics_pending_xact_pkey" PRIMARY KEY ("xact")
);

-- What readers sum: the summary plus the reader's own pending deltas, so a transaction reads its own writes.
CREATE VIEW "civil_affairs"."region_statistics" AS
  SELECT region_prefix, figure, bucket, amount FROM "civil_affairs"."region_statistics_summary"
  UNION ALL
  SELECT region_prefix, figure, bucket, amount FROM "civil_affairs"."region_statistics_pending";

-- The summary prefixes a stored region code counts under.
CREATE FUNCTION "civil_affairs"."region_prefixes"(code TEXT) RETURNS SETOF TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT left(code, n) FROM unnest(ARRAY[2, 4, 6, 9, 12]) AS n WHERE n <= length(code)
$$;

-- A day as a bucket: YYYYMMDD, ordered like the days.
CREATE FUNCTION "civil_affairs"."region_statistics_day"(day DATE) RETURNS INTEGER
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT (extract(year FROM day) * 10000 + extract(month FROM day) * 100 + extract(day FROM day))::int
$$;

-- The figures of the rows of `source` read from `rows` (the table, or a transition table), as a query of
-- (region_code, figure, bucket, amount).
CREATE FUNCTION "civil_affairs"."region_statistics_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'payment' THEN format($q$
      SELECT r.region_code, 'PAYMENT_FEN/' || r.programme, replace(r.period, '-', '')::int, r.amount_fen FROM %1$s r
      UNION ALL SELECT r.region_code, 'PAYMENTS/' || r.programme, replace(r.period, '-', '')::int, 1::bigint FROM %1$s r$q$, rows)
    WHEN 'medical_assistance' THEN format($q$
      SELECT r.region_code, 'MEDICAL_FEN', civil_affairs.region_statistics_day(r.claim_date), r.amount_fen FROM %1$s r
      UNION ALL SELECT r.region_code, 'MEDICAL_CLAIMS', civil_affairs.region_statistics_day(r.claim_date), 1::bigint FROM %1$s r$q$, rows)
  END
$$;

-- Facts (region_code, figure, bucket, amount) summed per summary key, as a query.
CREATE FUNCTION "civil_affairs"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT p.prefix, c.figure, c.bucket, sum(c.amount) AS amount
      FROM (SELECT region_code, figure, bucket, sum(amount) AS amount FROM (%s) AS facts(region_code, figure, bucket, amount) GROUP BY 1, 2, 3) c
     CROSS JOIN LATERAL civil_affairs.region_prefixes(c.region_code) AS p(prefix)
     GROUP BY 1, 2, 3 HAVING sum(c.amount) <> 0$q$, facts)
$$;

-- Statement trigger on every source table: new rows' figures minus old rows' figures, per summary key, into
-- region_statistics_pending.
CREATE FUNCTION "civil_affairs"."region_statistics_track"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  added BIGINT;
BEGIN
  EXECUTE 'INSERT INTO civil_affairs.region_statistics_pending (region_prefix, figure, bucket, amount) ' || civil_affairs.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      CASE WHEN TG_OP IN ('UPDATE', 'DELETE') THEN format('SELECT region_code, figure, bucket, -amount FROM (%s) AS f(region_code, figure, bucket, amount)',
        civil_affairs.region_statistics_facts(TG_TABLE_NAME, 'old_rows')) END,
      CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN format('SELECT region_code, figure, bucket, amount FROM (%s) AS f(region_code, figure, bucket, amount)',
        civil_affairs.region_statistics_facts(TG_TABLE_NAME, 'new_rows')) END));
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO civil_affairs.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- At COMMIT (deferred): the transaction's deltas into the summary, in key order; rows that fall to zero go.
CREATE FUNCTION "civil_affairs"."region_statistics_apply"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
  zero_prefixes TEXT[];
  zero_figures TEXT[];
  zero_buckets INTEGER[];
BEGIN
  WITH done AS (DELETE FROM civil_affairs.region_statistics_pending WHERE xact = NEW.xact RETURNING region_prefix, figure, bucket, amount),
  summed AS (SELECT region_prefix, figure, bucket, sum(amount) AS amount FROM done GROUP BY 1, 2, 3 HAVING sum(amount) <> 0),
  applied AS (
    INSERT INTO civil_affairs.region_statistics_summary AS s (region_prefix, figure, bucket, amount)
    SELECT region_prefix, figure, bucket, amount FROM summed ORDER BY 1, 2, 3
    ON CONFLICT (region_prefix, figure, bucket) DO UPDATE SET amount = s.amount + excluded.amount
    RETURNING s.region_prefix, s.figure, s.bucket, s.amount)
  SELECT array_agg(region_prefix), array_agg(figure), array_agg(bucket) INTO zero_prefixes, zero_figures, zero_buckets
    FROM applied WHERE amount = 0;
  IF zero_prefixes IS NOT NULL THEN
    DELETE FROM civil_affairs.region_statistics_summary s
     USING unnest(zero_prefixes, zero_figures, zero_buckets) AS z(region_prefix, figure, bucket)
     WHERE (s.region_prefix, s.figure, s.bucket) = (z.region_prefix, z.figure, z.bucket) AND s.amount = 0;
  END IF;
  -- Gone, so that a later statement of the same transaction (after SET CONSTRAINTS ... IMMEDIATE) queues a new apply.
  DELETE FROM civil_affairs.region_statistics_pending_xact WHERE xact = NEW.xact;
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "region_statistics_apply" AFTER INSERT ON "civil_affairs"."region_statistics_pending_xact"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "civil_affairs"."region_statistics_apply"();

-- The summary computed from scratch: this migration, after a TRUNCATE of a source table, or by hand. The lock makes
-- concurrent writers apply their deltas after the rebuild has committed (they are not in its snapshot).
CREATE FUNCTION "civil_affairs"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE civil_affairs.region_statistics_summary IN EXCLUSIVE MODE;
  DELETE FROM civil_affairs.region_statistics_pending WHERE xact = pg_current_xact_id();
  DELETE FROM civil_affairs.region_statistics_summary;
  EXECUTE 'INSERT INTO civil_affairs.region_statistics_summary (region_prefix, figure, bucket, amount) ' || civil_affairs.region_statistics_by_key(
    concat_ws(' UNION ALL ',
      civil_affairs.region_statistics_facts('payment', 'civil_affairs.payment'),
      civil_affairs.region_statistics_facts('medical_assistance', 'civil_affairs.medical_assistance')));
END
$$;

CREATE FUNCTION "civil_affairs"."region_statistics_truncated"() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM civil_affairs.rebuild_region_statistics_summary();
  RETURN NULL;
END
$$;

-- Transition tables allow one event per trigger: three statement triggers per source table, and one for TRUNCATE.
DO $$
DECLARE
  tbl TEXT;
BEGIN
  FOREACH tbl IN ARRAY ARRAY['payment', 'medical_assistance'] LOOP
    EXECUTE format('CREATE TRIGGER region_statistics_insert AFTER INSERT ON civil_affairs.%I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_update AFTER UPDATE ON civil_affairs.%I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_delete AFTER DELETE ON civil_affairs.%I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track()', tbl);
    EXECUTE format('CREATE TRIGGER region_statistics_truncate AFTER TRUNCATE ON civil_affairs.%I FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_truncated()', tbl);
  END LOOP;
END
$$;
CREATE TRIGGER "region_statistics_truncate" AFTER TRUNCATE ON "civil_affairs"."region_statistics_summary"
  FOR EACH STATEMENT EXECUTE FUNCTION "civil_affairs"."region_statistics_truncated"();

-- Existing rows.
SELECT "civil_affairs"."rebuild_region_statistics_summary"();
