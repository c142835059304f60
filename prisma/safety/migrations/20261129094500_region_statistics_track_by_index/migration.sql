-- The high-risk part of the statistics trigger (20261129093600_region_statistics_summary) read the memberships of the
-- persons and households a statement touched with `person_id IN (...) OR household_id IN (...)`: an OR the planner
-- answers with a scan of the whole table (about 50 ms per single-row write at 1 million persons). Now one index
-- lookup per kind, joined with UNION ALL; the figures are the same.
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
      CASE WHEN before_facts IS NOT NULL THEN format('SELECT region_prefix, figure, bucket, -amount FROM (%s) AS b(region_prefix, figure, bucket, amount)', before_facts) END,
      CASE WHEN after_facts IS NOT NULL THEN format('SELECT region_prefix, figure, bucket, amount FROM (%s) AS a(region_prefix, figure, bucket, amount)', after_facts) END));
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO safety.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

