import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { todayIso } from '../src/domain/dates';
import { start } from '../src/server';
import { gql, loadDemo } from './support';

type Running = Awaited<ReturnType<typeof start>>;

const TABLES = [
  'injury_record', 'programme', 'programme_phase', 'working_group', 'working_group_member', 'hazard', 'high_risk_group', 'high_risk_member',
  'intervention_project', 'project_indicator', 'project_activity', 'emergency_plan', 'emergency_plan_version', 'drill', 'corrective_action', 'review',
];

function daysAgo(days: number): string {
  return new Date(Date.parse(`${todayIso()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

const HAZARD_FIELDS = 'hazard { id status riskScore riskLevel overdue deadline rectificationStartedOn closedOn verificationNote verifiedBy } userErrors { field code message }';

describe('safety mutations', () => {
  let database: TestDatabase;
  let running: Running;
  const population = generatePopulation({ households: 50 });
  const ids: Record<string, string> = {};
  const community = population.regions.find((r) => r.level === 'COMMUNITY')!.code;
  const person = population.persons.find((p) => population.households.find((h) => h.id === p.householdId)!.regionCode === community)!;

  const mutate = async (name: string, inputType: string, payload: string, input: Record<string, unknown>) =>
    gql(running.url, `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${payload} } }`, { input }).then((answer) => {
      expect(answer.errors).toBeUndefined();
      return answer.data[name];
    });

  /** A digest of every safety table: equal digests mean nothing was written. */
  const digest = async (): Promise<string[]> =>
    Promise.all(TABLES.map(async (table) => (await query<{ d: string | null }>(database.url, `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM safety.${table} t`))[0]!.d ?? table));

  beforeAll(async () => {
    database = await createTestDatabase('safety_mutations', ['safety']);
    await loadDemo(database.url, population);
    running = await start({ port: 0, databaseUrl: database.url });
    const town = community.slice(0, 9);
    const one = async (sql: string, params: unknown[] = []) => (await query<{ id: string }>(database.url, sql, params))[0]!.id;
    ids.programme = await one(`SELECT id FROM safety.programme WHERE region_code = $1`, [town]);
    ids.group = await one(`SELECT id FROM safety.high_risk_group WHERE programme_id = $1 AND category = 'ELDERLY'`, [ids.programme]);
    ids.project = await one(`SELECT id FROM safety.intervention_project WHERE programme_id = $1 AND status = 'ACTIVE' ORDER BY name LIMIT 1`, [ids.programme]);
    ids.indicator = await one(`SELECT id FROM safety.project_indicator WHERE project_id = $1 AND direction = 'HIGHER_IS_BETTER'`, [ids.project]);
    ids.plan = await one(`SELECT id FROM safety.emergency_plan WHERE programme_id = $1 ORDER BY title LIMIT 1`, [ids.programme]);
    ids.review = await one(`SELECT id FROM safety.review WHERE programme_id = $1 ORDER BY reviewed_on DESC LIMIT 1`, [ids.programme]);
    ids.otherProgramme = await one(`SELECT id FROM safety.programme WHERE region_code <> $1 LIMIT 1`, [town]);
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('takes a hazard through IDENTIFIED → RECTIFYING → CLOSED; closing needs a verification note; overdue until closed', async () => {
    const identified = await mutate('identifyHazard', 'IdentifyHazardInput', HAZARD_FIELDS, {
      programmeId: ids.programme,
      regionCode: community,
      location: '村口桥头',
      category: 'ROAD_TRAFFIC',
      description: '桥头无护栏, 夜间无照明',
      likelihood: 4,
      severity: 5,
      responsibleUnit: '镇交管站',
      identifiedOn: daysAgo(20),
      deadline: daysAgo(1),
    });
    expect(identified.userErrors).toEqual([]);
    expect(identified.hazard).toMatchObject({ status: 'IDENTIFIED', riskScore: 20, riskLevel: 'MAJOR', overdue: true, deadline: daysAgo(1) });
    const hazardId = identified.hazard.id;

    const early = await mutate('closeHazard', 'CloseHazardInput', HAZARD_FIELDS, { hazardId, on: daysAgo(2), verificationNote: '已安装护栏', verifiedBy: '镇安办' });
    expect(early).toEqual({ hazard: null, userErrors: [{ field: ['input', 'hazardId'], code: 'INVALID_TRANSITION', message: expect.any(String) }] });

    const started = await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD_FIELDS, { hazardId, on: daysAgo(10), note: '安装护栏和路灯' });
    expect(started.hazard).toMatchObject({ status: 'RECTIFYING', rectificationStartedOn: daysAgo(10), overdue: true });

    const before = await digest();
    const noNote = await mutate('closeHazard', 'CloseHazardInput', HAZARD_FIELDS, { hazardId, on: daysAgo(0), verificationNote: '   ', verifiedBy: '镇安办' });
    expect(noNote).toEqual({ hazard: null, userErrors: [{ field: ['input', 'verificationNote'], code: 'REQUIRED', message: expect.any(String) }] });
    const beforeStart = await mutate('closeHazard', 'CloseHazardInput', HAZARD_FIELDS, { hazardId, on: daysAgo(11), verificationNote: '合格', verifiedBy: '镇安办' });
    expect(beforeStart.userErrors[0]).toMatchObject({ field: ['input', 'on'], code: 'INVALID' });
    expect(await digest()).toEqual(before);

    const closed = await mutate('closeHazard', 'CloseHazardInput', HAZARD_FIELDS, { hazardId, on: daysAgo(0), verificationNote: '护栏和路灯已安装, 复查合格', verifiedBy: '镇安办' });
    expect(closed.hazard).toMatchObject({ status: 'CLOSED', closedOn: daysAgo(0), verificationNote: '护栏和路灯已安装, 复查合格', verifiedBy: '镇安办', overdue: false });
    const again = await mutate('startHazardRectification', 'StartHazardRectificationInput', HAZARD_FIELDS, { hazardId, on: daysAgo(0), note: '再次整改' });
    expect(again.userErrors[0]).toMatchObject({ code: 'INVALID_TRANSITION' });

    const listed = await gql(running.url, `{ hazards(regionCode: "${community}", overdueOnly: true, first: 100) { totalCount edges { node { id overdue status } } } }`);
    expect(listed.errors).toBeUndefined();
    expect(listed.data.hazards.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(hazardId);
    expect(listed.data.hazards.edges.every((e: { node: { overdue: boolean; status: string } }) => e.node.overdue && e.node.status !== 'CLOSED')).toBe(true);
    expect(listed.data.hazards.totalCount).toBe(listed.data.hazards.edges.length);
  });

  it('refuses bad input with userErrors and writes nothing', async () => {
    const before = await digest();
    const injury = {
      personId: person.id,
      householdId: person.householdId,
      regionCode: community,
      injuryDate: daysAgo(3),
      age: 40,
      sex: person.gender,
      intent: 'UNINTENTIONAL',
      cause: 'FALL',
      place: 'HOME',
      activity: 'HOUSEWORK',
      nature: 'FRACTURE',
      bodyPart: 'LOWER_LIMB',
      severity: 'MODERATE',
      disposition: 'HOSPITALIZED',
      reportingUnitType: 'HOSPITAL',
      reportingUnitName: '镇卫生院',
    };
    const cases: [string, string, string, Record<string, unknown>, string, string][] = [
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', { ...injury, injuryDate: '2999-01-01' }, 'injuryDate', 'INVALID'],
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', { ...injury, age: 130 }, 'age', 'INVALID'],
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', { ...injury, regionCode: '370703001' }, 'regionCode', 'INVALID'],
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', { ...injury, disposition: 'DIED', severity: 'MILD' }, 'severity', 'RULE_VIOLATION'],
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', { ...injury, reportingUnitName: ' ' }, 'reportingUnitName', 'REQUIRED'],
      ['identifyHazard', 'IdentifyHazardInput', 'hazard { id }', { regionCode: community, location: '路口', category: 'FIRE', description: '堆物', likelihood: 6, severity: 2, responsibleUnit: '镇安办', identifiedOn: daysAgo(1), deadline: daysAgo(0) }, 'likelihood', 'INVALID'],
      ['identifyHazard', 'IdentifyHazardInput', 'hazard { id }', { regionCode: community, location: '路口', category: 'FIRE', description: '堆物', likelihood: 2, severity: 2, responsibleUnit: '镇安办', identifiedOn: daysAgo(1), deadline: daysAgo(5) }, 'deadline', 'INVALID'],
      ['identifyHazard', 'IdentifyHazardInput', 'hazard { id }', { programmeId: ids.otherProgramme, regionCode: community, location: '路口', category: 'FIRE', description: '堆物', likelihood: 2, severity: 2, responsibleUnit: '镇安办', identifiedOn: daysAgo(1), deadline: daysAgo(0) }, 'regionCode', 'RULE_VIOLATION'],
      ['addHighRiskMember', 'AddHighRiskMemberInput', 'member { id }', { groupId: ids.group, personId: person.id, householdId: person.householdId, regionCode: community, reason: '高龄', since: daysAgo(1) }, 'personId', 'INVALID'],
      ['addHighRiskMember', 'AddHighRiskMemberInput', 'member { id }', { groupId: '00000000-0000-4000-8000-000000000000', personId: person.id, regionCode: community, reason: '高龄', since: daysAgo(1) }, 'groupId', 'NOT_FOUND'],
      ['recordProjectActivity', 'RecordProjectActivityInput', 'activity { id }', { projectId: ids.project, kind: 'TRAINING', title: '培训', heldOn: '2000-01-01', location: '村委会', participants: 20 }, 'heldOn', 'RULE_VIOLATION'],
      ['recordProjectActivity', 'RecordProjectActivityInput', 'activity { id }', { projectId: ids.project, kind: 'TRAINING', title: '培训', heldOn: daysAgo(1), location: '村委会', participants: -1 }, 'participants', 'INVALID'],
      ['measureIndicator', 'MeasureIndicatorInput', 'indicator { id }', { indicatorId: ids.indicator, actual: -5, measuredOn: daysAgo(0) }, 'actual', 'INVALID'],
      ['measureIndicator', 'MeasureIndicatorInput', 'indicator { id }', { indicatorId: ids.indicator, actual: 50, measuredOn: '2001-01-01' }, 'measuredOn', 'RULE_VIOLATION'],
      ['recordDrill', 'RecordDrillInput', 'drill { id }', { planId: ids.plan, heldOn: daysAgo(1), location: '学校', scenario: '火灾疏散', participants: 0, rating: 'GOOD', findings: '良好' }, 'participants', 'INVALID'],
      ['recordDrill', 'RecordDrillInput', 'drill { id }', { planId: ids.plan, heldOn: '2001-05-01', location: '学校', scenario: '火灾疏散', participants: 50, rating: 'GOOD', findings: '良好' }, 'planId', 'RULE_VIOLATION'],
      ['createCorrectiveAction', 'CreateCorrectiveActionInput', 'action { id }', { programmeId: 'nope', title: '加装护栏', source: 'HAZARD', owner: '镇安办', dueDate: daysAgo(-30) }, 'programmeId', 'NOT_FOUND'],
      ['createCorrectiveAction', 'CreateCorrectiveActionInput', 'action { id }', { programmeId: ids.otherProgramme, reviewId: ids.review, title: '加装护栏', source: 'REVIEW', owner: '镇安办', dueDate: daysAgo(-30) }, 'reviewId', 'RULE_VIOLATION'],
      ['recordReview', 'RecordReviewInput', 'review { id }', { programmeId: ids.programme, kind: 'ANNUAL', periodFrom: '2025-12-31', periodTo: '2025-01-01', reviewedOn: daysAgo(0), reviewer: '县安委会', findings: '无', conclusion: '通过' }, 'periodTo', 'INVALID'],
      ['setPhaseDates', 'SetPhaseDatesInput', 'phase { phase }', { programmeId: ids.programme, phase: 'LAUNCH', actualStart: '2015-03-01', actualEnd: '2015-02-01' }, 'actualEnd', 'INVALID'],
      ['setPhaseDates', 'SetPhaseDatesInput', 'phase { phase }', { programmeId: ids.programme, phase: 'LAUNCH', actualEnd: '2015-05-31' }, 'actualStart', 'INVALID'],
    ];
    for (const [name, inputType, record, input, field, code] of cases) {
      const payload = await mutate(name, inputType, `${record} userErrors { field code message }`, input);
      const key = record.split(' ')[0]!;
      expect([name, field, payload[key], payload.userErrors.find((e: { field: string[] }) => e.field.join('.') === `input.${field}`)?.code]).toEqual([name, field, null, code]);
    }
    expect(await digest()).toEqual(before);
  });

  it('records an injury once: the same case again is a duplicate; it shows on the person and household', async () => {
    const input = {
      personId: person.id, householdId: person.householdId, regionCode: community, injuryDate: daysAgo(2), age: 41, sex: person.gender, intent: 'UNINTENTIONAL',
      cause: 'POISONING', place: 'HOME', activity: 'VITAL_ACTIVITY', nature: 'ORGAN_INJURY', bodyPart: 'WHOLE_BODY', severity: 'SEVERE', disposition: 'HOSPITALIZED',
      reportingUnitType: 'HOSPITAL', reportingUnitName: '镇卫生院', summary: '误服农药',
    };
    const first = await mutate('recordInjury', 'RecordInjuryInput', 'injury { id injuryDate cause person { id } household { id } } userErrors { code }', input);
    expect(first.userErrors).toEqual([]);
    expect(first.injury).toMatchObject({ injuryDate: daysAgo(2), cause: 'POISONING', person: { id: person.id }, household: { id: person.householdId } });
    const second = await mutate('recordInjury', 'RecordInjuryInput', 'injury { id } userErrors { field code }', { ...input, reportingUnitType: 'POLICE_STATION', reportingUnitName: '派出所' });
    expect(second).toEqual({ injury: null, userErrors: [{ field: ['input', 'personId'], code: 'DUPLICATE' }] });
    const { data } = await gql(
      running.url,
      `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { injuries { id } } ... on Household { injuries { id } } } }`,
      { r: [{ __typename: 'Person', id: person.id }, { __typename: 'Household', id: person.householdId }] },
    );
    expect(data._entities[0].injuries.map((i: { id: string }) => i.id)).toContain(first.injury.id);
    expect(data._entities[1].injuries.map((i: { id: string }) => i.id)).toContain(first.injury.id);
  });

  it('adds a person to a high-risk group once, shows it on the person, and ends the entry once', async () => {
    const outsider = population.persons.find((p) => p.id !== person.id && population.households.find((h) => h.id === p.householdId)!.regionCode === community)!;
    const added = await mutate('addHighRiskMember', 'AddHighRiskMemberInput', 'member { id current since group { category } person { id } } userErrors { field code }', {
      groupId: ids.group, personId: outsider.id, regionCode: community, reason: '行动不便, 夜间如厕易跌倒', since: daysAgo(30),
    });
    expect(added.userErrors).toEqual([]);
    expect(added.member).toMatchObject({ current: true, since: daysAgo(30), group: { category: 'ELDERLY' }, person: { id: outsider.id } });
    const twice = await mutate('addHighRiskMember', 'AddHighRiskMemberInput', 'member { id } userErrors { field code }', {
      groupId: ids.group, personId: outsider.id, regionCode: community, reason: '重复', since: daysAgo(1),
    });
    expect(twice.userErrors).toEqual([{ field: ['input', 'personId'], code: 'DUPLICATE' }]);
    const seen = await gql(running.url, `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { highRisk highRiskEntries { id reason } } } }`, {
      r: [{ __typename: 'Person', id: outsider.id }],
    });
    expect(seen.data._entities[0].highRisk).toBe(true);
    expect(seen.data._entities[0].highRiskEntries).toContainEqual({ id: added.member.id, reason: '行动不便, 夜间如厕易跌倒' });
    const ended = await mutate('endHighRiskMember', 'EndHighRiskMemberInput', 'member { until } userErrors { code }', { memberId: added.member.id, until: daysAgo(1) });
    expect(ended).toEqual({ member: { until: daysAgo(1) }, userErrors: [] });
    const endedTwice = await mutate('endHighRiskMember', 'EndHighRiskMemberInput', 'member { until } userErrors { code }', { memberId: added.member.id, until: daysAgo(0) });
    expect(endedTwice.userErrors).toEqual([{ code: 'INVALID_TRANSITION' }]);
  });

  it('records project activities, indicator measurements, drills, reviews and corrective actions', async () => {
    const project = async () =>
      (await gql(running.url, `{ interventionProject(id: "${ids.project}") { participantsTotal activities { id } indicators { id actual achieved progress target baseline } } }`)).data.interventionProject;
    const beforeProject = await project();
    const activity = await mutate('recordProjectActivity', 'RecordProjectActivityInput', 'activity { id participants kind } userErrors { code }', {
      projectId: ids.project, kind: 'TRAINING', title: '防跌倒知识讲座', heldOn: daysAgo(1), location: '社区活动中心', participants: 45,
    });
    expect(activity).toMatchObject({ activity: { participants: 45, kind: 'TRAINING' }, userErrors: [] });
    const afterProject = await project();
    expect(afterProject.participantsTotal).toBe(beforeProject.participantsTotal + 45);
    expect(afterProject.activities[0].id).toBe(activity.activity.id);

    const indicator = afterProject.indicators.find((i: { id: string }) => i.id === ids.indicator);
    const measured = await mutate('measureIndicator', 'MeasureIndicatorInput', 'indicator { actual achieved progress measuredOn } userErrors { code }', {
      indicatorId: ids.indicator, actual: indicator.target, measuredOn: daysAgo(0),
    });
    expect(measured).toEqual({ indicator: { actual: indicator.target, achieved: true, progress: 1, measuredOn: daysAgo(0) }, userErrors: [] });

    const drill = await mutate('recordDrill', 'RecordDrillInput', 'drill { id rating plan { id } } userErrors { code }', {
      planId: ids.plan, heldOn: daysAgo(3), location: '明德学校', scenario: '教学楼火灾疏散', participants: 320, rating: 'ADEQUATE', findings: '三楼疏散较慢',
    });
    expect(drill).toMatchObject({ drill: { rating: 'ADEQUATE', plan: { id: ids.plan } }, userErrors: [] });
    const plan = await gql(running.url, `{ emergencyPlan(id: "${ids.plan}") { currentVersion { version approvedOn } drills { id } } }`);
    expect(plan.data.emergencyPlan.drills[0].id).toBe(drill.drill.id);
    expect(plan.data.emergencyPlan.currentVersion.approvedOn).not.toBeNull();

    const review = await mutate('recordReview', 'RecordReviewInput', 'review { id kind } userErrors { code }', {
      programmeId: ids.programme, kind: 'PROJECT', periodFrom: daysAgo(60), periodTo: daysAgo(1), reviewedOn: daysAgo(0), reviewer: '镇促进委员会', findings: '疏散通道标识不清', conclusion: '限期整改',
    });
    expect(review.userErrors).toEqual([]);
    const action = await mutate('createCorrectiveAction', 'CreateCorrectiveActionInput', 'action { id status overdue review { id } } userErrors { code }', {
      programmeId: ids.programme, reviewId: review.review.id, title: '更新疏散通道标识', source: 'REVIEW', owner: '明德学校', dueDate: daysAgo(-30),
    });
    expect(action).toMatchObject({ action: { status: 'OPEN', overdue: false, review: { id: review.review.id } }, userErrors: [] });
    const step = (status: string, completedOn?: string) =>
      mutate('updateCorrectiveActionStatus', 'UpdateCorrectiveActionStatusInput', 'action { status completedOn } userErrors { field code }', { actionId: action.action.id, status, completedOn });
    expect(await step('DONE')).toEqual({ action: null, userErrors: [{ field: ['input', 'completedOn'], code: 'REQUIRED' }] });
    expect(await step('IN_PROGRESS')).toEqual({ action: { status: 'IN_PROGRESS', completedOn: null }, userErrors: [] });
    expect(await step('DONE', daysAgo(0))).toEqual({ action: { status: 'DONE', completedOn: daysAgo(0) }, userErrors: [] });
    expect(await step('CANCELLED')).toEqual({ action: null, userErrors: [{ field: ['input', 'status'], code: 'INVALID_TRANSITION' }] });
    const reviews = await gql(running.url, `{ safetyProgramme(id: "${ids.programme}") { reviews { id correctiveActions { id } } } }`);
    expect(reviews.data.safetyProgramme.reviews[0]).toEqual({ id: review.review.id, correctiveActions: [{ id: action.action.id }] });
  });

  it('starts an intervention project with indicators, refusing targets that move the wrong way', async () => {
    const [group] = (await query<{ id: string }>(database.url, `SELECT id FROM safety.working_group WHERE programme_id = $1 AND kind = 'ELDERLY_SAFETY'`, [ids.programme])) as [{ id: string }];
    const [office] = (await query<{ id: string }>(database.url, `SELECT id FROM safety.working_group WHERE programme_id = $1 AND kind = 'COMMITTEE_OFFICE'`, [ids.programme])) as [{ id: string }];
    const input = {
      workingGroupId: group.id,
      highRiskGroupId: ids.group,
      name: '高龄老人居家适老化改造',
      targetGroup: '80岁以上高龄老人',
      objective: '减少高龄老人居家跌倒',
      startDate: daysAgo(5),
      indicators: [
        { name: '高龄老人跌倒数', unit: '起', direction: 'LOWER_IS_BETTER', baseline: 12, target: 8 },
        { name: '适老化改造户数', unit: '户', direction: 'HIGHER_IS_BETTER', baseline: 0, target: 50 },
      ],
    };
    const payload = 'project { id status workingGroup { kind } highRiskGroup { category } indicators { name baseline target actual achieved } } userErrors { field code }';
    const before = await digest();
    const wrongWay = await mutate('createInterventionProject', 'CreateInterventionProjectInput', payload, {
      ...input,
      indicators: [input.indicators[0], { ...input.indicators[1], target: 0 }],
    });
    expect(wrongWay).toEqual({ project: null, userErrors: [{ field: ['input', 'indicators', '1', 'target'], code: 'INVALID' }] });
    const notProjectGroup = await mutate('createInterventionProject', 'CreateInterventionProjectInput', payload, { ...input, workingGroupId: office.id });
    expect(notProjectGroup.userErrors).toEqual([{ field: ['input', 'workingGroupId'], code: 'RULE_VIOLATION' }]);
    const noIndicators = await mutate('createInterventionProject', 'CreateInterventionProjectInput', payload, { ...input, indicators: [] });
    expect(noIndicators.userErrors).toEqual([{ field: ['input', 'indicators'], code: 'INVALID' }]);
    expect(await digest()).toEqual(before);
    const created = await mutate('createInterventionProject', 'CreateInterventionProjectInput', payload, input);
    expect(created.userErrors).toEqual([]);
    expect(created.project).toMatchObject({ status: 'ACTIVE', workingGroup: { kind: 'ELDERLY_SAFETY' }, highRiskGroup: { category: 'ELDERLY' } });
    expect(created.project.indicators).toEqual([
      { name: '适老化改造户数', baseline: 0, target: 50, actual: null, achieved: null },
      { name: '高龄老人跌倒数', baseline: 12, target: 8, actual: null, achieved: null },
    ]);
  });

  it('drafts, revises and approves emergency plans: one draft at a time, only the newest approved', async () => {
    const payload = 'plan { id versions { version issuedOn approvedOn approvedBy } currentVersion { version } } userErrors { field code }';
    const created = await mutate('createEmergencyPlan', 'CreateEmergencyPlanInput', payload, {
      programmeId: ids.programme, title: '燃气泄漏应急预案', category: 'GAS_LEAK', ownerUnit: '镇安办', issuedOn: daysAgo(40),
    });
    expect(created.userErrors).toEqual([]);
    expect(created.plan).toMatchObject({ versions: [{ version: 1, issuedOn: daysAgo(40), approvedOn: null }], currentVersion: null });
    const planId = created.plan.id;
    const drillUnapproved = await mutate('recordDrill', 'RecordDrillInput', 'drill { id } userErrors { field code }', {
      planId, heldOn: daysAgo(1), location: '沿街餐饮店', scenario: '液化气泄漏处置', participants: 30, rating: 'GOOD', findings: '良好',
    });
    expect(drillUnapproved.userErrors).toEqual([{ field: ['input', 'planId'], code: 'RULE_VIOLATION' }]);
    const revisedTooEarly = await mutate('reviseEmergencyPlan', 'ReviseEmergencyPlanInput', payload, { planId, issuedOn: daysAgo(30), changes: '补充疏散路线' });
    expect(revisedTooEarly.userErrors).toEqual([{ field: ['input', 'planId'], code: 'RULE_VIOLATION' }]);
    const approvedEarly = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', payload, { planId, version: 1, approvedOn: daysAgo(41), approvedBy: '镇安委会' });
    expect(approvedEarly.userErrors).toEqual([{ field: ['input', 'approvedOn'], code: 'INVALID' }]);
    const approved = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', payload, { planId, version: 1, approvedOn: daysAgo(35), approvedBy: '镇安委会' });
    expect(approved.plan).toMatchObject({ currentVersion: { version: 1 }, versions: [{ version: 1, approvedOn: daysAgo(35), approvedBy: '镇安委会' }] });
    const revised = await mutate('reviseEmergencyPlan', 'ReviseEmergencyPlanInput', payload, { planId, issuedOn: daysAgo(10), changes: '补充疏散路线' });
    expect(revised.plan.versions.map((x: { version: number; approvedOn: string | null }) => [x.version, x.approvedOn])).toEqual([[2, null], [1, daysAgo(35)]]);
    expect(revised.plan.currentVersion).toEqual({ version: 1 });
    const approveOld = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', payload, { planId, version: 1, approvedOn: daysAgo(5), approvedBy: '镇安委会' });
    expect(approveOld.userErrors).toEqual([{ field: ['input', 'version'], code: 'INVALID_TRANSITION' }]);
    const approveNew = await mutate('approveEmergencyPlan', 'ApproveEmergencyPlanInput', payload, { planId, version: 2, approvedOn: daysAgo(5), approvedBy: '镇安委会' });
    expect(approveNew.plan.currentVersion).toEqual({ version: 2 });
  });

  it('launches a programme with the planned phases and standard bodies; refuses a second one over the same region', async () => {
    const payload = `programme { id name targetLevel targetDate currentPhase phases { phase plannedStart plannedEnd actualStart tasks }
      committee { name } office { name } workingGroups { kind category } } userErrors { field code }`;
    const fresh = population.regions.find((r) => r.level === 'COMMUNITY')!;
    const taken = await mutate('launchProgramme', 'LaunchProgrammeInput', payload, {
      regionCode: fresh.code, name: '重复', targetLevel: 'PROVINCIAL', launchDate: '2027-03-01', targetDate: '2029-10-31',
    });
    expect(taken).toEqual({ programme: null, userErrors: [{ field: ['input', 'regionCode'], code: 'DUPLICATE' }] });
    const before = await digest();
    const tooShort = await mutate('launchProgramme', 'LaunchProgrammeInput', payload, {
      regionCode: '370799001', name: '新城街道省级安全社区建设', targetLevel: 'PROVINCIAL', launchDate: '2027-03-01', targetDate: '2027-12-31',
    });
    expect(tooShort.userErrors).toEqual([{ field: ['input', 'targetDate'], code: 'RULE_VIOLATION' }]);
    const badRegion = await mutate('launchProgramme', 'LaunchProgrammeInput', payload, {
      regionCode: '370799', name: '区级', targetLevel: 'PROVINCIAL', launchDate: '2027-03-01', targetDate: '2029-10-31',
    });
    expect(badRegion.userErrors).toEqual([{ field: ['input', 'regionCode'], code: 'INVALID' }]);
    expect(await digest()).toEqual(before);
    const launched = await mutate('launchProgramme', 'LaunchProgrammeInput', payload, {
      regionCode: '370799001', name: '新城街道省级安全社区建设', targetLevel: 'PROVINCIAL', launchDate: '2027-03-01', targetDate: '2029-10-31',
    });
    expect(launched.userErrors).toEqual([]);
    const programme = launched.programme;
    expect(programme).toMatchObject({ targetLevel: 'PROVINCIAL', targetDate: '2029-10-31', currentPhase: null, committee: { name: '安全社区建设工作促进委员会' }, office: { name: '促进委员会办公室' } });
    expect(programme.phases.map((p: { phase: string; plannedStart: string; plannedEnd: string | null; actualStart: string | null }) => [p.phase, p.plannedStart, p.plannedEnd, p.actualStart])).toEqual([
      ['LAUNCH', '2027-03-01', '2027-05-31', null],
      ['MOBILISATION', '2027-06-01', '2027-07-31', null],
      ['IMPLEMENTATION', '2027-08-01', '2029-08-31', null],
      ['ACCREDITATION', '2029-09-01', '2029-10-31', null],
      ['CONTINUOUS_IMPROVEMENT', '2029-11-01', null, null],
    ]);
    expect(programme.phases[0].tasks).toContain('举行建设全国安全社区启动仪式');
    const categories = programme.workingGroups.map((g: { category: string }) => g.category);
    expect(categories.filter((c: string) => c === 'PROJECT')).toHaveLength(7);
    expect(categories.filter((c: string) => c === 'NON_SPECIALIST')).toHaveLength(3);

    const group = await mutate('createHighRiskGroup', 'CreateHighRiskGroupInput', 'group { id category name currentCount } userErrors { field code }', {
      programmeId: programme.id, category: 'DISABLED', name: '残疾人', mainRisks: '跌倒, 火灾逃生困难',
    });
    expect(group).toMatchObject({ group: { category: 'DISABLED', name: '残疾人', currentCount: 0 }, userErrors: [] });
    const again = await mutate('createHighRiskGroup', 'CreateHighRiskGroupInput', 'group { id } userErrors { field code }', {
      programmeId: programme.id, category: 'DISABLED', name: '残疾人', mainRisks: '重复',
    });
    expect(again).toEqual({ group: null, userErrors: [{ field: ['input', 'name'], code: 'DUPLICATE' }] });
  });

  it('records actual phase dates', async () => {
    const set = await mutate('setPhaseDates', 'SetPhaseDatesInput', 'phase { phase actualStart actualEnd late } userErrors { code }', {
      programmeId: ids.programme, phase: 'ACCREDITATION', actualStart: '2017-09-05', actualEnd: '2017-10-28',
    });
    expect(set).toEqual({ phase: { phase: 'ACCREDITATION', actualStart: '2017-09-05', actualEnd: '2017-10-28', late: false }, userErrors: [] });
  });
});
