/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { fixtureId, gql, loadSeedStandards, tableCounts } from './support';

const TODAY = '2026-11-29';
const COMMUNITY = '370703001001';
const HOUSEHOLD = fixtureId(21, 1);
const [HEAD, SPOUSE] = [fixtureId(22, 1), fixtureId(22, 2)];
const ELDER = fixtureId(22, 3);
const ERRORS = 'userErrors { field code message }';
const APPLICATION = `dibaoApplication { id stage version perCapitaIncome proposedMonthlySubsidy steps { stage officerName date note } } ${ERRORS}`;
const ENROLMENT = `assistanceEnrolment { id programme monthlyAmount status startDate endDate terminationReason } ${ERRORS}`;
const PAYROLL = `payrollRun { period regionCode paymentsCreated amount paymentsInPeriod amountInPeriod } ${ERRORS}`;
const DEATH = `deathRecord { id dateOfDeath funeralType funeralDate } affectedEnrolments { id programme memberCount monthlyAmount endDate status terminationReason }
  paymentsToRecover { period amount } ${ERRORS}`;
const GRANT = `temporaryAssistanceGrant { id cash inKind inKindValue reason grantedOn } ${ERRORS}`;
const CONDOLENCE = `condolence { id occasion cash vouchers inKind inKindValue visitedOn } ${ERRORS}`;

const form = (change: Record<string, unknown> = {}) => ({
  programme: 'URBAN_DIBAO',
  householdId: HOUSEHOLD,
  applicantId: HEAD,
  memberIds: [HEAD, SPOUSE],
  regionCode: COMMUNITY,
  declaredMonthlyIncome: '200.00',
  declaredAssets: '3000.00',
  submittedOn: '2026-11-02',
  officerName: '王芳',
  ...change,
});
const grant = (change: Record<string, unknown> = {}) => ({ householdId: fixtureId(21, 9), regionCode: COMMUNITY, grantedOn: '2026-11-20', reason: 'DISASTER', cash: '500.00', ...change });

/** The tables whose row counts changed, with the change. */
function growth(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).flatMap((table) => (after[table] !== before[table] ? [[table, after[table]! - (before[table] ?? 0)]] : [])));
}

describe('idempotency keys on civil-affairs mutations', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const inputType = (mutation: string) => `${mutation[0]!.toUpperCase()}${mutation.slice(1)}Input`;
  const run = async (mutation: string, selection: string, input: Record<string, unknown>) => {
    const answer = await gql<any>(running.url, `mutation ($input: ${inputType(mutation)}!) { ${mutation}(input: $input) { ${selection} } }`, { input });
    expect(answer.errors).toBeUndefined();
    return answer.data[mutation];
  };
  const counts = () => tableCounts(database.url);

  beforeAll(async () => {
    database = await createTestDatabase('civil_idempotency', ['civil-affairs']);
    await loadSeedStandards(database.url);
    running = await start({ port: 0, databaseUrl: database.url, today: TODAY });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('refuses an empty key or one over 200 characters and writes nothing', async () => {
    const before = await counts();
    for (const idempotencyKey of ['', 'k'.repeat(201)]) {
      const answer = await run('submitDibaoApplication', APPLICATION, form({ idempotencyKey }));
      expect(answer).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'INVALID' })] });
    }
    expect(await counts()).toEqual(before);
  });

  it('submitDibaoApplication: the same key twice writes one application and answers the same both times', async () => {
    const before = await counts();
    const first = await run('submitDibaoApplication', APPLICATION, form({ idempotencyKey: 'submit-1' }));
    expect(first.userErrors).toEqual([]);
    expect(first.dibaoApplication).toEqual(expect.objectContaining({ stage: 'SUBMITTED', version: 0, perCapitaIncome: '100.00', proposedMonthlySubsidy: '218.00' }));
    const afterFirst = await counts();
    expect(growth(before, afterFirst)).toEqual({ dibao_application: 1, application_step: 1, idempotency_key: 1 });
    // A retry (an explicit null reads as an omitted optional field) replays the first answer.
    const again = await run('submitDibaoApplication', APPLICATION, form({ idempotencyKey: 'submit-1', membersAbleToWork: null }));
    expect(again).toEqual(first);
    expect(await counts()).toEqual(afterFirst);
    // The longest key allowed works too.
    const long = 'k'.repeat(200);
    const other = await run('submitDibaoApplication', APPLICATION, form({ householdId: fixtureId(21, 2), applicantId: fixtureId(22, 9), memberIds: [fixtureId(22, 9)], idempotencyKey: long }));
    expect(other.userErrors).toEqual([]);
    expect(await run('submitDibaoApplication', APPLICATION, form({ householdId: fixtureId(21, 2), applicantId: fixtureId(22, 9), memberIds: [fixtureId(22, 9)], idempotencyKey: long }))).toEqual(other);
  });

  it('refuses the same key with different input as a CONFLICT and writes nothing', async () => {
    const before = await counts();
    const reused = await run('submitDibaoApplication', APPLICATION, form({ idempotencyKey: 'submit-1', declaredMonthlyIncome: '150.00' }));
    expect(reused).toEqual({
      dibaoApplication: null,
      userErrors: [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: expect.stringContaining('different input') }],
    });
    expect(await counts()).toEqual(before);
    // Keys are per mutation: the same string on another mutation is a new key.
    const granted = await run('grantTemporaryAssistance', GRANT, grant({ idempotencyKey: 'submit-1' }));
    expect(granted.userErrors).toEqual([]);
    expect(growth(before, await counts())).toEqual({ temporary_assistance: 1, idempotency_key: 1 });
  });

  it('without a key behaviour is unchanged: a repeated submission is a DUPLICATE, a repeated grant a second grant', async () => {
    const before = await counts();
    const repeated = await run('submitDibaoApplication', APPLICATION, form());
    expect(repeated).toEqual({ dibaoApplication: null, userErrors: [expect.objectContaining({ field: ['input', 'householdId'], code: 'DUPLICATE' })] });
    const a = await run('grantTemporaryAssistance', GRANT, grant({ cash: '80.00' }));
    const b = await run('grantTemporaryAssistance', GRANT, grant({ cash: '80.00' }));
    expect(a.temporaryAssistanceGrant.id).not.toBe(b.temporaryAssistanceGrant.id);
    expect(growth(before, await counts())).toEqual({ temporary_assistance: 2 });
  });

  it('advanceDibaoApplication: a repeated step replays instead of failing; a refused step leaves its key unused', async () => {
    const app = (await run('submitDibaoApplication', APPLICATION, form({ householdId: fixtureId(21, 3), applicantId: fixtureId(22, 5), memberIds: [fixtureId(22, 5)] }))).dibaoApplication;
    const visit = { applicationId: app.id, stage: 'HOME_VISITED', date: '2026-11-05', officerName: '李明', note: '入户核查', expectedVersion: 0, idempotencyKey: 'visit-1' };
    const before = await counts();
    const first = await run('advanceDibaoApplication', APPLICATION, visit);
    expect(first.dibaoApplication).toEqual(expect.objectContaining({ stage: 'HOME_VISITED', version: 1 }));
    const again = await run('advanceDibaoApplication', APPLICATION, visit);
    expect(again).toEqual(first);
    expect(growth(before, await counts())).toEqual({ application_step: 1, idempotency_key: 1 });
    // Without a key the same step again is refused, as before.
    const { idempotencyKey: _key, ...unkeyed } = visit;
    expect((await run('advanceDibaoApplication', APPLICATION, unkeyed)).userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);

    // A step refused with a userError rolls its key back: the corrected request may use it.
    const skip = await run('advanceDibaoApplication', APPLICATION, { applicationId: app.id, stage: 'REVIEWED', date: '2026-11-06', officerName: '李明', idempotencyKey: 'appraise-1' });
    expect(skip.userErrors).toEqual([expect.objectContaining({ field: ['input', 'stage'], code: 'INVALID_TRANSITION' })]);
    const appraised = await run('advanceDibaoApplication', APPLICATION, { applicationId: app.id, stage: 'APPRAISED', date: '2026-11-06', officerName: '李明', idempotencyKey: 'appraise-1' });
    expect(appraised.userErrors).toEqual([]);
    expect(appraised.dibaoApplication.stage).toBe('APPRAISED');
    const rejected = await run('rejectDibaoApplication', APPLICATION, { applicationId: app.id, date: '2026-11-07', officerName: '李明', reason: '收入超标', idempotencyKey: 'reject-1' });
    expect(await run('rejectDibaoApplication', APPLICATION, { applicationId: app.id, date: '2026-11-07', officerName: '李明', reason: '收入超标', idempotencyKey: 'reject-1' })).toEqual(rejected);
    expect(rejected.dibaoApplication.steps.map((s: any) => s.stage)).toEqual(['SUBMITTED', 'HOME_VISITED', 'APPRAISED', 'REJECTED']);
  });

  it('enrolment, payroll and a death replay their first results', async () => {
    const enrol = { programme: 'TEKUN_DISPERSED', personId: ELDER, householdId: fixtureId(21, 4), regionCode: COMMUNITY, startDate: '2026-09-01', idempotencyKey: 'enrol-elder' };
    const enrolled = await run('enrolBeneficiary', ENROLMENT, enrol);
    expect(enrolled.assistanceEnrolment).toEqual(expect.objectContaining({ programme: 'TEKUN_DISPERSED', monthlyAmount: '91.67', status: 'ACTIVE' }));
    expect(await run('enrolBeneficiary', ENROLMENT, enrol)).toEqual(enrolled);
    expect(await query(database.url, 'SELECT id FROM civil_affairs.enrolment WHERE person_id = $1', [ELDER])).toHaveLength(1);

    const before = await counts();
    const payroll = { period: '2026-10', regionCode: '370703', idempotencyKey: 'payroll-2026-10' };
    const paid = await run('runMonthlyPayroll', PAYROLL, payroll);
    expect(paid).toEqual({ payrollRun: { period: '2026-10', regionCode: '370703', paymentsCreated: 1, amount: '91.67', paymentsInPeriod: 1, amountInPeriod: '91.67' }, userErrors: [] });
    // The replay answers the first run (1 payment created), not a new empty run.
    expect(await run('runMonthlyPayroll', PAYROLL, payroll)).toEqual(paid);
    expect(growth(before, await counts())).toEqual({ payment: 1, payroll_run: 1, idempotency_key: 1 });
    expect((await run('runMonthlyPayroll', PAYROLL, { ...payroll, regionCode: '370703001' })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })]);
    // Without a key a second run is recorded, creating nothing, as before.
    expect((await run('runMonthlyPayroll', PAYROLL, { period: '2026-10', regionCode: '370703' })).payrollRun).toEqual(expect.objectContaining({ paymentsCreated: 0, paymentsInPeriod: 1 }));

    const death = { personId: ELDER, regionCode: COMMUNITY, dateOfDeath: '2026-09-25', funeralType: 'CREMATED', funeralDate: '2026-09-28', idempotencyKey: 'death-elder' };
    const recorded = await run('recordDeath', DEATH, death);
    expect(recorded.userErrors).toEqual([]);
    expect(recorded.affectedEnrolments).toEqual([expect.objectContaining({ id: enrolled.assistanceEnrolment.id, endDate: '2026-09-25', terminationReason: 'DECEASED' })]);
    expect(recorded.paymentsToRecover).toEqual([{ period: '2026-10', amount: '91.67' }]);
    const afterDeath = await counts();
    expect(await run('recordDeath', DEATH, death)).toEqual(recorded);
    expect(await counts()).toEqual(afterDeath);
    // Without the key the same death is a DUPLICATE, as before.
    const { idempotencyKey: _key, ...unkeyed } = death;
    expect((await run('recordDeath', DEATH, unkeyed)).userErrors).toEqual([expect.objectContaining({ field: ['input', 'personId'], code: 'DUPLICATE' })]);
  });

  it('concurrent requests with the same key write once and all get the same answer', async () => {
    const before = await counts();
    const visit = { householdId: fixtureId(21, 5), regionCode: COMMUNITY, occasion: 'NEW_YEAR_SPRING_FESTIVAL', visitedOn: '2026-01-20', cash: '300.00', vouchers: '0.00', idempotencyKey: 'visit-2026' };
    const visits = await Promise.all(Array.from({ length: 6 }, () => run('recordCondolence', CONDOLENCE, visit)));
    expect(visits[0].userErrors).toEqual([]);
    for (const answer of visits) expect(answer).toEqual(visits[0]);

    const household = fixtureId(21, 6);
    const applicant = fixtureId(22, 6);
    const submissions = await Promise.all(
      Array.from({ length: 6 }, () => run('submitDibaoApplication', APPLICATION, form({ householdId: household, applicantId: applicant, memberIds: [applicant], idempotencyKey: 'submit-race' }))),
    );
    expect(submissions[0].userErrors).toEqual([]);
    for (const answer of submissions) expect(answer).toEqual(submissions[0]);
    expect(growth(before, await counts())).toEqual({ condolence: 1, dibao_application: 1, application_step: 1, idempotency_key: 2 });

    // Racing with one key and different inputs: one is written, every other is told the key is taken.
    const grants = await Promise.all(['10.00', '20.00', '30.00', '40.00'].map((cash) => run('grantTemporaryAssistance', GRANT, grant({ cash, idempotencyKey: 'grant-race' }))));
    expect(grants.filter((g) => g.temporaryAssistanceGrant)).toHaveLength(1);
    for (const g of grants.filter((x) => !x.temporaryAssistanceGrant)) expect(g.userErrors).toEqual([expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })]);
    expect(growth(before, await counts())).toEqual({ condolence: 1, dibao_application: 1, application_step: 1, temporary_assistance: 1, idempotency_key: 3 });
  });
});
