import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { loadDemo } from './support';

describe('safety demo data', () => {
  let database: TestDatabase;
  let counts: Record<string, number>;
  const population = generatePopulation({ households: 400 });

  beforeAll(async () => {
    database = await createTestDatabase('safety_demo', ['safety']);
    counts = await loadDemo(database.url, population);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('gives every town a programme shaped by the seed plan: five phases, committee, office, 3 + 7 groups and a group per village', async () => {
    const towns = population.regions.filter((r) => r.level === 'SUBDISTRICT');
    expect(counts.programme).toBe(towns.length);
    const [first] = await query<{ region_code: string; target_level: string; target_date: string; previous_level_on: string }>(
      database.url,
      `SELECT region_code, target_level::text, to_char(target_date, 'YYYY-MM-DD') AS target_date, to_char(previous_level_on, 'YYYY-MM-DD') AS previous_level_on FROM safety.programme ORDER BY region_code LIMIT 1`,
    );
    expect(first).toEqual({ region_code: towns[0]!.code, target_level: 'NATIONAL', target_date: '2017-10-31', previous_level_on: '2014-10-31' });
    const phases = await query<{ phase: string; planned_start: string; planned_end: string | null }>(
      database.url,
      `SELECT f.phase::text, to_char(f.planned_start, 'YYYY-MM-DD') AS planned_start, to_char(f.planned_end, 'YYYY-MM-DD') AS planned_end
         FROM safety.programme_phase f JOIN safety.programme p ON p.id = f.programme_id WHERE p.region_code = $1 ORDER BY f.planned_start`,
      [towns[0]!.code],
    );
    expect(phases).toEqual([
      { phase: 'LAUNCH', planned_start: '2015-03-01', planned_end: '2015-05-31' },
      { phase: 'MOBILISATION', planned_start: '2015-06-01', planned_end: '2015-07-31' },
      { phase: 'IMPLEMENTATION', planned_start: '2015-08-01', planned_end: '2017-08-31' },
      { phase: 'ACCREDITATION', planned_start: '2017-09-01', planned_end: '2017-10-31' },
      { phase: 'CONTINUOUS_IMPROVEMENT', planned_start: '2017-11-01', planned_end: null },
    ]);
    const groups = await query<{ kind: string; n: number }>(
      database.url,
      `SELECT g.kind::text, count(*)::int AS n FROM safety.working_group g JOIN safety.programme p ON p.id = g.programme_id WHERE p.region_code = $1 GROUP BY 1 ORDER BY 1`,
      [towns[0]!.code],
    );
    const villages = population.regions.filter((r) => r.parentCode === towns[0]!.code).length;
    expect(Object.fromEntries(groups.map((g) => [g.kind, g.n]))).toEqual({
      PROMOTION_COMMITTEE: 1, COMMITTEE_OFFICE: 1, PUBLICITY: 1, SUPERVISION: 1, INJURY_SURVEILLANCE: 1,
      TRAFFIC_SAFETY: 1, FIRE_SAFETY: 1, HOME_SAFETY: 1, ELDERLY_SAFETY: 1, CHILD_SAFETY: 1, SCHOOL_SAFETY: 1, WORKPLACE_SAFETY: 1,
      VILLAGE_GROUP: villages,
    });
    const [leader] = await query<{ name: string; title: string }>(
      database.url,
      `SELECT m.name, m.title FROM safety.working_group_member m JOIN safety.working_group g ON g.id = m.group_id JOIN safety.programme p ON p.id = g.programme_id
        WHERE p.region_code = $1 AND g.kind = 'INJURY_SURVEILLANCE' AND m.role = 'LEADER'`,
      [towns[0]!.code],
    );
    expect(leader).toEqual({ name: '周敏', title: '副镇长、安办主任' });
  });

  it('fills every table of the domain', () => {
    for (const table of ['hazard', 'high_risk_group', 'high_risk_member', 'intervention_project', 'project_indicator', 'project_activity', 'emergency_plan', 'emergency_plan_version', 'drill', 'review', 'corrective_action']) {
      expect([table, counts[table]! > 0]).toEqual([table, true]);
    }
    expect(counts.intervention_project).toBeGreaterThanOrEqual(7);
  });

  it('is deterministic for a seed', async () => {
    const again = await createTestDatabase('safety_demo_again', ['safety']);
    try {
      await loadDemo(again.url, population);
      const digest = (url: string) =>
        query<{ md5: string }>(url, `SELECT md5(string_agg(h::text, '|' ORDER BY h.id)) FROM (SELECT id, region_code, likelihood, severity, status, deadline FROM safety.hazard) h`);
      expect(await digest(again.url)).toEqual(await digest(database.url));
    } finally {
      await again.drop();
    }
  });
});
