/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers and raw rows are untyped JSON here. */
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { fixtureId, gql, loadSeedStandards, tableCounts } from './support';

const TODAY = '2026-11-29';
const COMMUNITY = '370703001001';
const HOUSEHOLD = fixtureId(1, 1);
const HOUSEHOLD_2 = fixtureId(1, 2);
const APPLICANT = fixtureId(2, 1);
const ELDER = fixtureId(2, 2);
const DISABLED = fixtureId(2, 3);
const WIDOW = fixtureId(2, 4);
const DIBAO = fixtureId(3, 1);
const DIBAO_2 = fixtureId(3, 2);

const PAYROLL = `mutation ($input: RunMonthlyPayrollInput!) { runMonthlyPayroll(input: $input) {
  payrollRun { period regionCode paymentsCreated amount paymentsInPeriod amountInPeriod } userErrors { field code message } } }`;
const ENROL = `mutation ($input: EnrolBeneficiaryInput!) { enrolBeneficiary(input: $input) {
  assistanceEnrolment { id programme monthlyAmount status } userErrors { field code message } } }`;
const DEATH = `mutation ($input: RecordDeathInput!) { recordDeath(input: $input) {
  deathRecord { id dateOfDeath funeralType person { id } } affectedEnrolments { id programme memberCount monthlyAmount endDate status terminationReason }
  userErrors { field code message } } }`;

describe('enrolments, payroll and death', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const payments = (period: string) => query<{ enrolment_id: string; amount_fen: string; id: string }>(database.url, 'SELECT id, enrolment_id, amount_fen FROM civil_affairs.payment WHERE period = $1 ORDER BY enrolment_id', [period]);

  beforeAll(async () => {
    database = await createTestDatabase('civil_payroll', ['civil-affairs']);
    await loadSeedStandards(database.url);
    // Two urban dibao households (per-capita income 109 and 9 元): subsidies (209 − 109) × 2 and (209 − 9) × 2.
    await query(
      database.url,
      `INSERT INTO civil_affairs.enrolment (id, programme, household_id, person_id, region_code, category, member_count, monthly_amount_fen, per_capita_income_fen, start_date)
       VALUES ($1, 'URBAN_DIBAO', $2, $3, $4, 'C', 2, 20000, 10900, '2025-03-15'), ($5, 'URBAN_DIBAO', $6, $7, $4, 'A', 2, 40000, 900, '2026-10-20')`,
      [DIBAO, HOUSEHOLD, APPLICANT, COMMUNITY, DIBAO_2, HOUSEHOLD_2, WIDOW],
    );
    await query(
      database.url,
      `INSERT INTO civil_affairs.disability_record (id, person_id, region_code, category, grade, certificate_number, issued_date)
       VALUES ($1, $2, $3, 'PHYSICAL', 2, '3707031980010112344' || '42', '2015-05-05')`,
      [fixtureId(4, 1), DISABLED, COMMUNITY],
    );
    running = await start({ port: 0, databaseUrl: database.url, today: TODAY });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('refuses bad enrolments and writes nothing', async () => {
    const before = await tableCounts(database.url);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ programme: 'URBAN_DIBAO' }, 'programme', 'INVALID'],
      [{ personId: 'nope' }, 'personId', 'INVALID'],
      [{ regionCode: '370703001' }, 'regionCode', 'INVALID'],
      [{ startDate: '2026-12-01' }, 'startDate', 'INVALID'],
      [{ programme: 'SEVERE_DISABILITY_SUBSIDY' }, 'personId', 'RULE_VIOLATION'],
      [{ programme: 'MENTAL_DISABILITY_MEDICATION', personId: DISABLED }, 'personId', 'RULE_VIOLATION'],
    ];
    for (const [change, field, code] of cases) {
      const input = { programme: 'TEKUN_DISPERSED', personId: ELDER, householdId: fixtureId(1, 3), regionCode: COMMUNITY, startDate: '2026-01-01', ...change };
      const { data } = await gql<{ enrolBeneficiary: { assistanceEnrolment: null; userErrors: { field: string[]; code: string }[] } }>(running.url, ENROL, { input });
      expect(data.enrolBeneficiary.assistanceEnrolment).toBeNull();
      expect(data.enrolBeneficiary.userErrors).toEqual([expect.objectContaining({ field: ['input', field], code })]);
    }
    expect(await tableCounts(database.url)).toEqual(before);
  });

  it('enrols personal programmes at the standard in force and refuses a second 特困 enrolment', async () => {
    const elder = await gql<any>(running.url, ENROL, {
      input: { programme: 'TEKUN_DISPERSED', personId: ELDER, householdId: fixtureId(1, 3), regionCode: COMMUNITY, startDate: '2026-01-01' },
    });
    expect(elder.data.enrolBeneficiary).toEqual({ assistanceEnrolment: expect.objectContaining({ programme: 'TEKUN_DISPERSED', monthlyAmount: '91.67', status: 'ACTIVE' }), userErrors: [] });
    const disabled = await gql<any>(running.url, ENROL, {
      input: { programme: 'SEVERE_DISABILITY_SUBSIDY', personId: DISABLED, householdId: HOUSEHOLD, regionCode: COMMUNITY, startDate: '2026-02-01' },
    });
    expect(disabled.data.enrolBeneficiary.assistanceEnrolment).toEqual(expect.objectContaining({ monthlyAmount: '100.00' }));
    const again = await gql<any>(running.url, ENROL, {
      input: { programme: 'TEKUN_CENTRALISED', personId: ELDER, householdId: fixtureId(1, 3), regionCode: COMMUNITY, startDate: '2026-03-01' },
    });
    expect(again.data.enrolBeneficiary.userErrors).toEqual([expect.objectContaining({ field: ['input', 'programme'], code: 'RULE_VIOLATION' })]);
  });

  it('pays each enrolment once per month: a second run creates nothing', async () => {
    const first = await gql<any>(running.url, PAYROLL, { input: { period: '2026-10', regionCode: '370703' } });
    expect(first.data.runMonthlyPayroll.userErrors).toEqual([]);
    // Dibao 200 + 400, 特困 1,100/12 = 91.67, grade-2 subsidy 100.
    expect(first.data.runMonthlyPayroll.payrollRun).toEqual({
      period: '2026-10', regionCode: '370703', paymentsCreated: 4, amount: '791.67', paymentsInPeriod: 4, amountInPeriod: '791.67',
    });
    const paid = await payments('2026-10');
    const second = await gql<any>(running.url, PAYROLL, { input: { period: '2026-10', regionCode: '370703001' } });
    expect(second.data.runMonthlyPayroll.payrollRun).toEqual(expect.objectContaining({ paymentsCreated: 0, amount: '0.00', paymentsInPeriod: 4, amountInPeriod: '791.67' }));
    expect(await payments('2026-10')).toEqual(paid);
    expect(paid.map((p) => Number(p.amount_fen)).sort((a, b) => a - b)).toEqual([9167, 10000, 20000, 40000]);
  });

  it('pays nobody twice when runs for overlapping regions race', async () => {
    const runs = await Promise.all(['370703', '370703001', COMMUNITY, '370703'].map((regionCode) => gql<any>(running.url, PAYROLL, { input: { period: '2026-09', regionCode } })));
    const paid = await payments('2026-09');
    expect(new Set(paid.map((p) => p.enrolment_id)).size).toBe(paid.length);
    // September: the first dibao household, the 特困 elder and the disabled person (the second household starts in October).
    expect(paid).toHaveLength(3);
    const created = runs.map((r) => r.data.runMonthlyPayroll).filter((r) => r.payrollRun).reduce((sum, r) => sum + r.payrollRun.paymentsCreated, 0);
    expect(created).toBe(3);
    for (const r of runs.map((x) => x.data.runMonthlyPayroll).filter((x) => !x.payrollRun)) expect(r.userErrors).toEqual([expect.objectContaining({ code: 'CONFLICT' })]);
  });

  it('follows a new standard from its first month', async () => {
    const raise = await gql<any>(
      running.url,
      `mutation ($input: SetAssistanceStandardInput!) { setAssistanceStandard(input: $input) { assistanceStandard { monthlyAmount effectiveFrom } userErrors { code } } }`,
      { input: { programme: 'URBAN_DIBAO', regionCode: '370703', effectiveFrom: '2026-11-01', amount: '230.00', period: 'MONTH' } },
    );
    expect(raise.data.setAssistanceStandard).toEqual({ assistanceStandard: { monthlyAmount: '230.00', effectiveFrom: '2026-11-01' }, userErrors: [] });
    const inForce = await gql<any>(running.url, `{ oct: assistanceStandardInForce(programme: URBAN_DIBAO, regionCode: "370703001001", on: "2026-10-31") { amount } nov: assistanceStandardInForce(programme: URBAN_DIBAO, regionCode: "370703001001") { amount } other: assistanceStandardInForce(programme: URBAN_DIBAO, regionCode: "370702001001") { amount } }`);
    expect(inForce.data).toEqual({ oct: { amount: '209.00' }, nov: { amount: '230.00' }, other: { amount: '209.00' } });
    await gql(running.url, PAYROLL, { input: { period: '2026-11', regionCode: COMMUNITY } });
    const november = new Map((await payments('2026-11')).map((p) => [p.enrolment_id, Number(p.amount_fen)]));
    expect(november.get(DIBAO)).toBe((23000 - 10900) * 2);
    expect(november.get(DIBAO_2)).toBe((23000 - 900) * 2);
    // The current month's run updates the amounts the enrolments show.
    const shown = await gql<any>(running.url, `query ($id: ID!) { assistanceEnrolment(id: $id) { monthlyAmount } }`, { id: DIBAO });
    expect(shown.data.assistanceEnrolment).toEqual({ monthlyAmount: '242.00' });
  });

  it('ends the enrolments of a person who died from the day after and pays them no later month', async () => {
    const before = await tableCounts(database.url);
    const future = await gql<any>(running.url, DEATH, { input: { personId: ELDER, regionCode: COMMUNITY, dateOfDeath: '2026-11-30', funeralType: 'CREMATED' } });
    expect(future.data.recordDeath.userErrors).toEqual([expect.objectContaining({ field: ['input', 'dateOfDeath'], code: 'INVALID' })]);
    expect(await tableCounts(database.url)).toEqual(before);

    const died = await gql<any>(running.url, DEATH, {
      input: { personId: ELDER, regionCode: COMMUNITY, dateOfDeath: '2026-11-10', funeralType: 'CREMATED', funeralDate: '2026-11-13' },
    });
    expect(died.data.recordDeath.userErrors).toEqual([]);
    expect(died.data.recordDeath.affectedEnrolments).toEqual([
      expect.objectContaining({ programme: 'TEKUN_DISPERSED', endDate: '2026-11-10', status: 'DECEASED', terminationReason: 'DECEASED' }),
    ]);
    const again = await gql<any>(running.url, DEATH, { input: { personId: ELDER, regionCode: COMMUNITY, dateOfDeath: '2026-11-10', funeralType: 'BURIED' } });
    expect(again.data.recordDeath.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE' })]);

    // The dibao applicant of a household of two dies: the household keeps its enrolment for one member.
    const applicant = await gql<any>(running.url, DEATH, { input: { personId: APPLICANT, regionCode: COMMUNITY, dateOfDeath: '2026-10-05', funeralType: 'BURIED' } });
    expect(applicant.data.recordDeath.affectedEnrolments).toEqual([expect.objectContaining({ programme: 'URBAN_DIBAO', memberCount: 1, monthlyAmount: '121.00', status: 'ACTIVE' })]);

    const person = await gql<any>(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id deceased death { dateOfDeath funeralType } assistanceEnrolments { status } } } }`, {
      r: [{ __typename: 'Person', id: ELDER }, { __typename: 'Person', id: WIDOW }],
    });
    expect(person.data._entities).toEqual([
      { id: ELDER, deceased: true, death: { dateOfDeath: '2026-11-10', funeralType: 'CREMATED' }, assistanceEnrolments: [{ status: 'DECEASED' }] },
      { id: WIDOW, deceased: false, death: null, assistanceEnrolments: [{ status: 'ACTIVE' }] },
    ]);
    // Pay November again from scratch: the month of the elder's death is paid; the disabled person,
    // dead in September, is not; the dibao household goes on for its surviving member at the new standard.
    await query(database.url, `DELETE FROM civil_affairs.payment WHERE period = '2026-11'`);
    // Recorded late: the September death of the disabled person was paid for October, which is to be recovered.
    const october = await gql<any>(running.url, `mutation ($input: RecordDeathInput!) { recordDeath(input: $input) { affectedEnrolments { programme endDate } paymentsToRecover { period amount } userErrors { code } } }`, {
      input: { personId: DISABLED, regionCode: COMMUNITY, dateOfDeath: '2026-09-20', funeralType: 'CREMATED' },
    });
    expect(october.data.recordDeath).toEqual({ affectedEnrolments: [{ programme: 'SEVERE_DISABILITY_SUBSIDY', endDate: '2026-09-20' }], paymentsToRecover: [{ period: '2026-10', amount: '100.00' }], userErrors: [] });
    const rerun = await gql<any>(running.url, PAYROLL, { input: { period: '2026-11', regionCode: COMMUNITY } });
    expect(rerun.data.runMonthlyPayroll.payrollRun.paymentsCreated).toBe(3);
    const november = new Map((await payments('2026-11')).map((p) => [p.enrolment_id, Number(p.amount_fen)]));
    expect(november.get(DIBAO)).toBe(23000 - 10900);
    expect(november.size).toBe(3);
    const paidTo = await query<{ person_id: string }>(database.url, `SELECT person_id FROM civil_affairs.payment WHERE period = '2026-11'`);
    expect(paidTo.map((p) => p.person_id)).toContain(ELDER);
    expect(paidTo.map((p) => p.person_id)).not.toContain(DISABLED);
  });

  it('refuses a payroll for a month not begun or a bad region, writing nothing', async () => {
    const before = await tableCounts(database.url);
    for (const [input, field] of [
      [{ period: '2026-12', regionCode: '370703' }, 'period'],
      [{ period: '2026-13', regionCode: '370703' }, 'period'],
      [{ period: '2026-10', regionCode: '37070' }, 'regionCode'],
    ] as const) {
      const { data } = await gql<any>(running.url, PAYROLL, { input });
      expect(data.runMonthlyPayroll).toEqual({ payrollRun: null, userErrors: [expect.objectContaining({ field: ['input', field], code: 'INVALID' })] });
    }
    expect(await tableCounts(database.url)).toEqual(before);
  });

  it('pages a household\'s payments newest month first', async () => {
    const PAGE = `query ($r: [_Any!]!, $after: String) { _entities(representations: $r) { ... on Household { assistancePayments(first: 2, after: $after) {
      totalCount edges { cursor node { period amount programme enrolment { id } } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;
    const r = [{ __typename: 'Household', id: HOUSEHOLD }];
    const first = await gql<any>(running.url, PAGE, { r });
    const page = first.data._entities[0].assistancePayments;
    expect(page.totalCount).toBe(5);
    expect(page.edges.map((e: any) => e.node.period)).toEqual(['2026-11', '2026-10']);
    expect(page.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: false }));
    const second = await gql<any>(running.url, PAGE, { r, after: page.pageInfo.endCursor });
    const next = second.data._entities[0].assistancePayments;
    expect(next.edges.map((e: any) => e.node.period)).toEqual(['2026-10', '2026-09']);
    expect(next.pageInfo).toEqual(expect.objectContaining({ hasNextPage: true, hasPreviousPage: true }));
    const last = (await gql<any>(running.url, PAGE, { r, after: next.pageInfo.endCursor })).data._entities[0].assistancePayments;
    expect(last.edges.map((e: any) => e.node.period)).toEqual(['2026-09']);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const bad = await gql<any>(running.url, PAGE, { r, after: 'garbage' });
    expect(bad.errors?.[0]?.extensions).toEqual(expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }));
  });
});
