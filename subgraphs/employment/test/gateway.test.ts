/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { query } from '../../../test/support/database';
import { startTestHub, type TestHub } from '../../../test/support/hub';
import { roleHeaders } from '../../../test/support/access';

// The demo population describes 2026-11-29 (generatePopulation's default day); its records are of that year.
const YEAR = 2026;
const dayBefore = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const PURPOSE = '零就业家庭援助 (automated test)';
const DISTRICT = '370703';

const PERSON = `query ($id: ID!, $year: Int!) {
  person(id: $id) {
    id deceased disabilityGrade
    household { id receivesDibao }
    employmentStatus { status since }
    employmentDifficulty { certified categories }
    retirement { retiredOn formerEmployerName monthlyPension }
    pensionEligibility(year: $year) { outcome pensionAction certifiedOn }
  }
}`;

/** Employment read through the gateway, with the civil-affairs facts it requires. */
describe('employment through the gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 300, seed: 5 });
  });
  afterAll(async () => hub?.stop());

  const person = async (id: string) => {
    const result = await hub.query<{ person: any }>(PERSON, { id, year: YEAR });
    expect(result.errors).toBeUndefined();
    return result.data!.person;
  };

  it('derives DIBAO_FAMILY and DISABLED from civil affairs, and follows when those facts change', async () => {
    const [pick] = await query<{ person_id: string; enrolment_id: string; region_code: string; id_number: string }>(
      hub.database.url,
      `SELECT l.person_id, e.id AS enrolment_id, l.region_code, p.id_number
         FROM employment.labour_force_member l
         JOIN community.person p ON p.id = l.person_id
         JOIN civil_affairs.enrolment e ON e.household_id = l.household_id
        WHERE e.programme IN ('URBAN_DIBAO', 'RURAL_DIBAO') AND e.end_date IS NULL AND e.start_date < CURRENT_DATE - 2
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.enrolment o WHERE o.household_id = l.household_id AND o.id <> e.id AND o.programme IN ('URBAN_DIBAO', 'RURAL_DIBAO') AND o.end_date IS NULL)
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.disability_record d WHERE d.person_id = l.person_id)
        ORDER BY l.person_id LIMIT 1`,
    );
    expect(pick).toBeDefined();
    const before = await person(pick!.person_id);
    expect(before.household.receivesDibao).toBe(true);
    expect(before.disabilityGrade).toBeNull();
    expect(before.employmentDifficulty.categories).toContain('DIBAO_FAMILY');
    expect(before.employmentDifficulty.categories).not.toContain('DISABLED');

    const ended = await hub.query<any>(`mutation ($input: TerminateEnrolmentInput!) { terminateEnrolment(input: $input) { userErrors { field code message } } }`, {
      input: { enrolmentId: pick!.enrolment_id, endDate: dayBefore(1), reason: 'INCOME_ABOVE_STANDARD' },
    });
    expect(ended.errors).toBeUndefined();
    expect(ended.data.terminateEnrolment.userErrors).toEqual([]);
    const disabled = await hub.query<any>(`mutation ($input: RecordDisabilityInput!) { recordDisability(input: $input) { userErrors { field code message } } }`, {
      input: { personId: pick!.person_id, regionCode: pick!.region_code, category: 'PHYSICAL', grade: 2, certificateNumber: `${pick!.id_number}42` /* 肢体 (4), grade 2 */, issuedDate: dayBefore(1) },
    });
    expect(disabled.errors).toBeUndefined();
    expect(disabled.data.recordDisability.userErrors).toEqual([]);

    const after = await person(pick!.person_id);
    expect(after.household.receivesDibao).toBe(false);
    expect(after.disabilityGrade).toBe(2);
    expect(after.employmentDifficulty.categories).toContain('DISABLED');
    expect(after.employmentDifficulty.categories).not.toContain('DIBAO_FAMILY');
  });

  it('refuses the pension certification once civil affairs records the retiree\'s death, and reports the pension to be suspended', async () => {
    const [pick] = await query<{ person_id: string; region_code: string; certified_on: Date }>(
      hub.database.url,
      `SELECT r.person_id, r.region_code, c.certified_on FROM employment.retiree r
         JOIN employment.pension_certification c ON c.person_id = r.person_id AND c.year = $1
        ORDER BY r.person_id LIMIT 1`,
      [YEAR],
    );
    expect(pick).toBeDefined();
    const alive = await person(pick!.person_id);
    expect(alive.deceased).toBe(false);
    expect(alive.pensionEligibility).toEqual({ outcome: 'CERTIFIED', pensionAction: 'CONTINUE', certifiedOn: pick!.certified_on.toISOString().slice(0, 10) });

    const death = await hub.query<any>(`mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { userErrors { field code message } } }`, {
      input: { personId: pick!.person_id, regionCode: pick!.region_code, dateOfDeath: dayBefore(2), funeralType: 'CREMATED', funeralDate: dayBefore(1) },
    });
    expect(death.errors).toBeUndefined();
    expect(death.data.recordDeath.userErrors).toEqual([]);

    const dead = await person(pick!.person_id);
    expect(dead.deceased).toBe(true);
    expect(dead.pensionEligibility).toMatchObject({ outcome: 'REFUSED_DECEASED', pensionAction: 'SUSPEND' });
    // The office's own record is unchanged: the refusal is read through federation, not copied.
    const [row] = await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM employment.pension_certification WHERE person_id = $1 AND year = $2', [pick!.person_id, YEAR]);
    expect(Number(row!.n)).toBe(1);
  });

  it('answers a household and its region end to end with what the employment tables hold', async () => {
    const [pick] = await query<{ household_id: string; region_code: string }>(
      hub.database.url,
      `SELECT e.household_id, e.region_code FROM employment.zero_employment_episode e
         WHERE e.resolved_on IS NULL ORDER BY e.household_id LIMIT 1`,
    );
    expect(pick).toBeDefined();
    const result = await hub.query<any>(
      `query ($id: ID!, $year: Int!, $sub: String!) {
        household(id: $id) {
          id zeroEmploymentFamily { current arose resolved }
          members { person { id name employmentStatus { status since } employmentHistory { status since until } } }
        }
        region(code: $sub) {
          code name population
          employmentStatistics { zeroEmploymentFamilies registeredUnemployed employed registeredUnemploymentRate }
          employmentTargets(year: $year) { indicator item name targetCount actualCount targetAmount actualAmount completionRate }
        }
      }`,
      { id: pick!.household_id, year: YEAR, sub: pick!.region_code.slice(0, 9) },
    );
    expect(result.errors).toBeUndefined();
    const household = result.data.household;
    const [episode] = await query<{ arose_on: Date }>(hub.database.url, 'SELECT arose_on FROM employment.zero_employment_episode WHERE household_id = $1 AND resolved_on IS NULL', [pick!.household_id]);
    expect(household.zeroEmploymentFamily).toEqual({ current: true, arose: episode!.arose_on.toISOString().slice(0, 10), resolved: null });
    const periods = await query<{ person_id: string; status: string; start_date: Date }>(
      hub.database.url,
      'SELECT p.person_id, p.status::text, p.start_date FROM employment.employment_status_period p JOIN employment.labour_force_member l ON l.person_id = p.person_id WHERE l.household_id = $1 AND p.end_date IS NULL',
      [pick!.household_id],
    );
    for (const member of household.members) {
      const period = periods.find((p) => p.person_id === member.person.id)!;
      expect(member.person.employmentStatus).toEqual({ status: period.status, since: period.start_date.toISOString().slice(0, 10) });
    }
    const region = result.data.region;
    const [zero] = await query<{ n: string }>(hub.database.url, "SELECT count(*) AS n FROM employment.zero_employment_episode WHERE resolved_on IS NULL AND region_code LIKE $1 || '%'", [region.code]);
    expect(region.employmentStatistics.zeroEmploymentFamilies).toBe(Number(zero!.n));
    expect(region.employmentTargets).toHaveLength(21);
    const targets = await query<{ indicator: string; target: bigint }>(hub.database.url, 'SELECT indicator::text, target FROM employment.employment_target WHERE region_code = $1 AND year = $2', [region.code, YEAR]);
    const newJobs = region.employmentTargets.find((t: any) => t.indicator === 'NEW_URBAN_EMPLOYMENT');
    expect(newJobs.targetCount).toBe(Number(targets.find((t) => t.indicator === 'NEW_URBAN_EMPLOYMENT')!.target));
    const [actual] = await query<{ n: string }>(
      hub.database.url,
      "SELECT count(*) AS n FROM employment.employment_registration WHERE kind = 'EMPLOYMENT' AND region_code LIKE $1 || '%' AND start_date >= make_date($2, 1, 1) AND start_date < make_date($2 + 1, 1, 1)",
      [region.code, YEAR],
    );
    expect(newJobs.actualCount).toBe(Number(actual!.n));
    expect(newJobs.completionRate).toBe(Math.round((Number(actual!.n) / newJobs.targetCount) * 1000) / 10);
    const loans = region.employmentTargets.find((t: any) => t.indicator === 'MICRO_LOAN_AMOUNT');
    expect(loans).toMatchObject({ item: 11, targetCount: null, actualCount: null, targetAmount: expect.stringMatching(/^\d+\.\d{2}$/) });
  });

  describe('as each role, through the gateway', () => {
    const OFFICE = `query ($hh: ID!, $code: String!, $year: Int!) {
      household(id: $hh) {
        zeroEmploymentFamily { current arose }
        members { person { id name employmentStatus { status } employmentDifficulty { certified categories } } }
      }
      region(code: $code) {
        employmentStatistics { zeroEmploymentFamilies difficultPersons registeredUnemployed }
        employmentTargets(year: $year) { indicator targetCount actualCount }
      }
    }`;
    const zeroFamily = async () => {
      const [pick] = await query<{ household_id: string }>(
        hub.database.url,
        `SELECT e.household_id FROM employment.zero_employment_episode e WHERE e.resolved_on IS NULL AND e.region_code LIKE '${DISTRICT}%' ORDER BY e.household_id LIMIT 1`,
      );
      expect(pick).toBeDefined();
      return pick!.household_id;
    };

    it('the employment officer reads zero-employment families and difficulty standings, civil affairs read on its behalf, and the read is audited', async () => {
      const householdId = await zeroFamily();
      const before = await query<{ id: string }>(hub.database.url, 'SELECT id FROM employment.access_audit');
      const result = await hub.query<any>(OFFICE, { hh: householdId, code: DISTRICT, year: YEAR }, await roleHeaders('employment-officer', DISTRICT, PURPOSE));
      expect(result.errors).toBeUndefined();
      expect(result.data.household.zeroEmploymentFamily.current).toBe(true);
      for (const { person } of result.data.household.members) expect(person.employmentDifficulty).toEqual(expect.objectContaining({ categories: expect.any(Array) }));
      const [zero] = await query<{ n: string }>(hub.database.url, `SELECT count(*) AS n FROM employment.zero_employment_episode WHERE resolved_on IS NULL AND region_code LIKE '${DISTRICT}%'`);
      expect(result.data.region.employmentStatistics.zeroEmploymentFamilies).toBe(Number(zero!.n));
      const rows = await query<{ subject: string; fields: string[]; person_ids: string[]; purpose: string }>(hub.database.url, 'SELECT subject, fields, person_ids, purpose FROM employment.access_audit WHERE NOT (id = ANY($1::bigint[]))', [before.map((r) => r.id)]);
      expect(rows).toEqual([
        {
          subject: `demo-employment-officer-${DISTRICT}`,
          fields: ['Person.employmentDifficulty'],
          person_ids: result.data.household.members.map((m: any) => m.person.id).sort(),
          purpose: PURPOSE,
        },
      ]);
    });

    it('without an X-Purpose the difficulty standings alone are FORBIDDEN, before planning: no stray error from civil affairs, the rest stays', async () => {
      const householdId = await zeroFamily();
      const result = await hub.query<any>(OFFICE, { hh: householdId, code: DISTRICT, year: YEAR }, await roleHeaders('employment-officer', DISTRICT));
      const members = result.data.household.members;
      expect(result.errors!.map((e) => [e.extensions?.code, e.path])).toEqual(members.map((_m: any, i: number) => ['FORBIDDEN', ['household', 'members', i, 'person', 'employmentDifficulty']]));
      expect(result.errors![0]!.message).toMatch(/X-Purpose/);
      expect(result.data.household.zeroEmploymentFamily.current).toBe(true);
      expect(members.every((m: any) => m.person.employmentDifficulty === null && m.person.employmentStatus !== null)).toBe(true);
      expect(result.data.region.employmentStatistics).not.toBeNull();
    });

    it('the dashboard viewer reads the region aggregates and no household', async () => {
      const householdId = await zeroFamily();
      const officer = await hub.query<any>(OFFICE, { hh: householdId, code: DISTRICT, year: YEAR }, await roleHeaders('employment-officer', DISTRICT, PURPOSE));
      const viewer = await hub.query<any>(OFFICE, { hh: householdId, code: DISTRICT, year: YEAR }, await roleHeaders('dashboard-viewer', DISTRICT));
      expect(viewer.data!.region).toEqual(officer.data.region);
      expect(viewer.data!.household).toBeNull();
      expect(viewer.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['household']]]);
    });

    it("a community's grid worker asking about the district gets the community's figures", async () => {
      const [pick] = await query<{ region_code: string }>(hub.database.url, `SELECT region_code FROM employment.labour_force_member WHERE region_code LIKE '${DISTRICT}%' ORDER BY region_code LIMIT 1`);
      const STATS = `query ($code: String!) { region(code: $code) { employmentStatistics { workingAgePersons employed registeredUnemployed zeroEmploymentFamilies difficultPersons retirees } } }`;
      const community = await hub.query<any>(STATS, { code: pick!.region_code });
      const district = await hub.query<any>(STATS, { code: DISTRICT });
      const narrowed = await hub.query<any>(STATS, { code: DISTRICT }, await roleHeaders('grid-worker', pick!.region_code, PURPOSE));
      expect(narrowed.errors).toBeUndefined();
      expect(narrowed.data!.region.employmentStatistics).toEqual(community.data!.region.employmentStatistics);
      expect(district.data!.region.employmentStatistics.workingAgePersons).toBeGreaterThan(community.data!.region.employmentStatistics.workingAgePersons);
    });

    it('the safety officer reads the person from community but no employment field', async () => {
      const householdId = await zeroFamily();
      const result = await hub.query<any>(`query ($hh: ID!) { household(id: $hh) { zeroEmploymentFamily { current } members { person { name employmentStatus { status } } } } }`, { hh: householdId }, await roleHeaders('safety-officer', DISTRICT, PURPOSE));
      expect(result.data!.household.zeroEmploymentFamily).toBeNull();
      expect(result.data!.household.members.every((m: any) => typeof m.person.name === 'string' && m.person.employmentStatus === null)).toBe(true);
      expect(new Set(result.errors!.map((e) => e.extensions?.code))).toEqual(new Set(['FORBIDDEN']));
    });

    // Last: it moves a labour-force record.
    it("judges jurisdiction by employment's own region column: a record the labour office holds elsewhere reads as unknown, without an error", async () => {
      const [pick] = await query<{ person_id: string; region_code: string; other: string }>(
        hub.database.url,
        `SELECT l.person_id, l.region_code, (SELECT min(o.region_code) FROM employment.labour_force_member o WHERE o.region_code <> l.region_code) AS other
           FROM employment.labour_force_member l WHERE l.region_code LIKE '${DISTRICT}%' ORDER BY l.person_id DESC LIMIT 1`,
      );
      const PERSON_STATUS = `query ($id: ID!) { person(id: $id) { id name employmentStatus { status } employmentHistory { status } } }`;
      const worker = await roleHeaders('grid-worker', pick!.region_code, PURPOSE);
      const seen = await hub.query<any>(PERSON_STATUS, { id: pick!.person_id }, worker);
      expect(seen.errors).toBeUndefined();
      expect(seen.data!.person.employmentStatus).not.toBeNull();
      await query(hub.database.url, 'UPDATE employment.labour_force_member SET region_code = $2 WHERE person_id = $1', [pick!.person_id, pick!.other]);
      const hidden = await hub.query<any>(PERSON_STATUS, { id: pick!.person_id }, worker);
      expect(hidden.errors).toBeUndefined();
      expect(hidden.data!.person).toEqual({ id: pick!.person_id, name: seen.data!.person.name, employmentStatus: null, employmentHistory: null });
      expect((await hub.query<any>(PERSON_STATUS, { id: pick!.person_id })).data!.person.employmentStatus).toEqual(seen.data!.person.employmentStatus);
    });
  });
});
