/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers and raw rows are untyped JSON here. */
import { fenToYuanString } from '@hub/scalars';
import { query } from '../../../test/support/database';
import { startTestHub, type TestHub } from '../../../test/support/hub';
import { roleHeaders } from '../../../test/support/access';

const PURPOSE = '低保审核审批 (automated test)';
const SUBMIT = `mutation ($input: SubmitDibaoApplicationInput!) { submitDibaoApplication(input: $input) { dibaoApplication { id } userErrors { code message } } }`;
const ADVANCE = `mutation ($input: AdvanceDibaoApplicationInput!) { advanceDibaoApplication(input: $input) { dibaoApplication { stage } userErrors { field code message } } }`;
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => [...new Set((errors ?? []).map((e) => e.extensions?.code))];

/**
 * Households with no application or enrolment yet and no relief officer's relative: either with no serving cadre
 * nor cadre's near relative among the members, or with a cadre's near relative (a cadre's household, often).
 */
const FRESH_HOUSEHOLDS = (cadreRelated: boolean) => `
  SELECT h.id, h.region_code, array_agg(m.person_id::text ORDER BY m.relation, m.person_id) AS members
    FROM community.household h JOIN community.household_membership m ON m.household_id = h.id AND m.end_date IS NULL
   WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.household_id = h.id)
     AND NOT EXISTS (SELECT 1 FROM civil_affairs.enrolment e WHERE e.household_id = h.id)
     AND NOT EXISTS (SELECT 1 FROM community.household_membership x JOIN civil_affairs.officer_relative o ON o.person_id = x.person_id WHERE x.household_id = h.id AND x.end_date IS NULL)
     ${cadreRelated ? '' : 'AND NOT EXISTS (SELECT 1 FROM community.household_membership x JOIN community.cadre c ON c.person_id = x.person_id AND c.end_date IS NULL WHERE x.household_id = h.id AND x.end_date IS NULL)'}
     AND ${cadreRelated ? '' : 'NOT'} EXISTS (SELECT 1 FROM community.household_membership x JOIN community.cadre_relative r ON r.person_id = x.person_id
                  JOIN community.cadre c ON c.id = r.cadre_id AND c.end_date IS NULL WHERE x.household_id = h.id AND x.end_date IS NULL)
   GROUP BY h.id, h.region_code ORDER BY h.id`;

const HOUSEHOLD = `query ($id: ID!) { household(id: $id) {
  id householdNumber region { code name }
  receivesDibao
  currentAssistanceEnrolments { id programme category memberCount monthlyAmount status reviewDue }
  assistancePayments(first: 3) { totalCount edges { node { period amount programme } } pageInfo { hasNextPage } }
  dibaoApplications { stage steps { stage } }
  members { relation person { id name deceased disabilityGrade death { dateOfDeath funeralType } } }
} }`;

/** A household through the gateway: community's facts and civil affairs' side by side, checked against the tables. */
describe('civil affairs through the gateway', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 600, seed: 11 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers a dibao household with its enrolments, payments, application and members', async () => {
    const url = hub.database.url;
    const [pick] = await query<{ household_id: string }>(
      url,
      `SELECT e.household_id FROM civil_affairs.enrolment e
        WHERE e.status = 'IN_PAYMENT' AND e.programme IN ('URBAN_DIBAO', 'RURAL_DIBAO')
        ORDER BY EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.enrolment_id = e.id) DESC, e.household_id LIMIT 1`,
    );
    expect(pick).toBeDefined();
    const id = pick!.household_id;
    const { data, errors } = await hub.query<any>(HOUSEHOLD, { id });
    expect(errors).toBeUndefined();
    const household = data.household;
    const [community] = await query<{ household_number: string }>(url, 'SELECT household_number FROM community.household WHERE id = $1', [id]);
    expect(household.householdNumber).toBe(community!.household_number);
    expect(household.receivesDibao).toBe(true);

    const enrolments = await query<any>(url, `SELECT id, programme, monthly_amount_fen FROM civil_affairs.enrolment WHERE household_id = $1 AND status = 'IN_PAYMENT' ORDER BY start_date DESC, id`, [id]);
    expect(household.currentAssistanceEnrolments.map((e: any) => [e.id, e.programme, e.monthlyAmount, e.status])).toEqual(
      enrolments.map((e) => [e.id, e.programme, fenToYuanString(BigInt(e.monthly_amount_fen)), 'ACTIVE']),
    );
    const payments = await query<any>(url, 'SELECT period, amount_fen FROM civil_affairs.payment WHERE household_id = $1 ORDER BY period DESC, id DESC', [id]);
    expect(household.assistancePayments.totalCount).toBe(payments.length);
    expect(household.assistancePayments.edges.map((e: any) => [e.node.period, e.node.amount])).toEqual(payments.slice(0, 3).map((p) => [p.period, fenToYuanString(BigInt(p.amount_fen))]));
    const applications = await query<any>(url, 'SELECT stage FROM civil_affairs.dibao_application WHERE household_id = $1', [id]);
    expect(applications).toHaveLength(1);
    expect(household.dibaoApplications).toEqual(
      applications.map(() => ({ stage: 'ENROLLED', steps: ['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED', 'APPROVED', 'PUBLICIZED', 'ENROLLED'].map((stage) => ({ stage })) })),
    );

    for (const member of household.members) {
      const [disability] = await query<any>(url, 'SELECT grade FROM civil_affairs.disability_record WHERE person_id = $1', [member.person.id]);
      const [death] = await query<any>(url, 'SELECT date_of_death, funeral_type FROM civil_affairs.death_record WHERE person_id = $1', [member.person.id]);
      expect(member.person.disabilityGrade).toBe(disability?.grade ?? null);
      expect(member.person.deceased).toBe(death !== undefined);
      expect(member.person.death).toEqual(death ? { dateOfDeath: death.date_of_death.toISOString().slice(0, 10), funeralType: death.funeral_type } : null);
    }
  });

  it('puts civil-affairs figures on community\'s region for a dashboard', async () => {
    const [district] = await query<{ code: string }>(hub.database.url, `SELECT code FROM community.region WHERE level = 'DISTRICT' ORDER BY code LIMIT 1`);
    const { data, errors } = await hub.query<any>(`query ($code: String!) { region(code: $code) { name population children { code civilAffairsStatistics { urbanDibaoHouseholds ruralDibaoHouseholds } }
      civilAffairsStatistics { urbanDibaoHouseholds ruralDibaoHouseholds urbanDibaoPersons ruralDibaoPersons spendingYearToDate cremationRate } } }`, { code: district!.code });
    expect(errors).toBeUndefined();
    const [expected] = await query<any>(
      hub.database.url,
      `SELECT count(*) FILTER (WHERE programme = 'URBAN_DIBAO') AS urban, count(*) FILTER (WHERE programme = 'RURAL_DIBAO') AS rural
         FROM civil_affairs.enrolment WHERE region_code LIKE $1 || '%' AND status = 'IN_PAYMENT' AND programme IN ('URBAN_DIBAO', 'RURAL_DIBAO')`,
      [district!.code],
    );
    const stats = data.region.civilAffairsStatistics;
    expect([stats.urbanDibaoHouseholds, stats.ruralDibaoHouseholds]).toEqual([Number(expected.urban), Number(expected.rural)]);
    const children = data.region.children.map((c: any) => c.civilAffairsStatistics.urbanDibaoHouseholds + c.civilAffairsStatistics.ruralDibaoHouseholds);
    expect(children.reduce((a: number, b: number) => a + b, 0)).toBe(stats.urbanDibaoHouseholds + stats.ruralDibaoHouseholds);
    expect(data.region.population).toBeGreaterThan(0);
  });

  it('reads community\'s cadre relatives through the graph for the filing requirement', async () => {
    const url = hub.database.url;
    const [related] = await query<{ household_id: string }>(
      url,
      `SELECT m.household_id FROM community.cadre_relative r JOIN community.household_membership m ON m.person_id = r.person_id AND m.end_date IS NULL
        JOIN community.cadre c ON c.id = r.cadre_id WHERE c.end_date IS NULL ORDER BY m.household_id LIMIT 1`,
    );
    const [unrelated] = await query<{ id: string }>(
      url,
      `SELECT h.id FROM community.household h WHERE NOT EXISTS (SELECT 1 FROM community.household_membership m JOIN community.cadre_relative r ON r.person_id = m.person_id WHERE m.household_id = h.id)
          AND NOT EXISTS (SELECT 1 FROM community.household_membership m JOIN community.cadre c ON c.person_id = m.person_id WHERE m.household_id = h.id)
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.household_id = h.id) ORDER BY h.id LIMIT 1`,
    );
    expect(related).toBeDefined();
    const ask = `query ($id: ID!) { household(id: $id) { hasCadreNearRelative conflictOfInterestFilingRequired } }`;
    expect((await hub.query<any>(ask, { id: related!.household_id })).data.household).toEqual({ hasCadreNearRelative: true, conflictOfInterestFilingRequired: true });
    expect((await hub.query<any>(ask, { id: unrelated!.id })).data.household).toEqual({ hasCadreNearRelative: false, conflictOfInterestFilingRequired: false });
  });

  it("refuses to approve an application holding a community cadre's near relative without a filing, asking community itself", async () => {
    const url = hub.database.url;
    const [pick] = await query<{ household_id: string; members: string[] }>(
      url,
      `SELECT m.household_id, array_agg(DISTINCT m2.person_id::text) AS members
         FROM community.cadre_relative r
         JOIN community.cadre c ON c.id = r.cadre_id AND c.end_date IS NULL
         JOIN community.household_membership m ON m.person_id = r.person_id AND m.end_date IS NULL
         JOIN community.household_membership m2 ON m2.household_id = m.household_id AND m2.end_date IS NULL
        WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.household_id = m.household_id)
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.enrolment e WHERE e.household_id = m.household_id)
        GROUP BY m.household_id ORDER BY m.household_id LIMIT 1`,
    );
    expect(pick).toBeDefined();
    const [region] = await query<{ region_code: string }>(url, 'SELECT region_code FROM community.household WHERE id = $1', [pick!.household_id]);
    const submit = `mutation ($input: SubmitDibaoApplicationInput!) { submitDibaoApplication(input: $input) { dibaoApplication { id } userErrors { code message } } }`;
    const submitted = await hub.query<any>(submit, {
      input: { programme: 'URBAN_DIBAO', householdId: pick!.household_id, applicantId: pick!.members[0], memberIds: pick!.members, regionCode: region!.region_code, declaredMonthlyIncome: '0.00', declaredAssets: '0.00', submittedOn: '2026-11-01', officerName: '王芳', membersAbleToWork: 0, vulnerableMembers: 1 },
    });
    expect(submitted.data.submitDibaoApplication.userErrors).toEqual([]);
    const id = submitted.data.submitDibaoApplication.dibaoApplication.id;
    const advance = `mutation ($input: AdvanceDibaoApplicationInput!) { advanceDibaoApplication(input: $input) { dibaoApplication { stage } userErrors { field code message } } }`;
    for (const [stage, date] of [['HOME_VISITED', '2026-11-02'], ['APPRAISED', '2026-11-03'], ['REVIEWED', '2026-11-04']]) {
      expect((await hub.query<any>(advance, { input: { applicationId: id, stage, date, officerName: '李明' } })).data.advanceDibaoApplication.userErrors).toEqual([]);
    }
    const refused = await hub.query<any>(advance, { input: { applicationId: id, stage: 'APPROVED', date: '2026-11-05', officerName: '李明', category: 'A' } });
    expect(refused.data.advanceDibaoApplication).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ code: 'RULE_VIOLATION', message: expect.stringContaining('近亲属备案') })] });
  });

  it('submits an application through the gateway and shows it on the household', async () => {
    const [household] = await query<{ id: string; region_code: string }>(
      hub.database.url,
      `SELECT h.id, h.region_code FROM community.household h
        WHERE NOT EXISTS (SELECT 1 FROM civil_affairs.enrolment e WHERE e.household_id = h.id)
          AND NOT EXISTS (SELECT 1 FROM civil_affairs.dibao_application a WHERE a.household_id = h.id) ORDER BY h.household_number LIMIT 1`,
    );
    const members = await query<{ person_id: string }>(hub.database.url, 'SELECT person_id FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL ORDER BY relation', [household!.id]);
    const memberIds = members.map((m) => m.person_id);
    const submitted = await hub.query<any>(
      `mutation ($input: SubmitDibaoApplicationInput!) { submitDibaoApplication(input: $input) { dibaoApplication { stage household { householdNumber } applicant { name } } userErrors { message } } }`,
      { input: { programme: 'URBAN_DIBAO', householdId: household!.id, applicantId: memberIds[0], memberIds, regionCode: household!.region_code, declaredMonthlyIncome: '100.00', declaredAssets: '0.00', submittedOn: '2026-11-20', officerName: '王芳' } },
    );
    expect(submitted.errors).toBeUndefined();
    expect(submitted.data.submitDibaoApplication.userErrors).toEqual([]);
    // The applicant's name and the household number come from community, in the same answer.
    expect(submitted.data.submitDibaoApplication.dibaoApplication.applicant.name).toEqual(expect.any(String));
    expect(submitted.data.submitDibaoApplication.dibaoApplication.household.householdNumber).toMatch(/^\d{17}$/);
    const { data } = await hub.query<any>(`query ($id: ID!) { household(id: $id) { receivesDibao dibaoApplications { stage } } }`, { id: household!.id });
    expect(data.household).toEqual({ receivesDibao: false, dibaoApplications: [{ stage: 'SUBMITTED' }] });
  });

  describe('as the demo roles', () => {
    type Fresh = { id: string; region_code: string; members: string[] };
    const form = (household: Fresh, memberIds: string[] = household.members) => ({
      programme: 'URBAN_DIBAO', householdId: household.id, applicantId: memberIds[0], memberIds, regionCode: household.region_code,
      declaredMonthlyIncome: '0.00', declaredAssets: '0.00', submittedOn: '2026-11-01', officerName: '王芳', membersAbleToWork: 0, vulnerableMembers: 1,
    });
    /** Submits as `headers` and takes the application to REVIEWED; answers its id. */
    async function reviewed(input: Record<string, unknown>, headers: Record<string, string>): Promise<string> {
      const submitted = await hub.query<any>(SUBMIT, { input }, headers);
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data.submitDibaoApplication.userErrors).toEqual([]);
      const id = submitted.data.submitDibaoApplication.dibaoApplication.id;
      for (const [stage, date] of [['HOME_VISITED', '2026-11-02'], ['APPRAISED', '2026-11-03'], ['REVIEWED', '2026-11-04']]) {
        expect((await hub.query<any>(ADVANCE, { input: { applicationId: id, stage, date, officerName: '李明' } }, headers)).data.advanceDibaoApplication.userErrors).toEqual([]);
      }
      return id;
    }
    const approve = (applicationId: string, headers: Record<string, string>) =>
      hub.query<any>(ADVANCE, { input: { applicationId, stage: 'APPROVED', date: '2026-11-05', officerName: '李明', category: 'A' } }, headers);

    it("lets the civil-affairs officer of the household's district approve, community answering for the members with the officer's rights", async () => {
      const [household] = await query<Fresh>(hub.database.url, FRESH_HOUSEHOLDS(false));
      expect(household).toBeDefined();
      const district = household!.region_code.slice(0, 6);
      const officer = await roleHeaders('civil-affairs-officer', district, PURPOSE);
      const id = await reviewed(form(household!), officer);
      expect((await approve(id, officer)).data.advanceDibaoApplication).toEqual({ dibaoApplication: { stage: 'APPROVED' }, userErrors: [] });

      // An officer of another subdistrict (the demo data fills one district) neither sees the application nor steps it on.
      const subdistrict = household!.region_code.slice(0, 9);
      const [other] = await query<{ code: string }>(hub.database.url, `SELECT code FROM community.region WHERE level = 'SUBDISTRICT' AND code LIKE $1 AND code <> $2 ORDER BY code LIMIT 1`, [`${district}%`, subdistrict]);
      const stranger = await roleHeaders('civil-affairs-officer', other!.code, PURPOSE);
      expect((await hub.query<any>(`query ($id: ID!) { dibaoApplication(id: $id) { stage } }`, { id }, stranger)).data.dibaoApplication).toBeNull();
      const refused = await hub.query<any>(ADVANCE, { input: { applicationId: id, stage: 'PUBLICIZED', date: '2026-11-06', officerName: '李明' } }, stranger);
      expect(refused.data.advanceDibaoApplication).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ field: ['input', 'applicationId'], code: 'NOT_FOUND' })] });
      // Nor submits one for a household of the first subdistrict.
      const [next] = (await query<Fresh>(hub.database.url, FRESH_HOUSEHOLDS(false))).filter((h) => h.region_code.startsWith(subdistrict));
      const foreign = await hub.query<any>(SUBMIT, { input: form(next!) }, stranger);
      // Outside the officer's jurisdiction: an authorization failure (FORBIDDEN), nothing written.
      expect(foreign.data?.submitDibaoApplication ?? null).toBeNull();
      expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect((await query(hub.database.url, 'SELECT 1 FROM civil_affairs.dibao_application WHERE household_id = $1', [next!.id]))).toHaveLength(0);
    });

    it("still refuses the officer's approval of a household holding a cadre's near relative without a filing", async () => {
      const [household] = await query<Fresh>(hub.database.url, FRESH_HOUSEHOLDS(true));
      expect(household).toBeDefined();
      const officer = await roleHeaders('civil-affairs-officer', household!.region_code.slice(0, 6), PURPOSE);
      const id = await reviewed(form(household!), officer);
      const refused = await approve(id, officer);
      expect(refused.data.advanceDibaoApplication).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ code: 'RULE_VIOLATION', message: expect.stringContaining('近亲属备案') })] });
    });

    it('refuses approval when community does not answer for a member outside the officer\'s jurisdiction', async () => {
      const fresh = await query<Fresh>(hub.database.url, FRESH_HOUSEHOLDS(false));
      const household = fresh[0]!;
      const subdistrict = household.region_code.slice(0, 9);
      const outsider = fresh.find((h) => !h.region_code.startsWith(subdistrict))!;
      // An officer scoped to the household's subdistrict; the other member lives in another one.
      const officer = await roleHeaders('civil-affairs-officer', subdistrict, PURPOSE);
      const id = await reviewed(form(household, [...household.members, outsider.members[0]!]), officer);
      const refused = await approve(id, officer);
      expect(refused.data.advanceDibaoApplication).toEqual({
        dibaoApplication: null,
        userErrors: [expect.objectContaining({ field: ['input', 'applicationId'], code: 'RULE_VIOLATION', message: expect.stringContaining(outsider.members[0]!) })],
      });
    });

    it('shows each role its share of a dibao household', async () => {
      // A household enrolled through an application (as in the first test above).
      const [pick] = await query<{ household_id: string; region_code: string }>(
        hub.database.url,
        `SELECT a.household_id, h.region_code FROM civil_affairs.dibao_application a JOIN community.household h ON h.id = a.household_id
           JOIN civil_affairs.enrolment e ON e.id = a.enrolment_id AND e.status = 'IN_PAYMENT'
          WHERE a.stage = 'ENROLLED' ORDER BY a.household_id LIMIT 1`,
      );
      expect(pick).toBeDefined();
      const district = pick!.region_code.slice(0, 6);
      const ASK = `query ($id: ID!) { household(id: $id) { receivesDibao dibaoApplications { stage declaredMonthlyIncome } } }`;
      const officer = await hub.query<any>(ASK, { id: pick!.household_id }, await roleHeaders('civil-affairs-officer', district, PURPOSE));
      expect(officer.errors).toBeUndefined();
      expect(officer.data.household).toEqual({ receivesDibao: true, dibaoApplications: [{ stage: 'ENROLLED', declaredMonthlyIncome: expect.stringMatching(/^\d+\.\d\d$/) }] });
      // The grid worker of the household's community: the dibao standing, not the declared income.
      const grid = await hub.query<any>(ASK, { id: pick!.household_id }, await roleHeaders('grid-worker', pick!.region_code, PURPOSE));
      expect(grid.data.household).toEqual({ receivesDibao: true, dibaoApplications: null });
      expect(grid.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', field: 'DibaoApplication.declaredMonthlyIncome' }) })]);
      const safety = await hub.query<any>(ASK, { id: pick!.household_id }, await roleHeaders('safety-officer', district, PURPOSE));
      expect(safety.data.household).toEqual({ receivesDibao: null, dibaoApplications: null });
      expect(codes(safety.errors)).toEqual(['FORBIDDEN']);

      // Employment reads the disability grade from civil affairs on the employment officer's behalf: audited here.
      const before = await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM civil_affairs.access_audit');
      const EMPLOYMENT = `query ($id: ID!) { household(id: $id) { members { person { id employmentDifficulty { categories } } } } }`;
      const employment = await hub.query<any>(EMPLOYMENT, { id: pick!.household_id }, await roleHeaders('employment-officer', district, PURPOSE));
      expect(employment.errors).toBeUndefined();
      const categories = employment.data.household.members.flatMap((m: any) => m.person.employmentDifficulty?.categories ?? []);
      expect(categories).toEqual(expect.arrayContaining(['DIBAO_FAMILY']));
      const rows = await query<any>(hub.database.url, 'SELECT * FROM civil_affairs.access_audit WHERE id > (SELECT max(id) - 10 FROM civil_affairs.access_audit) ORDER BY id');
      const audited = rows.filter((r) => r.subject === `demo-employment-officer-${district}` && r.fields.includes('Person.disabilityGrade'));
      expect(audited.length).toBeGreaterThan(0);
      expect(audited[0]).toEqual(expect.objectContaining({ categories: ['DISABILITY'], purpose: PURPOSE, subgraph: 'civil-affairs' }));
      expect(Number((await query<{ n: string }>(hub.database.url, 'SELECT count(*) AS n FROM civil_affairs.access_audit'))[0]!.n)).toBeGreaterThan(Number(before[0]!.n));
      const noPurpose = await hub.query<any>(EMPLOYMENT, { id: pick!.household_id }, await roleHeaders('employment-officer', district));
      expect(noPurpose.data.household.members.every((m: any) => m.person.employmentDifficulty === null)).toBe(true);
      expect(codes(noPurpose.errors)).toEqual(['FORBIDDEN']);

      // The dashboard viewer: the district's figures, no household.
      const viewer = await roleHeaders('dashboard-viewer', district);
      const figures = await hub.query<any>(`query ($code: String!) { region(code: $code) { civilAffairsStatistics { urbanDibaoHouseholds ruralDibaoHouseholds } } }`, { code: district }, viewer);
      expect(figures.errors).toBeUndefined();
      expect(figures.data.region.civilAffairsStatistics.urbanDibaoHouseholds + figures.data.region.civilAffairsStatistics.ruralDibaoHouseholds).toBeGreaterThan(0);
      const household = await hub.query<any>(`query ($id: ID!) { household(id: $id) { receivesDibao } }`, { id: pick!.household_id }, viewer);
      expect(household.data.household).toBeNull();
      expect(codes(household.errors)).toEqual(['FORBIDDEN']);
    });
  });
});
