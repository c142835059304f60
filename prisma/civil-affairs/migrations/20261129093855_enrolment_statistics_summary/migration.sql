-- Enrolments in force on a day from the maintained summary (issue #8), beside payments and medical assistance
-- (20261129092711_region_statistics_summary): the dibao and tekun figures of Region.civilAffairsStatistics no longer
-- scan the subtree's enrolments.
--
-- An enrolment counts on day T when it is not SUSPENDED, not TERMINATED without an end date, started on or before
-- T and has no end date or ends on or after T. Such rows add, per programme (<p>), dated figures bucketed by day as
-- YYYYMMDD:
--   ENROLMENTS_STARTED/<p>, PERSONS_STARTED/<p>, MONTHLY_STARTED/<p>: 1, member_count, monthly_amount_fen on the start day;
--   ENROLMENTS_ENDED/<p>, PERSONS_ENDED/<p>, MONTHLY_ENDED/<p>: the same on the first day it no longer counts,
--     greatest(start_date, end_date + 1), for rows with an end date (none for the others: greatest ignores NULLs).
-- In force on T = started up to T - ended up to T, exact for any day (an enrolment ending before it starts never
-- counts: it "ends" on its start day). Like community's cumulative figures, each fact is also kept per month
-- ('<figure>/MONTH', year * 100 + month) and per year ('<figure>/YEAR'), so "up to T" is whole years, whole months
-- of T's year and days of T's month: a few dozen rows per prefix whatever the history. The status of the row is
-- what the statistics always read (the current one), so a status change is an UPDATE the triggers see.

CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_facts"(source TEXT, rows TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE source
    WHEN 'payment' THEN format($q$
      SELECT r.region_code, 'PAYMENT_FEN/' || r.programme, replace(r.period, '-', '')::int, r.amount_fen FROM %1$s r
      UNION ALL SELECT r.region_code, 'PAYMENTS/' || r.programme, replace(r.period, '-', '')::int, 1::bigint FROM %1$s r$q$, rows)
    WHEN 'medical_assistance' THEN format($q$
      SELECT r.region_code, 'MEDICAL_FEN', civil_affairs.region_statistics_day(r.claim_date), r.amount_fen FROM %1$s r
      UNION ALL SELECT r.region_code, 'MEDICAL_CLAIMS', civil_affairs.region_statistics_day(r.claim_date), 1::bigint FROM %1$s r$q$, rows)
    WHEN 'enrolment' THEN format($q$
      SELECT r.region_code, m.measure || '_' || e.edge || '/' || r.programme, civil_affairs.region_statistics_day(e.day), m.amount
        FROM %s r
       CROSS JOIN LATERAL (VALUES ('STARTED', r.start_date), ('ENDED', CASE WHEN r.end_date IS NOT NULL THEN greatest(r.start_date, r.end_date + 1) END)) AS e(edge, day)
       CROSS JOIN LATERAL (VALUES ('ENROLMENTS', 1::bigint), ('PERSONS', r.member_count::bigint), ('MONTHLY', r.monthly_amount_fen)) AS m(measure, amount)
       WHERE r.status <> 'SUSPENDED' AND NOT (r.status = 'TERMINATED' AND r.end_date IS NULL) AND e.day IS NOT NULL$q$, rows)
  END
$$;

-- The summary keys one (figure, bucket) fact counts under: itself, and for the enrolment figures its month and year.
CREATE FUNCTION "civil_affairs"."region_statistics_keys"(figure TEXT, bucket INTEGER) RETURNS TABLE ("figure" TEXT, "bucket" INTEGER)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT figure, bucket
  UNION ALL
  SELECT figure || k.suffix, floor(bucket::numeric / k.divisor)::int
    FROM (VALUES ('/MONTH', 100), ('/YEAR', 10000)) AS k(suffix, divisor)
   WHERE figure ~ '^(ENROLMENTS|PERSONS|MONTHLY)_(STARTED|ENDED)/'
$$;

CREATE OR REPLACE FUNCTION "civil_affairs"."region_statistics_by_key"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT p.prefix, k.figure, k.bucket, sum(c.amount) AS amount
      FROM (SELECT region_code, figure, bucket, sum(amount) AS amount FROM (%s) AS facts(region_code, figure, bucket, amount) GROUP BY 1, 2, 3) c
     CROSS JOIN LATERAL civil_affairs.region_prefixes(c.region_code) AS p(prefix)
     CROSS JOIN LATERAL civil_affairs.region_statistics_keys(c.figure, c.bucket) AS k
     GROUP BY 1, 2, 3 HAVING sum(c.amount) <> 0$q$, facts)
$$;

CREATE OR REPLACE FUNCTION "civil_affairs"."rebuild_region_statistics_summary"() RETURNS VOID
LANGUAGE plpgsql AS $$
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

CREATE TRIGGER region_statistics_insert AFTER INSERT ON civil_affairs.enrolment REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track();
CREATE TRIGGER region_statistics_update AFTER UPDATE ON civil_affairs.enrolment REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track();
CREATE TRIGGER region_statistics_delete AFTER DELETE ON civil_affairs.enrolment REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_track();
CREATE TRIGGER region_statistics_truncate AFTER TRUNCATE ON civil_affairs.enrolment FOR EACH STATEMENT EXECUTE FUNCTION civil_affairs.region_statistics_truncated();

-- Existing rows.
SELECT "civil_affairs"."rebuild_region_statistics_summary"();
