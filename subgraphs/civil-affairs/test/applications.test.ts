/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { fixtureId, gql, loadSeedStandards, tableCounts } from './support';

const TODAY = '2026-11-29';
const COMMUNITY = '370703001001';
const HOUSEHOLD = fixtureId(11, 1);
const [HEAD, SPOUSE, CHILD] = [fixtureId(12, 1), fixtureId(12, 2), fixtureId(12, 3)];
const APPLICATION_FIELDS = `id stage version category suggestedCategory perCapitaIncome proposedMonthlySubsidy publicityStartedOn enrolmentAllowedFrom rejectionReason
  steps { stage officerName date note } conflictOfInterest { relatedPersons { id } approvalBlocked filing { filedBy relatedPersons { id } } }
  enrolment { programme category memberCount monthlyAmount perCapitaIncome startDate status reviewDue }`;
const SUBMIT = `mutation ($input: SubmitDibaoApplicationInput!) { submitDibaoApplication(input: $input) { dibaoApplication { ${APPLICATION_FIELDS} } userErrors { field code message } } }`;
const ADVANCE = `mutation ($input: AdvanceDibaoApplicationInput!) { advanceDibaoApplication(input: $input) { dibaoApplication { ${APPLICATION_FIELDS} } userErrors { field code message } } }`;
const REJECT = `mutation ($input: RejectDibaoApplicationInput!) { rejectDibaoApplication(input: $input) { dibaoApplication { ${APPLICATION_FIELDS} } userErrors { field code message } } }`;
const FILE = `mutation ($input: FileConflictOfInterestInput!) { fileConflictOfInterest(input: $input) { conflictFiling { id filedOn } userErrors { field code message } } }`;
const OFFICER = `mutation ($input: RegisterReliefOfficerInput!) { registerReliefOfficer(input: $input) { reliefOfficer { id name relatives { relation person { id } } } userErrors { field code message } } }`;

const form = (change: Record<string, unknown> = {}) => ({
  programme: 'URBAN_DIBAO',
  householdId: HOUSEHOLD,
  applicantId: HEAD,
  memberIds: [HEAD, SPOUSE, CHILD],
  regionCode: COMMUNITY,
  declaredMonthlyIncome: '300.00',
  declaredAssets: '5000.00',
  submittedOn: '2026-11-01',
  officerName: '王芳',
  ...change,
});

/** Stands in for the community subgraph: which persons are near relatives of a serving cadre, or no answer at all. */
const cadreSet = new Set<string>();
let communityDown = false;
const cadreRelatives = {
  among: async (ids: string[]) => {
    if (communityDown) throw new Error('connect ECONNREFUSED');
    return ids.filter((id) => cadreSet.has(id));
  },
};

describe('the dibao application workflow', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const step = async (applicationId: string, stage: string, date: string, extra: Record<string, unknown> = {}) =>
    (await gql<any>(running.url, ADVANCE, { input: { applicationId, stage, date, officerName: '李明', ...extra } })).data.advanceDibaoApplication;

  beforeAll(async () => {
    database = await createTestDatabase('civil_workflow', ['civil-affairs']);
    await loadSeedStandards(database.url);
    running = await start({ port: 0, databaseUrl: database.url, today: TODAY, cadreRelatives });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('refuses malformed applications and writes nothing', async () => {
    const before = await tableCounts(database.url);
    const cases: [Record<string, unknown>, string[], string][] = [
      [{ programme: 'TEKUN_DISPERSED' }, ['input', 'programme'], 'INVALID'],
      [{ memberIds: [] }, ['input', 'memberIds'], 'INVALID'],
      [{ memberIds: [SPOUSE, CHILD] }, ['input', 'applicantId'], 'INVALID'],
      [{ memberIds: [HEAD, HEAD] }, ['input', 'memberIds'], 'INVALID'],
      [{ memberIds: [HEAD, 'x'] }, ['input', 'memberIds', '1'], 'INVALID'],
      [{ declaredMonthlyIncome: '-1.00' }, ['input', 'declaredMonthlyIncome'], 'INVALID'],
      [{ submittedOn: '2026-12-01' }, ['input', 'submittedOn'], 'INVALID'],
      [{ officerName: '  ' }, ['input', 'officerName'], 'REQUIRED'],
      [{ regionCode: '370703' }, ['input', 'regionCode'], 'INVALID'],
      [{ membersAbleToWork: 4 }, ['input', 'membersAbleToWork'], 'INVALID'],
    ];
    for (const [change, field, code] of cases) {
      const { data } = await gql<any>(running.url, SUBMIT, { input: form(change) });
      expect(data.submitDibaoApplication.dibaoApplication).toBeNull();
      expect(data.submitDibaoApplication.userErrors).toEqual([expect.objectContaining({ field, code })]);
    }
    expect(await tableCounts(database.url)).toEqual(before);
  });

  it('goes from submission to enrolment, one recorded step at a time, after seven days of publicity', async () => {
    const submitted = (await gql<any>(running.url, SUBMIT, { input: form() })).data.submitDibaoApplication;
    expect(submitted.userErrors).toEqual([]);
    const app = submitted.dibaoApplication;
    // 300 元 over 3 persons = 100 元; (209 − 100) × 3 = 327 元.
    expect(app).toEqual(expect.objectContaining({ stage: 'SUBMITTED', perCapitaIncome: '100.00', proposedMonthlySubsidy: '327.00', version: 0 }));
    const second = (await gql<any>(running.url, SUBMIT, { input: form() })).data.submitDibaoApplication;
    expect(second.userErrors).toEqual([expect.objectContaining({ field: ['input', 'householdId'], code: 'DUPLICATE' })]);

    const skip = await step(app.id, 'APPRAISED', '2026-11-03');
    expect(skip.userErrors).toEqual([expect.objectContaining({ field: ['input', 'stage'], code: 'INVALID_TRANSITION' })]);
    expect((await step(app.id, 'HOME_VISITED', '2026-11-03', { note: '入户调查属实' })).userErrors).toEqual([]);
    const stale = await step(app.id, 'APPRAISED', '2026-11-05', { expectedVersion: 0 });
    expect(stale.userErrors).toEqual([expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' })]);
    expect((await step(app.id, 'APPRAISED', '2026-11-05', { expectedVersion: 1 })).userErrors).toEqual([]);
    expect((await step(app.id, 'REVIEWED', '2026-11-06')).userErrors).toEqual([]);
    // The form declared no category facts: the officer must set the category.
    expect((await step(app.id, 'APPROVED', '2026-11-08')).userErrors).toEqual([expect.objectContaining({ field: ['input', 'category'], code: 'REQUIRED' })]);
    expect((await step(app.id, 'APPROVED', '2026-11-08', { category: 'B' })).userErrors).toEqual([]);
    const publicized = await step(app.id, 'PUBLICIZED', '2026-11-10');
    expect(publicized.dibaoApplication).toEqual(expect.objectContaining({ stage: 'PUBLICIZED', publicityStartedOn: '2026-11-10', enrolmentAllowedFrom: '2026-11-17' }));
    const early = await step(app.id, 'ENROLLED', '2026-11-16');
    expect(early.userErrors).toEqual([expect.objectContaining({ field: ['input', 'date'], code: 'RULE_VIOLATION' })]);
    const enrolled = await step(app.id, 'ENROLLED', '2026-11-17');
    expect(enrolled.userErrors).toEqual([]);
    expect(enrolled.dibaoApplication.enrolment).toEqual({
      programme: 'URBAN_DIBAO', category: 'B', memberCount: 3, monthlyAmount: '327.00', perCapitaIncome: '100.00', startDate: '2026-11-17', status: 'ACTIVE', reviewDue: '2027-11-17',
    });
    expect(enrolled.dibaoApplication.steps.map((s: any) => s.stage)).toEqual(['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REVIEWED', 'APPROVED', 'PUBLICIZED', 'ENROLLED']);
    expect(enrolled.dibaoApplication.steps[1]).toEqual({ stage: 'HOME_VISITED', officerName: '李明', date: '2026-11-03', note: '入户调查属实' });
    expect((await step(app.id, 'ENROLLED', '2026-11-20')).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);

    const household = await gql<any>(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Household { receivesDibao dibaoApplications { id stage } } } }`, {
      r: [{ __typename: 'Household', id: HOUSEHOLD }],
    });
    expect(household.data._entities[0]).toEqual({ receivesDibao: true, dibaoApplications: [{ id: app.id, stage: 'ENROLLED' }] });
    // An enrolled household does not apply again.
    expect((await gql<any>(running.url, SUBMIT, { input: form() })).data.submitDibaoApplication.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION' })]);
  });

  it('refuses approval of a household holding an officer\'s near relative until a filing exists', async () => {
    const other = fixtureId(11, 2);
    const [a, b] = [fixtureId(13, 1), fixtureId(13, 2)];
    const officer = (await gql<any>(running.url, OFFICER, { input: { name: '赵强', regionCode: '370703001', relatives: [{ personId: b, relation: '兄弟姐妹' }] } })).data.registerReliefOfficer;
    expect(officer.reliefOfficer.relatives).toEqual([{ relation: '兄弟姐妹', person: { id: b } }]);
    const app = (await gql<any>(running.url, SUBMIT, { input: form({ householdId: other, applicantId: a, memberIds: [a, b], declaredMonthlyIncome: '0.00', membersAbleToWork: 0, vulnerableMembers: 2 }) })).data
      .submitDibaoApplication.dibaoApplication;
    expect(app.suggestedCategory).toBe('A');
    expect(app.conflictOfInterest).toEqual({ relatedPersons: [{ id: b }], approvalBlocked: true, filing: null });
    for (const [stage, date] of [['HOME_VISITED', '2026-11-02'], ['APPRAISED', '2026-11-03'], ['REVIEWED', '2026-11-04']]) expect((await step(app.id, stage!, date!)).userErrors).toEqual([]);
    const before = await tableCounts(database.url);
    const refused = await step(app.id, 'APPROVED', '2026-11-05', { category: 'A' });
    expect(refused).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ field: ['input', 'applicationId'], code: 'RULE_VIOLATION' })] });
    expect(await tableCounts(database.url)).toEqual(before);

    const outsider = await gql<any>(running.url, FILE, { input: { applicationId: app.id, relatedPersonIds: [HEAD], filedBy: '王芳', filedOn: '2026-11-05', note: '经办人员之兄' } });
    expect(outsider.data.fileConflictOfInterest.userErrors).toEqual([expect.objectContaining({ field: ['input', 'relatedPersonIds'], code: 'INVALID' })]);
    const filed = await gql<any>(running.url, FILE, { input: { applicationId: app.id, relatedPersonIds: [b], filedBy: '王芳', filedOn: '2026-11-05', note: '经办人员赵强之兄, 已报区民政局备案' } });
    expect(filed.data.fileConflictOfInterest.userErrors).toEqual([]);
    // No category given: the suggested one (A: nobody able to work, no income) is taken.
    const approved = await step(app.id, 'APPROVED', '2026-11-05');
    expect(approved.userErrors).toEqual([]);
    expect(approved.dibaoApplication.category).toBe('A');
    expect(approved.dibaoApplication.conflictOfInterest).toEqual({ relatedPersons: [{ id: b }], approvalBlocked: false, filing: { filedBy: '王芳', relatedPersons: [{ id: b }] } });
    // Rejection needs a reason and ends the workflow.
    const noReason = await gql<any>(running.url, REJECT, { input: { applicationId: app.id, officerName: '李明', date: '2026-11-06', reason: '' } });
    expect(noReason.data.rejectDibaoApplication.userErrors).toEqual([expect.objectContaining({ field: ['input', 'reason'], code: 'REQUIRED' })]);
    const rejected = await gql<any>(running.url, REJECT, { input: { applicationId: app.id, officerName: '李明', date: '2026-11-06', reason: '公示期间群众反映有经营收入, 经核实属实' } });
    expect(rejected.data.rejectDibaoApplication.dibaoApplication).toEqual(expect.objectContaining({ stage: 'REJECTED', rejectionReason: '公示期间群众反映有经营收入, 经核实属实' }));
    expect((await step(app.id, 'PUBLICIZED', '2026-11-07')).userErrors).toEqual([expect.objectContaining({ code: 'INVALID_TRANSITION' })]);
  });

  it("refuses approval of a household holding a community cadre's near relative until a filing exists, and while community cannot answer", async () => {
    const household = fixtureId(11, 11);
    const [a, b] = [fixtureId(17, 1), fixtureId(17, 2)];
    cadreSet.add(b);
    const app = (await gql<any>(running.url, SUBMIT, { input: form({ householdId: household, applicantId: a, memberIds: [a, b], declaredMonthlyIncome: '0.00', membersAbleToWork: 0, vulnerableMembers: 2 }) })).data
      .submitDibaoApplication.dibaoApplication;
    for (const [stage, date] of [['HOME_VISITED', '2026-11-02'], ['APPRAISED', '2026-11-03'], ['REVIEWED', '2026-11-04']]) expect((await step(app.id, stage!, date!)).userErrors).toEqual([]);
    const before = await tableCounts(database.url);
    const refused = await step(app.id, 'APPROVED', '2026-11-05', { category: 'A' });
    expect(refused).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ field: ['input', 'applicationId'], code: 'RULE_VIOLATION' })] });
    expect(await tableCounts(database.url)).toEqual(before);
    const filed = await gql<any>(running.url, FILE, { input: { applicationId: app.id, relatedPersonIds: [b], filedBy: '王芳', filedOn: '2026-11-05', note: '社区干部近亲属, 已报街道备案' } });
    expect(filed.data.fileConflictOfInterest.userErrors).toEqual([]);
    // No answer from community: no approval, even with a filing (the rule is never skipped), nothing written.
    communityDown = true;
    const unchecked = await step(app.id, 'APPROVED', '2026-11-05', { category: 'A' });
    communityDown = false;
    expect(unchecked.userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION', message: expect.stringContaining('cannot be checked') })]);
    const approved = await step(app.id, 'APPROVED', '2026-11-05', { category: 'A' });
    expect(approved.userErrors).toEqual([]);
    expect(approved.dibaoApplication.stage).toBe('APPROVED');
  });

  it('lets only one of two simultaneous applications for a household through', async () => {
    const household = fixtureId(11, 9);
    const input = form({ householdId: household, applicantId: fixtureId(15, 1), memberIds: [fixtureId(15, 1)] });
    const answers = await Promise.all([1, 2, 3].map(() => gql<any>(running.url, SUBMIT, { input })));
    const results = answers.map((a) => a.data.submitDibaoApplication);
    expect(answers.every((a) => a.errors === undefined)).toBe(true);
    expect(results.filter((r) => r.dibaoApplication)).toHaveLength(1);
    for (const refused of results.filter((r) => !r.dibaoApplication)) expect(['DUPLICATE', 'CONFLICT']).toContain(refused.userErrors[0].code);
    const rows = await query(database.url, 'SELECT id FROM civil_affairs.dibao_application WHERE household_id = $1', [household]);
    expect(rows).toHaveLength(1);
    const steps = await query(database.url, 'SELECT s.id FROM civil_affairs.application_step s JOIN civil_affairs.dibao_application a ON a.id = s.application_id WHERE a.household_id = $1', [household]);
    expect(steps).toHaveLength(1);
  });

  it('lets one of two officers acting on the same application at once succeed; the other gets CONFLICT', async () => {
    const household = fixtureId(11, 10);
    const input = form({ householdId: household, applicantId: fixtureId(16, 1), memberIds: [fixtureId(16, 1)] });
    const app = (await gql<any>(running.url, SUBMIT, { input })).data.submitDibaoApplication.dibaoApplication;
    // Both read version 0 and act at the same moment: one records the home visit, the other a rejection.
    const [visit, reject] = await Promise.all([
      gql<any>(running.url, ADVANCE, { input: { applicationId: app.id, stage: 'HOME_VISITED', date: '2026-11-03', officerName: '李明', expectedVersion: 0 } }),
      gql<any>(running.url, REJECT, { input: { applicationId: app.id, date: '2026-11-03', officerName: '赵强', reason: '收入不符', expectedVersion: 0 } }),
    ]);
    const answers = [visit.data.advanceDibaoApplication, reject.data.rejectDibaoApplication];
    expect(answers.filter((a) => a.userErrors.length === 0)).toHaveLength(1);
    expect(answers.filter((a) => a.userErrors.length > 0).map((a) => a.userErrors[0].code)).toEqual(['CONFLICT']);
    const steps = await query<{ stage: string }>(database.url, 'SELECT stage FROM civil_affairs.application_step WHERE application_id = $1 ORDER BY stage', [app.id]);
    expect(steps).toHaveLength(2);
  });

  it('refuses approval when the per-capita income is not below the standard', async () => {
    const rich = (await gql<any>(running.url, SUBMIT, { input: form({ householdId: fixtureId(11, 3), applicantId: fixtureId(14, 1), memberIds: [fixtureId(14, 1)], declaredMonthlyIncome: '209.00' }) })).data
      .submitDibaoApplication.dibaoApplication;
    expect(rich.proposedMonthlySubsidy).toBe('0.00');
    for (const [stage, date] of [['HOME_VISITED', '2026-11-02'], ['APPRAISED', '2026-11-03'], ['REVIEWED', '2026-11-04']]) await step(rich.id, stage!, date!);
    expect((await step(rich.id, 'APPROVED', '2026-11-05', { category: 'C' })).userErrors).toEqual([expect.objectContaining({ code: 'RULE_VIOLATION' })]);
  });

  it('reviews an enrolment each year and ends it when the income reaches the standard', async () => {
    const [row] = await query<{ id: string }>(database.url, `SELECT id FROM civil_affairs.enrolment WHERE household_id = $1`, [HOUSEHOLD]);
    const REVIEW = `mutation ($input: RecordEnrolmentReviewInput!) { recordEnrolmentReview(input: $input) { assistanceEnrolment { monthlyAmount memberCount lastReviewedOn reviewDue status terminationReason } userErrors { field code } } }`;
    const early = await gql<any>(running.url, REVIEW, { input: { enrolmentId: row!.id, reviewedOn: '2026-11-10', perCapitaIncome: '150.00' } });
    expect(early.data.recordEnrolmentReview.userErrors).toEqual([{ field: ['input', 'reviewedOn'], code: 'INVALID' }]);
    const lower = await gql<any>(running.url, REVIEW, { input: { enrolmentId: row!.id, reviewedOn: '2026-11-28', perCapitaIncome: '150.00', memberCount: 2 } });
    expect(lower.data.recordEnrolmentReview.assistanceEnrolment).toEqual({ monthlyAmount: '118.00', memberCount: 2, lastReviewedOn: '2026-11-28', reviewDue: '2027-11-28', status: 'ACTIVE', terminationReason: null });
    const above = await gql<any>(running.url, REVIEW, { input: { enrolmentId: row!.id, reviewedOn: '2026-11-29', perCapitaIncome: '260.00' } });
    expect(above.data.recordEnrolmentReview.assistanceEnrolment).toEqual(expect.objectContaining({ status: 'ENDED', terminationReason: 'INCOME_ABOVE_STANDARD', reviewDue: null }));
  });
});
