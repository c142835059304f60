import { randomUUID } from 'node:crypto';
import { query } from '../../../test/support/database';
import { startTestSubgraph, tableSnapshot, type TestSubgraph } from './support';

// Last calendar year: every date of it is in the past whenever the tests run (mutations refuse future dates).
const YEAR = new Date().getUTCFullYear() - 1;
const day = (monthDay: string): string => `${YEAR}-${monthDay}`;

const ENROL = `mutation ($input: EnrolLabourForceMemberInput!) { enrolLabourForceMember(input: $input) {
  person { id employmentStatus { status since } } userErrors { field code message } } }`;
const APPLY_LOAN = `mutation ($input: ApplyMicroLoanInput!) { applyMicroLoan(input: $input) {
  loan { id status amount appliedOn businessName } userErrors { field code message } } }`;
const ADVANCE_LOAN = `mutation ($input: AdvanceMicroLoanInput!) { advanceMicroLoan(input: $input) {
  loan { id status approvedOn disbursedOn } userErrors { field code message } } }`;
const VISIT = `mutation ($input: RecordAssistanceVisitInput!) { recordAssistanceVisit(input: $input) {
  visit { id campaign visitedOn outcome } userErrors { field code message } } }`;

const CONFLICT = [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: 'the idempotency key was already used with different input' }];

describe('employment idempotency keys', () => {
  let hub: TestSubgraph;
  let regionCode: string;
  beforeAll(async () => {
    hub = await startTestSubgraph('employment_idempotency', 10);
    regionCode = hub.population.regions.find((r) => r.level === 'COMMUNITY')!.code;
  });
  afterAll(async () => hub?.stop());

  const count = async (table: string, where = 'TRUE', values: unknown[] = []): Promise<number> =>
    Number((await query<{ n: string }>(hub.database.url, `SELECT count(*) AS n FROM employment."${table}" WHERE ${where}`, values))[0]!.n);

  const snapshot = () => tableSnapshot(hub.database.url);

  function enrolInput(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { personId: randomUUID(), householdId: randomUUID(), regionCode, birthDate: '1985-03-02', gender: 'MALE', status: 'UNEMPLOYED', since: day('01-10'), ...extra };
  }

  async function enrol(): Promise<{ personId: string; householdId: string }> {
    const input = enrolInput();
    const data = await hub.gql(ENROL, { input });
    expect(data.enrolLabourForceMember.userErrors).toEqual([]);
    return { personId: input.personId as string, householdId: input.householdId as string };
  }

  const loanInput = (personId: string, extra: Record<string, unknown> = {}) => ({ personId, borrowerKind: 'INDIVIDUAL', businessName: '百帮家政服务社', amount: '100000.00', appliedOn: day('03-01'), ...extra });

  it('replays enrolLabourForceMember: the same key twice writes one member and answers the same', async () => {
    const input = enrolInput({ idempotencyKey: `enrol-${randomUUID()}` });
    const first = await hub.gql(ENROL, { input });
    expect(first.enrolLabourForceMember).toEqual({ person: { id: input.personId, employmentStatus: { status: 'UNEMPLOYED', since: day('01-10') } }, userErrors: [] });
    const before = await snapshot();
    const second = await hub.gql(ENROL, { input });
    // Without the key the second call would be refused as DUPLICATE; with it, the first answer comes back.
    expect(second).toEqual(first);
    expect(await snapshot()).toBe(before);
    expect(await count('labour_force_member', 'person_id = $1', [input.personId])).toBe(1);
    expect(await count('employment_status_period', 'person_id = $1', [input.personId])).toBe(1);
  });

  it('replays applyMicroLoan and advanceMicroLoan: one loan, one approval, identical payloads', async () => {
    const { personId } = await enrol();
    const applyKey = `apply-${randomUUID()}`;
    const applied = await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: applyKey }) });
    expect(applied.applyMicroLoan).toMatchObject({ loan: { status: 'APPLIED', appliedOn: day('03-01'), businessName: '百帮家政服务社' }, userErrors: [] });
    expect(await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: applyKey }) })).toEqual(applied);
    expect(await count('micro_loan', 'person_id = $1', [personId])).toBe(1);

    const loanId = applied.applyMicroLoan.loan.id;
    const approve = { loanId, action: 'APPROVE', on: day('03-10'), idempotencyKey: `approve-${randomUUID()}` };
    const approved = await hub.gql(ADVANCE_LOAN, { input: approve });
    expect(approved.advanceMicroLoan).toEqual({ loan: { id: loanId, status: 'APPROVED', approvedOn: day('03-10'), disbursedOn: null }, userErrors: [] });
    const before = await snapshot();
    // A retried approval replays instead of being refused as an invalid transition or stepping twice.
    expect(await hub.gql(ADVANCE_LOAN, { input: approve })).toEqual(approved);
    expect(await snapshot()).toBe(before);
    const [row] = await query<{ version: number; status: string }>(hub.database.url, 'SELECT version, status FROM employment.micro_loan WHERE id = $1', [loanId]);
    expect(row).toEqual({ version: 1, status: 'APPROVED' });
  });

  it('refuses a key reused with different input as CONFLICT and writes nothing', async () => {
    const { personId, householdId } = await enrol();
    const key = `visit-${randomUUID()}`;
    const input = { householdId, personId, campaign: `${YEAR}年就业援助月`, visitedOn: day('01-20'), visitor: '王社工', outcome: 'JOB_REFERRED', idempotencyKey: key };
    const first = await hub.gql(VISIT, { input });
    expect(first.recordAssistanceVisit.userErrors).toEqual([]);
    const before = await snapshot();
    const other = await hub.gql(VISIT, { input: { ...input, outcome: 'PLACED' } });
    expect(other.recordAssistanceVisit).toEqual({ visit: null, userErrors: CONFLICT });
    expect(await snapshot()).toBe(before);
    const otherLoan = await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: `loan-${key}` }) });
    expect(otherLoan.applyMicroLoan.userErrors).toEqual([]);
    const afterLoan = await snapshot();
    const biggerLoan = await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: `loan-${key}`, amount: '200000.00' }) });
    expect(biggerLoan.applyMicroLoan).toEqual({ loan: null, userErrors: CONFLICT });
    expect(await snapshot()).toBe(afterLoan);
    expect(await count('assistance_visit', 'household_id = $1', [householdId])).toBe(1);
  });

  it('keeps keys per operation and forgets a key whose request was refused', async () => {
    const { personId, householdId } = await enrol();
    const key = `shared-${randomUUID()}`;
    // A refused request (amount over the individual ceiling) rolls its key back with it.
    const refused = await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: key, amount: '300000.01' }) });
    expect(refused.applyMicroLoan).toEqual({ loan: null, userErrors: [{ field: ['input', 'amount'], code: 'INVALID', message: 'amount must be at most 300000.00 yuan' }] });
    expect(await count('idempotency_key', 'key = $1', [key])).toBe(0);
    const corrected = await hub.gql(APPLY_LOAN, { input: loanInput(personId, { idempotencyKey: key }) });
    expect(corrected.applyMicroLoan).toMatchObject({ loan: { status: 'APPLIED', amount: '100000.00' }, userErrors: [] });
    // The same key on another mutation is a different key.
    const visit = await hub.gql(VISIT, { input: { householdId, campaign: '春风行动', visitedOn: day('02-20'), visitor: '李干事', outcome: 'NEEDS_RECORDED', idempotencyKey: key } });
    expect(visit.recordAssistanceVisit.userErrors).toEqual([]);
    const keys = await query<{ operation: string; result_id: string }>(hub.database.url, 'SELECT operation, result_id FROM employment.idempotency_key WHERE key = $1 ORDER BY operation', [key]);
    expect(keys).toEqual([
      { operation: 'applyMicroLoan', result_id: corrected.applyMicroLoan.loan.id },
      { operation: 'recordAssistanceVisit', result_id: visit.recordAssistanceVisit.visit.id },
    ]);
  });

  it('validates the key: 1 to 200 characters', async () => {
    const { householdId } = await enrol();
    const before = await snapshot();
    const visit = { householdId, campaign: '春风行动', visitedOn: day('02-20'), visitor: '李干事', outcome: 'NEEDS_RECORDED' };
    const invalid = [{ field: ['input', 'idempotencyKey'], code: 'INVALID', message: 'idempotencyKey must be 1 to 200 characters' }];
    expect((await hub.gql(VISIT, { input: { ...visit, idempotencyKey: '' } })).recordAssistanceVisit).toEqual({ visit: null, userErrors: invalid });
    expect((await hub.gql(VISIT, { input: { ...visit, idempotencyKey: 'k'.repeat(201) } })).recordAssistanceVisit).toEqual({ visit: null, userErrors: invalid });
    expect(await snapshot()).toBe(before);
    // 200 characters, counted as characters rather than bytes, is accepted.
    const longest = await hub.gql(VISIT, { input: { ...visit, idempotencyKey: '幂'.repeat(200) } });
    expect(longest.recordAssistanceVisit.userErrors).toEqual([]);
  });

  it('writes once when two requests with the same key arrive together, and both answer the same', async () => {
    const { personId, householdId } = await enrol();
    const loan = { input: loanInput(personId, { idempotencyKey: `together-${randomUUID()}` }) };
    const [a, b] = await Promise.all([hub.gql(APPLY_LOAN, loan), hub.gql(APPLY_LOAN, loan)]);
    expect(a.applyMicroLoan.userErrors).toEqual([]);
    expect(b).toEqual(a);
    expect(await count('micro_loan', 'person_id = $1', [personId])).toBe(1);

    // A visit has no unique index to fall back on: only the key stops the second write.
    const visit = { input: { householdId, campaign: '就业援助月', visitedOn: day('01-25'), visitor: '王社工', outcome: 'JOB_REFERRED', idempotencyKey: `visit-${randomUUID()}` } };
    const answers = await Promise.all([1, 2, 3].map(() => hub.gql(VISIT, visit)));
    expect(answers[0]!.recordAssistanceVisit.userErrors).toEqual([]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await count('assistance_visit', 'household_id = $1', [householdId])).toBe(1);
  });

  it('behaves as before without a key: each visit is written, a second loan application is refused', async () => {
    const { personId, householdId } = await enrol();
    const visit = { input: { householdId, campaign: '就业援助月', visitedOn: day('01-25'), visitor: '王社工', outcome: 'JOB_REFERRED' } };
    const first = await hub.gql(VISIT, visit);
    const second = await hub.gql(VISIT, visit);
    expect(first.recordAssistanceVisit.userErrors).toEqual([]);
    expect(second.recordAssistanceVisit.userErrors).toEqual([]);
    expect(second.recordAssistanceVisit.visit.id).not.toBe(first.recordAssistanceVisit.visit.id);
    expect(await count('assistance_visit', 'household_id = $1', [householdId])).toBe(2);

    expect((await hub.gql(APPLY_LOAN, { input: loanInput(personId) })).applyMicroLoan.userErrors).toEqual([]);
    const again = await hub.gql(APPLY_LOAN, { input: loanInput(personId) });
    expect(again.applyMicroLoan).toEqual({ loan: null, userErrors: [{ field: ['input', 'personId'], code: 'DUPLICATE', message: 'the person already has an application under way' }] });
    expect(await count('idempotency_key', 'result_id IN (SELECT id::text FROM employment.micro_loan WHERE person_id = $1::uuid)', [personId])).toBe(0);
  });
});
