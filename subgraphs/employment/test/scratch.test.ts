/* eslint-disable */
import { query } from '../../../test/support/database';
import { startTestHub, type TestHub } from '../../../test/support/hub';
import { roleHeaders } from '../../../test/support/access';

describe('scratch', () => {
  let hub: TestHub;
  beforeAll(async () => { hub = await startTestHub({ households: 60, seed: 5 }); });
  afterAll(async () => hub?.stop());
  it('probes', async () => {
    const [pick] = await query<any>(hub.database.url, `SELECT l.person_id, l.household_id, l.region_code FROM employment.labour_force_member l JOIN employment.difficulty_certification c ON c.person_id = l.person_id WHERE c.ended_on IS NULL ORDER BY 1 LIMIT 1`);
    const Q = `query ($id: ID!, $hh: ID!, $code: String!) {
      person(id: $id) { name employmentStatus { status } employmentDifficulty { certified categories } pensionEligibility(year: 2026) { outcome } }
      household(id: $hh) { zeroEmploymentFamily { current } }
      region(code: $code) { name employmentStatistics { zeroEmploymentFamilies difficultPersons } employmentTargets(year: 2026) { indicator actualCount } }
    }`;
    const Q2 = `query ($id: ID!) { person(id: $id) { name employmentDifficulty { certified } } }`;
    const vars = { id: pick.person_id, hh: pick.household_id, code: '370703' };
    for (const [role, purpose] of [['employment-officer', 'x'], ['employment-officer', null], ['dashboard-viewer', null], ['safety-officer', 'x'], ['grid-worker', 'x']] as const) {
      const r = await hub.query(Q, vars, await roleHeaders(role as any, undefined, purpose));
      console.log(role, purpose, JSON.stringify({ data: r.data, errors: r.errors?.map((e: any) => [e.path, e.message]) }).slice(0, 700));
    }
    const r2 = await hub.query(Q2, vars, await roleHeaders('employment-officer', undefined, null));
    console.log('Q2 no purpose', JSON.stringify({ data: r2.data, errors: r2.errors?.map((e: any) => [e.path, e.message]) }));
  });
});
