-- The roll-up of 20261129111933_region_statistics_rollup made the statistics trigger of small statements dearer: its
-- five materialized levels cost more to plan and start than one aggregate costs to run when a statement changes a
-- few rows. Statements of fewer than 100 rows now add their facts up under every prefix in one aggregate; larger
-- ones, and the rebuild, keep the roll-up, which is cheaper from a few hundred rows on. Both give the same sums: a
-- code counts under each of its prefixes (2, 4, 6, 9, 12 digits) not longer than itself; the differences written for
-- owners of high-risk memberships in several codes add up the same way. Same figures, tables and triggers.

-- A query over `facts` (columns region_code, figure, bucket, amount) adding the amounts up under every summary prefix
-- of the region code in one aggregate: the same rows as region_statistics_rollup_sql(facts).
CREATE FUNCTION "safety"."region_statistics_by_prefix_sql"(facts TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$SELECT left(f.region_code, p.n) AS region_prefix, f.figure, f.bucket, sum(f.amount)::bigint AS amount
      FROM (%s) AS f(region_code, figure, bucket, amount) CROSS JOIN unnest('{2,4,6,9,12}'::int[]) AS p(n)
     WHERE p.n <= length(f.region_code) GROUP BY 1, 2, 3 HAVING sum(f.amount) <> 0$q$, facts)
$$;

-- As in 20261129111933_region_statistics_rollup, but for the choice of the query by the statement's size.
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
  touched BIGINT;
  facts TEXT;
  global_key CONSTANT INTEGER := hashtext('safety.region_statistics');
  held INTEGER := coalesce(nullif(current_setting('safety.region_statistics_locks', true), ''), '0')::int;
BEGIN
  EXECUTE format('SELECT count(*) FROM (SELECT FROM %I LIMIT 100) s', CASE WHEN has_new THEN 'new_rows' ELSE 'old_rows' END) INTO touched;
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
  facts := concat_ws(' UNION ALL ',
    CASE WHEN before_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, -amount FROM (%s) AS b(region_code, figure, bucket, amount)', before_facts) END,
    CASE WHEN after_facts IS NOT NULL THEN format('SELECT region_code, figure, bucket, amount FROM (%s) AS a(region_code, figure, bucket, amount)', after_facts) END);
  EXECUTE 'INSERT INTO safety.region_statistics_pending (region_prefix, figure, bucket, amount) '
    || CASE WHEN touched < 100 THEN safety.region_statistics_by_prefix_sql(facts) ELSE safety.region_statistics_by_key(facts) END;
  GET DIAGNOSTICS added = ROW_COUNT;
  IF added > 0 THEN
    INSERT INTO safety.region_statistics_pending_xact (xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
