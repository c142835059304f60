/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { query } from '../../../test/support/database';
import { startTestHub, type TestHub } from '../../../test/support/hub';

// The demo population describes 2026-11-29 (generatePopulation's default day); its records are of that year.
const YEAR = 2026;
const dayBefore = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

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
});
