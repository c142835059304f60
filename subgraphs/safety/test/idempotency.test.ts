import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { todayIso } from '../src/domain/dates';
import { start } from '../src/server';
import { gql, loadDemo } from './support';

type Running = Awaited<ReturnType<typeof start>>;

function daysAgo(days: number): string {
  return new Date(Date.parse(`${todayIso()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const HAZARD = 'hazard { id status riskScore riskLevel overdue deadline rectificationStartedOn rectificationNote closedOn verificationNote verifiedBy } userErrors { field code message }';
const INJURY = 'injury { id injuryDate cause severity reportingUnitName person { id } } userErrors { field code message }';
const REVIEW = 'review { id kind periodFrom periodTo reviewedOn reviewer findings conclusion } userErrors { field code message }';
const ACTION = 'action { id status dueDate completedOn note } userErrors { field code message }';
const PLAN = 'plan { id title versions { version issuedOn approvedOn approvedBy } currentVersion { version } } userErrors { field code message }';
const PROJECT = 'project { id name status indicators { name unit baseline target actual } } userErrors { field code message }';

describe('safety idempotency keys', () => {
  let database: TestDatabase;
  let running: Running;
  const population = generatePopulation({ households: 40 });
  const community = population.regions.find((r) => r.level === 'COMMUNITY')!.code;
  const person = population.persons.find((p) => population.households.find((h) => h.id === p.householdId)!.regionCode === community)!;
  const ids: Record<string, string> = {};

  // Answers are compared whole, so no GraphQL error may hide in them.
  const mutate = async (name: string, inputType: string, payload: string, input: Record<string, unknown>) => {
    const answer = await gql(running.url, `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${payload} } }`, { input });
    expect(answer.errors).toBeUndefined();
    return answer.data[name];
  };

  const count = async (table: string): Promise<number> => (await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.${table}`))[0]!.n;

  /** A digest of every table in the safety schema (the key table included): equal digests mean nothing was written. */
  const digest = async (): Promise<Record<string, string>> => {
    const tables = await query<{ t: string }>(database.url, `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'safety' ORDER BY 1`);
    const rows = await Promise.all(
      tables.map(async ({ t }) => [t, (await query<{ d: string | null }>(database.url, `SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS d FROM safety."${t}" x`))[0]!.d ?? ''] as const),
    );
    return Object.fromEntries(rows);
  };

  const hazardInput = (location: string) => ({
    programmeId: ids.programme,
    regionCode: community,
    location,
    category: 'FIRE',
    description: '楼道堆放杂物, 堵塞疏散通道',
    likelihood: 3,
    severity: 4,
    responsibleUnit: '社区居委会',
    identifiedOn: daysAgo(5),
    deadline: daysAgo(-10),
  });

  beforeAll(async () => {
    database = await createTestDatabase('safety_idempotency', ['safety']);
    await loadDemo(database.url, population);
    running = await start({ port: 0, databaseUrl: database.url });
    const one = async (sql: string, params: unknown[] = []) => (await query<{ id: string }>(database.url, sql, params))[0]!.id;
    ids.programme = await one(`SELECT id FROM safety.programme WHERE region_code = $1`, [community.slice(0, 9)]);
    ids.projectGroup = await one(`SELECT id FROM safety.working_group WHERE programme_id = $1 AND kind = 'ELDERLY_SAFETY'`, [ids.programme]);
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('identifyHazard: the same key twice writes one hazard and answers the same payload', async () => {
    const hazards = await count('hazard');
    const input = { ...hazardInput('3号楼2单元楼道'), idempotencyKey: 'hazard-3-2' };
    const first = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD, input);
    expect(first.userErrors).toEqual([]);
    expect(first.hazard).toMatchObject({ status: 'IDENTIFIED', riskScore: 12 });
    const before = await digest();
    const again = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD, input);
    expect(again).toEqual(first);
    expect(await digest()).toEqual(before);
    expect(await count('hazard')).toBe(hazards + 1);
  });

  it('hazard transitions: a retried start or close with its key replays instead of failing as INVALID_TRANSITION', async () => {
    const created = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD, hazardInput('5号楼地下车库'));
    const hazardId = created.hazard.id;
    const start = { hazardId, on: daysAgo(3), note: '清理杂物, 张贴禁放标识', idempotencyKey: 'start-5' };
    const started = await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD, start);
    expect(started.hazard).toMatchObject({ status: 'RECTIFYING', rectificationStartedOn: daysAgo(3) });
    expect(await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD, start)).toEqual(started);

    const close = { hazardId, on: daysAgo(0), verificationNote: '通道已清空, 复查合格', verifiedBy: '镇安办', idempotencyKey: 'close-5' };
    const closed = await mutate('closeHazard', 'CloseHazardInput', HAZARD, close);
    expect(closed.hazard).toMatchObject({ status: 'CLOSED', closedOn: daysAgo(0), verifiedBy: '镇安办' });
    const before = await digest();
    expect(await mutate('closeHazard', 'CloseHazardInput', HAZARD, close)).toEqual(closed);
    expect(await digest()).toEqual(before);

    // Without a key the same retry is refused as before.
    const { idempotencyKey: _unused, ...plain } = close;
    expect(await mutate('closeHazard', 'CloseHazardInput', HAZARD, plain)).toEqual({
      hazard: null,
      userErrors: [{ field: ['input', 'hazardId'], code: 'INVALID_TRANSITION', message: expect.any(String) }],
    });
  });

  it('createInterventionProject: a replay answers the project with its indicators, whatever the order of the input fields', async () => {
    const projects = await count('intervention_project');
    const indicators = await count('project_indicator');
    const input = {
      workingGroupId: ids.projectGroup,
      name: '独居老人防跌倒入户指导',
      targetGroup: '独居老人',
      objective: '减少独居老人居家跌倒',
      startDate: daysAgo(2),
      indicators: [{ name: '入户指导户数', unit: '户', direction: 'HIGHER_IS_BETTER', baseline: 0, target: 120 }],
      idempotencyKey: 'project-fall-2026',
    };
    const first = await mutate('createInterventionProject', 'CreateInterventionProjectInput', PROJECT, input);
    expect(first.userErrors).toEqual([]);
    expect(first.project.indicators).toEqual([{ name: '入户指导户数', unit: '户', baseline: 0, target: 120, actual: null }]);
    const reordered = {
      idempotencyKey: input.idempotencyKey,
      indicators: [{ target: 120, baseline: 0, direction: 'HIGHER_IS_BETTER', unit: '户', name: '入户指导户数' }],
      startDate: input.startDate,
      objective: input.objective,
      targetGroup: input.targetGroup,
      name: input.name,
      workingGroupId: input.workingGroupId,
    };
    expect(await mutate('createInterventionProject', 'CreateInterventionProjectInput', PROJECT, reordered)).toEqual(first);
    expect([await count('intervention_project'), await count('project_indicator')]).toEqual([projects + 1, indicators + 1]);
  });

  it('emergency plans: creating and approving with a key replays the plan; without a key a second approval is refused', async () => {
    const create = { programmeId: ids.programme, title: '防汛应急预案', category: 'FLOOD', ownerUnit: '镇应急办', issuedOn: daysAgo(20), idempotencyKey: 'plan-flood' };
    const created = await mutate('createEmergencyPlan', 'CreateEmergencyPlanInput', PLAN, create);
    expect(created.userErrors).toEqual([]);
    expect(await mutate('createEmergencyPlan', 'CreateEmergencyPlanInput', PLAN, create)).toEqual(created);
    expect((await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.emergency_plan WHERE title = $1`, [create.title]))[0]!.n).toBe(1);

    const approve = { planId: created.plan.id, version: 1, approvedOn: daysAgo(15), approvedBy: '镇安委会', idempotencyKey: 'approve-flood-1' };
    const approved = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', PLAN, approve);
    expect(approved.plan).toMatchObject({ currentVersion: { version: 1 }, versions: [{ version: 1, approvedOn: daysAgo(15), approvedBy: '镇安委会' }] });
    expect(await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', PLAN, approve)).toEqual(approved);
    const { idempotencyKey: _unused, ...plain } = approve;
    const unkeyed = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', PLAN, plain);
    expect(unkeyed.plan).toBeNull();
    expect(unkeyed.userErrors).toHaveLength(1);
  });

  it('the same key with different input is a CONFLICT on input.idempotencyKey and writes nothing', async () => {
    const injury = {
      personId: person.id, householdId: person.householdId, regionCode: community, injuryDate: daysAgo(4), age: 67, sex: person.gender, intent: 'UNINTENTIONAL',
      cause: 'FALL', place: 'HOME', activity: 'HOUSEWORK', nature: 'FRACTURE', bodyPart: 'LOWER_LIMB', severity: 'MODERATE', disposition: 'HOSPITALIZED',
      reportingUnitType: 'HOSPITAL', reportingUnitName: '镇卫生院', summary: '浴室滑倒', idempotencyKey: 'injury-fall-1',
    };
    const first = await mutate('recordInjury', 'RecordInjuryInput', INJURY, injury);
    expect(first.userErrors).toEqual([]);
    const before = await digest();
    const conflict = { injury: null, userErrors: [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: 'the idempotency key was already used with different input' }] };
    expect(await mutate('recordInjury', 'RecordInjuryInput', INJURY, { ...injury, severity: 'SEVERE' })).toEqual(conflict);
    // A field left out differs from a field given, too.
    const { summary: _unused, ...withoutSummary } = injury;
    expect(await mutate('recordInjury', 'RecordInjuryInput', INJURY, withoutSummary)).toEqual(conflict);

    const hazard = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD, hazardInput('菜市场东门'));
    const started = await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD, { hazardId: hazard.hazard.id, on: daysAgo(1), note: '拆除违建', idempotencyKey: 'start-market' });
    expect(started.userErrors).toEqual([]);
    const beforeTransition = await digest();
    expect(await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD, { hazardId: hazard.hazard.id, on: daysAgo(0), note: '拆除违建', idempotencyKey: 'start-market' })).toEqual({
      hazard: null,
      userErrors: [{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: expect.any(String) }],
    });
    expect(await digest()).toEqual(beforeTransition);
    // The first result is still what the key replays.
    expect(await mutate('recordInjury', 'RecordInjuryInput', INJURY, injury)).toEqual(first);
    expect(before.injury_record).toBe((await digest()).injury_record);
  });

  it('concurrent requests with the same key write once and all answer alike', async () => {
    const reviews = await count('review');
    const review = {
      programmeId: ids.programme, kind: 'PHASE', periodFrom: daysAgo(90), periodTo: daysAgo(1), reviewedOn: daysAgo(0),
      reviewer: '镇安全促进委员会', findings: '隐患整改率92%', conclusion: '继续推进', idempotencyKey: 'review-phase-concurrent',
    };
    const answers = await Promise.all(Array.from({ length: 6 }, () => mutate('recordReview', 'RecordReviewInput', REVIEW, review)));
    expect(answers[0].userErrors).toEqual([]);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(await count('review')).toBe(reviews + 1);

    // A transition raced by the same client twice: one step, both answers the same.
    const hazard = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD, hazardInput('幼儿园门口'));
    const start = { hazardId: hazard.hazard.id, on: daysAgo(0), note: '加装减速带', idempotencyKey: 'start-kindergarten' };
    const raced = await Promise.all([1, 2, 3].map(() => mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD, start)));
    expect(raced[0].hazard).toMatchObject({ status: 'RECTIFYING' });
    for (const answer of raced) expect(answer).toEqual(raced[0]);
  });

  it('validates keys (1 to 200 characters, no NUL), scopes them per operation, and leaves unkeyed calls as before', async () => {
    const action = { programmeId: ids.programme, title: '更换楼道灭火器', source: 'HAZARD', owner: '物业公司', dueDate: daysAgo(-20) };
    const before = await digest();
    for (const idempotencyKey of ['', '键'.repeat(201)]) {
      expect(await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', ACTION, { ...action, idempotencyKey })).toEqual({
        action: null,
        userErrors: [{ field: ['input', 'idempotencyKey'], code: 'INVALID', message: expect.any(String) }],
      });
    }
    // Text with a NUL character is refused before any resolver runs (packages/subgraph-runtime rejectNulCharactersPlugin).
    const nul = await gql(running.url, `mutation ($input: CreateCorrectiveActionInput!) { createCorrectiveAction(input: $input) { ${ACTION} } }`, {
      input: { ...action, idempotencyKey: 'a\u0000b' },
    });
    expect(nul.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    expect(await digest()).toEqual(before);

    // 200 characters counted as code points (each emoji is two UTF-16 units).
    const longest = '🙂'.repeat(200);
    const created = await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', ACTION, { ...action, idempotencyKey: longest });
    expect(created.userErrors).toEqual([]);
    expect(await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', ACTION, { ...action, idempotencyKey: longest })).toEqual(created);

    // The same key on another operation is another key.
    const stepped = await mutate('updateCorrectiveActionStatus', 'UpdateCorrectiveActionStatusInput', ACTION, { actionId: created.action.id, status: 'IN_PROGRESS', idempotencyKey: longest });
    expect(stepped).toMatchObject({ action: { id: created.action.id, status: 'IN_PROGRESS' }, userErrors: [] });

    // Without a key every call writes, as before, and no key is stored.
    const keys = await count('idempotency_key');
    const actions = await count('corrective_action');
    const one = await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', ACTION, action);
    const two = await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', ACTION, action);
    expect([one.userErrors, two.userErrors]).toEqual([[], []]);
    expect(one.action.id).not.toBe(two.action.id);
    expect([await count('corrective_action'), await count('idempotency_key')]).toEqual([actions + 2, keys]);
  });
});
