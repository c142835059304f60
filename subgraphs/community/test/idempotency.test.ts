import { createHousehold, createPerson, insertRegions, ok, REGIONS } from './fixture';
import { startHarness, type Data, type Harness } from './support';

const TODAY = '2026-11-29';
let h: Harness;
const ids: Record<string, string> = {};
const id = (name: string): string => {
  const value = ids[name];
  if (!value) throw new Error(`fixture ${name} missing`);
  return value;
};

/** Sends one mutation and answers its whole payload (record and userErrors). */
async function send(name: string, record: string, input: Record<string, unknown>, selection: string): Promise<Data> {
  const inputType = `${name[0]!.toUpperCase()}${name.slice(1)}Input`;
  const data = await h.gql(`mutation($input: ${inputType}!) { ${name}(input: $input) { ${record} { ${selection} } userErrors { field code message } } }`, { input });
  return data[name];
}

async function count(table: string): Promise<number> {
  const rows = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.${table}`);
  return Number(rows[0]!.n);
}

const DISPUTE = 'id status summary reportedOn parties { role person { id } } sessions { id }';
const MEMBERS = 'id size head { id } members { person { id } relation since }';

beforeAll(async () => {
  h = await startHarness('community_idempotency', TODAY);
  await insertRegions(h);
  ids.applicant = await createPerson(h, '赵大山', '1970-02-02');
  ids.respondent = await createPerson(h, '钱小河', '1972-03-03');
  ids.mover = await createPerson(h, '孙立', '1990-04-04');
  ids.migrant = await createPerson(h, '周流动', '1992-05-05');
  ids.from = await createHousehold(h, 'I0001', REGIONS.a, 'LOCAL_HUKOU', ids.applicant, '2010-01-01');
  await ok(h, 'addHouseholdMember', 'household', { householdId: ids.from, personId: ids.mover, relation: 'CHILD', since: '2010-01-01' });
  ids.to = await createHousehold(h, 'I0002', REGIONS.a, 'LOCAL_HUKOU', ids.respondent, '2012-01-01');
  ids.cadre = (await ok(h, 'appointCadre', 'cadre', { regionCode: REGIONS.a, name: '吴书记', position: 'PARTY_SECRETARY', since: '2020-01-01' })).id;
  ids.file = (
    await ok(h, 'openSupervisionFile', 'supervisionFile', {
      personId: ids.respondent,
      regionCode: REGIONS.a,
      category: 'RELEASED_PRISONER',
      releaseDate: '2025-01-01',
      startDate: '2025-02-01',
      responsibleCadreId: ids.cadre,
    })
  ).id;
}, 60_000);

afterAll(async () => {
  await h?.stop();
});

const dispute = (summary: string, key?: string) => ({
  regionCode: REGIONS.a,
  category: 'NEIGHBOURS',
  source: 'PATROL',
  summary,
  reportedOn: '2026-11-01',
  parties: [
    { personId: id('applicant'), role: 'APPLICANT' },
    { personId: id('respondent'), role: 'RESPONDENT' },
  ],
  ...(key === undefined ? {} : { idempotencyKey: key }),
});

describe('idempotency keys (幂等键)', () => {
  it('reportDispute: the same key twice writes one dispute and answers the same payload', async () => {
    const before = await count('dispute');
    const first = await send('reportDispute', 'dispute', dispute('楼上漏水', 'dispute-1'), DISPUTE);
    const second = await send('reportDispute', 'dispute', dispute('楼上漏水', 'dispute-1'), DISPUTE);
    expect(first.userErrors).toEqual([]);
    expect(first.dispute.status).toBe('REPORTED');
    expect(second).toEqual(first);
    expect(await count('dispute')).toBe(before + 1);
    expect(await count('dispute_party')).toBe((before + 1) * 2);
  });

  it('reportDispute: the same key with different input is a CONFLICT and writes nothing', async () => {
    await send('reportDispute', 'dispute', dispute('占道堆物', 'dispute-2'), 'id');
    const before = await h.fingerprint();
    const answer = await send('reportDispute', 'dispute', dispute('占道堆物, 另有噪音', 'dispute-2'), 'id');
    expect(answer).toEqual({
      dispute: null,
      userErrors: [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: 'this key was already used with different input' }],
    });
    expect(await h.fingerprint()).toBe(before);
  });

  it('transitionDispute and recordMediationSession: a replayed step does not move or record twice', async () => {
    const reported = await send('reportDispute', 'dispute', dispute('宅基地边界'), 'id');
    const disputeId = reported.dispute.id as string;
    const step = { disputeId, to: 'MEDIATING', date: '2026-11-02', idempotencyKey: 'step-1' };
    const first = await send('transitionDispute', 'dispute', step, DISPUTE);
    expect(first.dispute.status).toBe('MEDIATING');
    // A retry with the key replays; the same step without a key is refused as before (already MEDIATING).
    expect(await send('transitionDispute', 'dispute', step, DISPUTE)).toEqual(first);
    const { idempotencyKey: _key, ...unkeyed } = step;
    const again = await send('transitionDispute', 'dispute', unkeyed, 'id');
    expect(again.userErrors.map((e: Data) => e.code)).toEqual(['INVALID_TRANSITION']);

    const session = { disputeId, date: '2026-11-03', mediator: '调解员老李', notes: '双方到场', idempotencyKey: 'session-1' };
    const s1 = await send('recordMediationSession', 'mediationSession', session, 'id date mediator notes');
    const s2 = await send('recordMediationSession', 'mediationSession', session, 'id date mediator notes');
    expect(s1.userErrors).toEqual([]);
    expect(s2).toEqual(s1);
    const sessions = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.mediation_session WHERE dispute_id = $1`, [disputeId]);
    expect(sessions[0]!.n).toBe('1');
  });

  it('moveHouseholdMember: the same key twice moves once and answers the same household', async () => {
    const move = { personId: id('mover'), toHouseholdId: id('to'), relation: 'SIBLING', effectiveDate: '2026-06-01', idempotencyKey: 'move-1' };
    const first = await send('moveHouseholdMember', 'household', move, MEMBERS);
    expect(first.userErrors).toEqual([]);
    expect(first.household.members).toContainEqual({ person: { id: id('mover') }, relation: 'SIBLING', since: '2026-06-01' });
    const second = await send('moveHouseholdMember', 'household', move, MEMBERS);
    expect(second).toEqual(first);
    const memberships = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.household_membership WHERE person_id = $1`, [id('mover')]);
    expect(memberships[0]!.n).toBe('2');
  });

  it('recordSupervisionVisit: two concurrent requests with one key write one visit and answer alike', async () => {
    const before = await count('supervision_visit');
    const visit = { fileId: id('file'), date: '2026-11-20', mode: 'FACE_TO_FACE', cadreId: id('cadre'), summary: '入户谈心', help: ['JOB_REFERRAL'], idempotencyKey: 'visit-1' };
    const answers = await Promise.all([0, 1, 2].map(() => send('recordSupervisionVisit', 'supervisionVisit', visit, 'id date mode summary help')));
    expect(answers[0].userErrors).toEqual([]);
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(await count('supervision_visit')).toBe(before + 1);
  });

  it('requestWorkAdmission and decideWorkAdmission: concurrent requests with one key write once', async () => {
    const request = { regionCode: REGIONS.a, department: '区统计局', title: '人口抽样调查', kind: 'TASK', requestedOn: '2026-11-10', funding: '3000.00', idempotencyKey: 'admission-1' };
    const requests = await Promise.all([0, 1].map(() => send('requestWorkAdmission', 'workAdmission', request, 'id status funding requestedOn')));
    expect(requests[0].workAdmission).toMatchObject({ status: 'PENDING', funding: '3000.00' });
    expect(requests[1]).toEqual(requests[0]);
    const titled = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.work_admission WHERE title = '人口抽样调查'`);
    expect(titled[0]!.n).toBe('1');

    const decision = { id: requests[0].workAdmission.id, decision: 'APPROVED', date: '2026-11-12', decidedBy: '区社区建设协调小组', idempotencyKey: 'decision-1' };
    const decisions = await Promise.all([0, 1].map(() => send('decideWorkAdmission', 'workAdmission', decision, 'id status decidedOn funding')));
    expect(decisions[0]).toEqual({ workAdmission: { id: decision.id, status: 'APPROVED', decidedOn: '2026-11-12', funding: '3000.00' }, userErrors: [] });
    expect(decisions[1]).toEqual(decisions[0]);
  });

  it('registerFloatingResident and recordFloatingDeparture: replays instead of DUPLICATE or INVALID_TRANSITION', async () => {
    const registration = { personId: id('migrant'), regionCode: REGIONS.a, originCode: '130102', reason: 'WORK', arrivalDate: '2026-03-01', idempotencyKey: 'arrival-1' };
    const first = await send('registerFloatingResident', 'floatingRegistration', registration, 'id arrivalDate active');
    expect(first.floatingRegistration.active).toBe(true);
    expect(await send('registerFloatingResident', 'floatingRegistration', registration, 'id arrivalDate active')).toEqual(first);
    const departure = { id: first.floatingRegistration.id, departureDate: '2026-10-01', idempotencyKey: 'departure-1' };
    const left = await send('recordFloatingDeparture', 'floatingRegistration', departure, 'id departureDate active');
    expect(left).toEqual({ floatingRegistration: { id: departure.id, departureDate: '2026-10-01', active: false }, userErrors: [] });
    expect(await send('recordFloatingDeparture', 'floatingRegistration', departure, 'id departureDate active')).toEqual(left);
    const rows = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.floating_registration WHERE person_id = $1`, [id('migrant')]);
    expect(rows[0]!.n).toBe('1');
  });

  it('a refused request does not use up its key: the corrected request with the key goes through once', async () => {
    const visit = { regionCode: REGIONS.a, date: '2027-01-01', visitorName: '匿名群众', subject: '反映路灯不亮', receivingCadreId: id('cadre'), idempotencyKey: 'petition-1' };
    const refusedAnswer = await send('recordPetitionVisit', 'petitionVisit', visit, 'id');
    expect(refusedAnswer.userErrors.map((e: Data) => e.field)).toEqual([['input', 'date']]);
    const corrected = { ...visit, date: '2026-11-28' };
    const first = await send('recordPetitionVisit', 'petitionVisit', corrected, 'id date subject outcome');
    expect(first.userErrors).toEqual([]);
    expect(await send('recordPetitionVisit', 'petitionVisit', corrected, 'id date subject outcome')).toEqual(first);
    const rows = await h.sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.petition_visit WHERE subject = '反映路灯不亮'`);
    expect(rows[0]!.n).toBe('1');
  });

  it('refuses a blank or over-long key and writes nothing', async () => {
    const before = await h.fingerprint();
    for (const key of ['', '   ', 'k'.repeat(201)]) {
      const answer = await send('reportDispute', 'dispute', dispute('键无效', key), 'id');
      expect(answer).toEqual({ dispute: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID', message: 'must be 1 to 200 characters and not blank' }] });
    }
    expect(await h.fingerprint()).toBe(before);
    const longest = await send('reportDispute', 'dispute', dispute('键长两百', '键'.repeat(200)), 'id');
    expect(longest.userErrors).toEqual([]);
  });

  it('without a key behaviour is unchanged: two identical requests write two records', async () => {
    const visit = { regionCode: REGIONS.a, date: '2026-11-27', visitorName: '王大妈', subject: '咨询养老补贴', receivingCadreId: id('cadre') };
    const first = await send('recordPetitionVisit', 'petitionVisit', visit, 'id');
    const second = await send('recordPetitionVisit', 'petitionVisit', visit, 'id');
    expect(first.userErrors).toEqual([]);
    expect(second.userErrors).toEqual([]);
    expect(second.petitionVisit.id).not.toBe(first.petitionVisit.id);
    const keyed = await h.sql(`SELECT 1 FROM community.idempotency_key WHERE result_id IN ($1, $2)`, [first.petitionVisit.id, second.petitionVisit.id]);
    expect(keyed).toEqual([]);
  });

  it('one key names separate requests in separate mutations', async () => {
    const reported = await send('reportDispute', 'dispute', dispute('共用键', 'shared-key'), 'id');
    const visit = { regionCode: REGIONS.a, date: '2026-11-26', visitorName: '李某', subject: '共用键来访', receivingCadreId: id('cadre'), idempotencyKey: 'shared-key' };
    const recorded = await send('recordPetitionVisit', 'petitionVisit', visit, 'id');
    expect(reported.userErrors).toEqual([]);
    expect(recorded.userErrors).toEqual([]);
    const keys = await h.sql<{ operation: string; result_id: string }>(`SELECT operation, result_id FROM community.idempotency_key WHERE key = 'shared-key' ORDER BY operation`);
    expect(keys).toEqual([
      { operation: 'recordPetitionVisit', result_id: recorded.petitionVisit.id },
      { operation: 'reportDispute', result_id: reported.dispute.id },
    ]);
  });
});
