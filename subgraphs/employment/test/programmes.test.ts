/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { creditCodeCheckCharacter } from '@hub/identifiers';
import { query } from '../../../test/support/database';
import { startTestSubgraph, type TestSubgraph } from './support';

const CREDIT_CODE = '91350100M000100Y43';
// Last calendar year: every date of it is in the past whenever the tests run (mutations refuse future dates).
const YEAR = new Date().getUTCFullYear() - 1;
const day = (monthDay: string): string => `${YEAR}-${monthDay}`;

/** Queries over the demo records, and the mutations of the remaining programmes. */
describe('employment programmes', () => {
  let hub: TestSubgraph;
  let district: string;
  let community: string;
  beforeAll(async () => {
    hub = await startTestSubgraph('employment_programmes', 400, 3);
    district = hub.population.regions.find((r) => r.level === 'DISTRICT')!.code;
    community = hub.population.regions.find((r) => r.level === 'COMMUNITY')!.code;
  });
  afterAll(async () => hub?.stop());

  it('pages the job fairs of a district newest first, with totalCount and cursors', async () => {
    const Q = `query ($code: String!, $after: String) { jobFairs(regionCode: $code, first: 2, after: $after) {
      totalCount pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id name heldOn positionsOffered seekersAttending intentsReached employers { name creditCode positionsOffered } } } } }`;
    const [{ n }] = (await query<{ n: string }>(hub.database.url, "SELECT count(*) AS n FROM employment.job_fair WHERE region_code LIKE $1 || '%'", [district])) as [{ n: string }];
    const seen: string[] = [];
    let after: string | null = null;
    let page: any;
    do {
      page = (await hub.gql(Q, { code: district, after })).jobFairs;
      expect(page.totalCount).toBe(Number(n));
      for (const edge of page.edges) {
        seen.push(edge.node.heldOn);
        expect(edge.node.positionsOffered).toBe(edge.node.employers.reduce((sum: number, e: { positionsOffered: number }) => sum + e.positionsOffered, 0));
        expect(edge.node.intentsReached).toBeLessThanOrEqual(edge.node.seekersAttending);
      }
      after = page.pageInfo.endCursor;
    } while (page.pageInfo.hasNextPage);
    expect(seen).toHaveLength(Number(n));
    const [fair] = await query<{ id: string; name: string }>(hub.database.url, 'SELECT id, name FROM employment.job_fair ORDER BY id LIMIT 1');
    const lookups = await hub.gql(`query ($id: ID!) { jobFair(id: $id) { name } unknown: jobFair(id: "00000000-0000-4000-8000-000000000000") { name } malformed: microLoan(id: "42") { id } labourDispute(id: $id) { id } }`, { id: fair!.id });
    expect(lookups).toEqual({ jobFair: { name: fair!.name }, unknown: null, malformed: null, labourDispute: null });
    expect([...seen].sort().reverse()).toEqual(seen);
  });

  it('refuses bad query arguments with BAD_USER_INPUT naming the field', async () => {
    const bad = await hub.raw(`{ microLoans(regionCode: "37070") { totalCount } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    const big = await hub.raw(`{ labourDisputes(regionCode: "${district}", first: 101) { totalCount } }`);
    expect(big.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const cursor = await hub.raw(`{ trainingCourses(regionCode: "${district}", after: "nonsense") { totalCount } }`);
    expect(cursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const year = await hub.raw(`{ _entities(representations: [{ __typename: "Region", code: "${district}" }]) { ... on Region { employmentTargets(year: 1800) { indicator } } } }`);
    expect(year.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'year' });
  });

  it('lists the other programmes of a region from the demo records', async () => {
    const data = await hub.gql(`query ($code: String!) {
      trainingCourses(regionCode: $code, kind: SYB) { totalCount edges { node { kind enrolled completed } } }
      informalOrganisations(regionCode: $code) { totalCount edges { node { creditCode currentMembers members { person { id } } } } }
      incubatedEnterprises(regionCode: $code) { totalCount edges { node { annualTax jobsCreated base { kind } } } }
      entrepreneurshipBases(regionCode: $code) { totalCount edges { node { kind areaSqm } } }
      labourInspections(regionCode: $code) { totalCount edges { node { kind violationFound employerCreditCode } } }
      labourDisputes(regionCode: $code) { totalCount edges { node { status category claim } } }
      flexibleEmploymentSubsidies(regionCode: $code) { totalCount edges { node { status amount months } } }
      selfManagementGroups(regionCode: $code) { name memberCount }
      publicityArticles(regionCode: $code, first: 100) { totalCount edges { node { level publishedOn } } }
    }`, { code: district });
    const [articles] = await query<{ n: string }>(hub.database.url, "SELECT count(*) AS n FROM employment.publicity_article WHERE region_code LIKE $1 || '%'", [district]);
    expect(data.publicityArticles.totalCount).toBe(Number(articles!.n));
    expect(data.publicityArticles.edges.length).toBe(Math.min(100, Number(articles!.n)));
    const [counts] = await query<Record<string, string>>(
      hub.database.url,
      `SELECT (SELECT count(*) FROM employment.informal_organisation WHERE region_code LIKE $1 || '%') AS orgs,
              (SELECT count(*) FROM employment.labour_inspection WHERE region_code LIKE $1 || '%') AS inspections,
              (SELECT count(*) FROM employment.self_management_group WHERE region_code LIKE $1 || '%') AS groups,
              (SELECT count(*) FROM employment.retiree WHERE region_code LIKE $1 || '%') AS retirees`,
      [district],
    );
    expect(data.informalOrganisations.totalCount).toBe(Number(counts!.orgs));
    expect(data.labourInspections.totalCount).toBe(Number(counts!.inspections));
    expect(data.selfManagementGroups).toHaveLength(Number(counts!.groups));
    expect(data.selfManagementGroups.reduce((sum: number, g: { memberCount: number }) => sum + g.memberCount, 0)).toBe(Number(counts!.retirees));
    for (const edge of data.trainingCourses.edges) expect(edge.node.kind).toBe('SYB');
    const stats = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentStatistics { retirees selfManagementCoverageRate pensionCertificationRate } } } }`, { code: district });
    const [certified] = await query<{ n: string }>(hub.database.url, "SELECT count(DISTINCT c.person_id) AS n FROM employment.pension_certification c JOIN employment.retiree r ON r.person_id = c.person_id WHERE c.year = $2 AND r.region_code LIKE $1 || '%'", [district, YEAR + 1]);
    const rolled = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentTargets(year: 2026) { indicator targetCount } } } }`, { code: district });
    const [sum] = await query<{ n: string }>(hub.database.url, "SELECT sum(target) AS n FROM employment.employment_target WHERE indicator = 'NEW_URBAN_EMPLOYMENT' AND year = 2026 AND region_code LIKE $1 || '%'", [district]);
    expect(rolled._entities[0].employmentTargets.find((t: any) => t.indicator === 'NEW_URBAN_EMPLOYMENT').targetCount).toBe(Number(sum!.n));
    expect(stats._entities[0].employmentStatistics).toEqual({
      retirees: Number(counts!.retirees),
      selfManagementCoverageRate: 100,
      pensionCertificationRate: Math.round((Number(certified!.n) * 1000) / Number(counts!.retirees)) / 10,
    });
    for (const edge of data.flexibleEmploymentSubsidies.edges) expect(Number(edge.node.amount)).toBeLessThanOrEqual(600 * edge.node.months);
  });

  it('records visits, placements, job fairs, organisations, bases, enterprises, insurance, disputes and inspections, refusing bad input', async () => {
    // A registered unemployed, certified person from the demo data.
    const [person] = await query<{ person_id: string; household_id: string }>(
      hub.database.url,
      `SELECT c.person_id, c.household_id FROM employment.difficulty_certification c JOIN employment.employment_status_period p ON p.person_id = c.person_id AND p.end_date IS NULL
        WHERE c.ended_on IS NULL AND p.status = 'REGISTERED_UNEMPLOYED' AND p.start_date < $1 AND c.certified_on < $1 ORDER BY c.person_id LIMIT 1`,
      [day('01-15')],
    );
    expect(person).toBeDefined();
    const { person_id: personId, household_id: householdId } = person!;

    const visit = await hub.gql(`mutation ($input: RecordAssistanceVisitInput!) { recordAssistanceVisit(input: $input) { visit { household { id } person { id } outcome } userErrors { field code } } }`, {
      input: { householdId, personId, campaign: `${YEAR}年就业援助月`, visitedOn: day('01-20'), visitor: '王社工', outcome: 'JOB_REFERRED' },
    });
    expect(visit.recordAssistanceVisit).toEqual({ visit: { household: { id: householdId }, person: { id: personId }, outcome: 'JOB_REFERRED' }, userErrors: [] });
    const stranger = await hub.gql(`mutation ($input: RecordAssistanceVisitInput!) { recordAssistanceVisit(input: $input) { visit { outcome } userErrors { field code } } }`, {
      input: { householdId, personId: hub.population.persons.find((p) => p.householdId !== householdId)!.id, campaign: 'x', visitedOn: day('01-20'), visitor: '王社工', outcome: 'PLACED' },
    });
    expect(stranger.recordAssistanceVisit.userErrors).toEqual([{ field: ['input', 'personId'], code: 'INVALID' }]);

    const PLACE = `mutation ($input: RecordPlacementInput!) { recordPlacement(input: $input) { placement { kind difficultPerson placedOn } userErrors { field code } } }`;
    const noEmployer = await hub.gql(PLACE, { input: { personId, kind: 'PUBLIC_WELFARE_POST', position: '社区保洁员', placedOn: day('02-01') } });
    expect(noEmployer.recordPlacement.userErrors.map((e: { field: string[] }) => e.field[1])).toEqual(['employerName', 'employerCreditCode']);
    const placed = await hub.gql(PLACE, { input: { personId, kind: 'PUBLIC_WELFARE_POST', employerName: '街道公益性岗位开发中心', employerCreditCode: CREDIT_CODE, position: '社区保洁员', placedOn: day('02-01') } });
    expect(placed.recordPlacement).toEqual({ placement: { kind: 'PUBLIC_WELFARE_POST', difficultPerson: true, placedOn: day('02-01') }, userErrors: [] });
    const status = await hub.gql(`query ($id: ID!) { _entities(representations: [{ __typename: "Person", id: $id }]) { ... on Person { employmentStatus { status since } employmentRegistrations { kind reemployment employerCreditCode } } } }`, { id: personId });
    expect(status._entities[0].employmentStatus).toEqual({ status: 'EMPLOYED', since: day('02-01') });
    expect(status._entities[0].employmentRegistrations[0]).toEqual({ kind: 'EMPLOYMENT', reemployment: true, employerCreditCode: CREDIT_CODE });

    const FAIR = `mutation ($input: RecordJobFairInput!) { recordJobFair(input: $input) { jobFair { positionsOffered intentsReached } userErrors { field code } } }`;
    const fairInput = { name: '春风行动专场招聘会', regionCode: district, heldOn: day('03-07'), venue: '市劳动局就业介绍中心', seekersAttending: 700, intentsReached: 412, employers: [{ name: '红宝石集团', creditCode: CREDIT_CODE, positionsOffered: 600 }, { name: '大庆宾馆', creditCode: '91350100M000100Y43', positionsOffered: 400 }] };
    const dupEmployer = await hub.gql(FAIR, { input: fairInput });
    expect(dupEmployer.recordJobFair.userErrors).toEqual([{ field: ['input', 'employers', '1', 'creditCode'], code: 'DUPLICATE' }]);
    const tooMany = await hub.gql(FAIR, { input: { ...fairInput, intentsReached: 701, employers: [fairInput.employers[0]] } });
    expect(tooMany.recordJobFair.userErrors).toEqual([{ field: ['input', 'intentsReached'], code: 'INVALID' }]);
    const fair = await hub.gql(FAIR, { input: { ...fairInput, employers: [fairInput.employers[0]] } });
    expect(fair.recordJobFair).toEqual({ jobFair: { positionsOffered: 600, intentsReached: 412 }, userErrors: [] });

    const ORG = `mutation ($input: RegisterInformalOrganisationInput!) { registerInformalOrganisation(input: $input) { organisation { id creditCode currentMembers } userErrors { field code } } }`;
    const badCode = await hub.gql(ORG, { input: { name: '百帮家政服务社', creditCode: '91350100M000100Y4I', regionCode: community, activity: '家政服务', registeredOn: day('02-01') } });
    expect(badCode.registerInformalOrganisation.userErrors).toEqual([{ field: ['input', 'creditCode'], code: 'INVALID' }]);
    const org = await hub.gql(ORG, { input: { name: '百帮家政服务社', creditCode: '91350100m000100y43', regionCode: community, activity: '家政服务', registeredOn: day('02-01') } });
    expect(org.registerInformalOrganisation.organisation).toMatchObject({ creditCode: CREDIT_CODE, currentMembers: 0 });
    const MEMBER = `mutation ($input: AddInformalOrganisationMemberInput!) { addInformalOrganisationMember(input: $input) { organisation { currentMembers } userErrors { field code } } }`;
    const organisationId = org.registerInformalOrganisation.organisation.id;
    expect((await hub.gql(MEMBER, { input: { organisationId, personId, joinedOn: day('01-15') } })).addInformalOrganisationMember.userErrors).toEqual([{ field: ['input', 'joinedOn'], code: 'INVALID' }]);
    expect((await hub.gql(MEMBER, { input: { organisationId, personId, joinedOn: day('02-15') } })).addInformalOrganisationMember).toEqual({ organisation: { currentMembers: 1 }, userErrors: [] });
    expect((await hub.gql(MEMBER, { input: { organisationId, personId, joinedOn: day('02-16') } })).addInformalOrganisationMember.userErrors).toEqual([{ field: ['input', 'personId'], code: 'DUPLICATE' }]);
    const LEAVE = `mutation ($input: LeaveInformalOrganisationInput!) { leaveInformalOrganisation(input: $input) { organisation { currentMembers members { leftOn } } userErrors { field code } } }`;
    expect((await hub.gql(LEAVE, { input: { organisationId, personId, leftOn: day('02-10') } })).leaveInformalOrganisation.userErrors).toEqual([{ field: ['input', 'leftOn'], code: 'INVALID' }]);
    expect((await hub.gql(LEAVE, { input: { organisationId, personId, leftOn: day('06-30') } })).leaveInformalOrganisation).toEqual({ organisation: { currentMembers: 0, members: [{ leftOn: day('06-30') }] }, userErrors: [] });
    expect((await hub.gql(LEAVE, { input: { organisationId, personId, leftOn: day('07-01') } })).leaveInformalOrganisation.userErrors).toEqual([{ field: ['input', 'personId'], code: 'NOT_FOUND' }]);

    const base = await hub.gql(`mutation ($input: RecordEntrepreneurshipBaseInput!) { recordEntrepreneurshipBase(input: $input) { base { id kind } userErrors { code } } }`, {
      input: { kind: 'INCUBATION_BASE', name: '新增创业基地', regionCode: district, areaSqm: 260, establishedOn: day('03-01'), jobsDriven: 12 },
    });
    const enterprise = await hub.gql(`mutation ($input: RecordIncubatedEnterpriseInput!) { recordIncubatedEnterprise(input: $input) { enterprise { annualTax base { kind } founder { id } } userErrors { field code } } }`, {
      input: { name: '百帮物业管理有限公司', creditCode: '91370703MA3C00000X', regionCode: district, founderPersonId: personId, baseId: base.recordEntrepreneurshipBase.base.id, incubatedOn: day('04-01'), jobsCreated: 15, annualTax: '85000.00' },
    });
    // The code above has a wrong check character: refused, nothing written.
    expect(enterprise.recordIncubatedEnterprise.userErrors).toEqual([{ field: ['input', 'creditCode'], code: 'INVALID' }]);
    const validCode = `91370703MA3C00000${creditCodeCheckCharacter('91370703MA3C00000')}`;
    const incubated = await hub.gql(`mutation ($input: RecordIncubatedEnterpriseInput!) { recordIncubatedEnterprise(input: $input) { enterprise { annualTax base { kind } founder { id } } userErrors { field code } } }`, {
      input: { name: '百帮物业管理有限公司', creditCode: validCode, regionCode: district, founderPersonId: personId, baseId: base.recordEntrepreneurshipBase.base.id, incubatedOn: day('04-01'), jobsCreated: 15, annualTax: '85000.00' },
    });
    expect(incubated.recordIncubatedEnterprise).toEqual({ enterprise: { annualTax: '85000.00', base: { kind: 'INCUBATION_BASE' }, founder: { id: personId } }, userErrors: [] });
    const targets = await hub.gql(`query ($code: String!) { _entities(representations: [{ __typename: "Region", code: $code }]) { ... on Region { employmentTargets(year: ${YEAR}) { indicator actualCount actualAmount } } } }`, { code: district });
    const actual = (indicator: string) => targets._entities[0].employmentTargets.find((t: { indicator: string }) => t.indicator === indicator);
    expect(actual('INCUBATED_ENTERPRISES').actualCount).toBeGreaterThanOrEqual(1);
    expect(Number(actual('INCUBATED_ENTERPRISE_TAX').actualAmount)).toBeGreaterThanOrEqual(85000);
    expect(actual('ENTREPRENEURSHIP_BASE_AREA').actualCount).toBeGreaterThanOrEqual(260);

    const INSURE = `mutation ($input: EnrolInsuranceInput!) { enrolInsurance(input: $input) { enrolment { scheme year contribution } userErrors { field code } } }`;
    const insured = await hub.gql(INSURE, { input: { personId, scheme: 'RESIDENT_MEDICAL', year: YEAR + 1, enrolledOn: day('09-01'), contribution: '380.00' } });
    expect(insured.enrolInsurance).toEqual({ enrolment: { scheme: 'RESIDENT_MEDICAL', year: YEAR + 1, contribution: '380.00' }, userErrors: [] });
    expect((await hub.gql(INSURE, { input: { personId, scheme: 'RESIDENT_MEDICAL', year: YEAR + 1, enrolledOn: day('09-02'), contribution: '380.00' } })).enrolInsurance.userErrors).toEqual([{ field: ['input', 'personId'], code: 'DUPLICATE' }]);
    expect((await hub.gql(INSURE, { input: { personId, scheme: 'RESIDENT_PENSION', year: YEAR + 3, enrolledOn: day('09-02'), contribution: '200.00' } })).enrolInsurance.userErrors).toEqual([{ field: ['input', 'enrolledOn'], code: 'INVALID' }]);

    const DISPUTE = `mutation ($input: RecordLabourDisputeInput!) { recordLabourDispute(input: $input) { dispute { id status claim applicant { id } } userErrors { field code } } }`;
    const dispute = await hub.gql(DISPUTE, { input: { regionCode: community, applicantPersonId: personId, employerName: '某建筑公司', employerCreditCode: CREDIT_CODE, category: 'WAGES', claim: '12000.00', receivedOn: day('04-02') } });
    expect(dispute.recordLabourDispute.dispute).toMatchObject({ status: 'RECEIVED', claim: '12000.00', applicant: { id: personId } });
    const ADVANCE = `mutation ($input: AdvanceLabourDisputeInput!) { advanceLabourDispute(input: $input) { dispute { status closedOn outcome } userErrors { field code } } }`;
    const disputeId = dispute.recordLabourDispute.dispute.id;
    expect((await hub.gql(ADVANCE, { input: { disputeId, action: 'SETTLE', on: day('04-05'), outcome: '分期支付' } })).advanceLabourDispute.userErrors).toEqual([{ field: ['input', 'action'], code: 'INVALID_TRANSITION' }]);
    expect((await hub.gql(ADVANCE, { input: { disputeId, action: 'START_MEDIATION', on: day('04-03') } })).advanceLabourDispute.dispute).toEqual({ status: 'MEDIATING', closedOn: null, outcome: null });
    expect((await hub.gql(ADVANCE, { input: { disputeId, action: 'SETTLE', on: day('04-10') } })).advanceLabourDispute.userErrors).toEqual([{ field: ['input', 'outcome'], code: 'REQUIRED' }]);
    expect((await hub.gql(ADVANCE, { input: { disputeId, action: 'SETTLE', on: day('04-10'), outcome: '双方达成协议, 分期支付' } })).advanceLabourDispute.dispute).toEqual({ status: 'SETTLED', closedOn: day('04-10'), outcome: '双方达成协议, 分期支付' });

    const INSPECT = `mutation ($input: RecordLabourInspectionInput!) { recordLabourInspection(input: $input) { inspection { violationFound resolvedOn } userErrors { field code } } }`;
    const inspection = { regionCode: community, employerName: '某餐饮公司', employerCreditCode: CREDIT_CODE, kind: 'COMPLAINT', inspectedOn: day('05-01'), inspector: '李监察', findings: '拖欠工资两个月', violationFound: true, resolvedOn: day('04-20') };
    expect((await hub.gql(INSPECT, { input: inspection })).recordLabourInspection.userErrors).toEqual([{ field: ['input', 'resolvedOn'], code: 'INVALID' }]);
    expect((await hub.gql(INSPECT, { input: { ...inspection, resolvedOn: day('05-20') } })).recordLabourInspection).toEqual({ inspection: { violationFound: true, resolvedOn: day('05-20') }, userErrors: [] });
  });

  it('ends a difficulty certification once and needs an SYB certificate before practical training', async () => {
    const [cert] = await query<{ id: string; person_id: string; certified_on: Date }>(hub.database.url, 'SELECT id, person_id, certified_on FROM employment.difficulty_certification WHERE ended_on IS NULL ORDER BY id LIMIT 1');
    const END = `mutation ($input: EndEmploymentDifficultyInput!) { endEmploymentDifficulty(input: $input) { certification { status endedOn endReason } userErrors { field code } } }`;
    const endedOn = new Date(cert!.certified_on.getTime() + 86_400_000).toISOString().slice(0, 10);
    expect((await hub.gql(END, { input: { certificationId: cert!.id, endedOn, reason: '已稳定就业' } })).endEmploymentDifficulty.certification).toEqual({ status: 'ENDED', endedOn, endReason: '已稳定就业' });
    expect((await hub.gql(END, { input: { certificationId: cert!.id, endedOn, reason: 'again' } })).endEmploymentDifficulty.userErrors).toEqual([{ field: ['input', 'certificationId'], code: 'INVALID_TRANSITION' }]);

    const course = await hub.gql(`mutation ($input: CreateTrainingCourseInput!) { createTrainingCourse(input: $input) { course { id } userErrors { field code } } }`, {
      input: { regionCode: community, kind: 'ENTREPRENEURSHIP_PRACTICE', name: '创业实训班', provider: '区创业指导中心', startsOn: day('06-01'), endsOn: day('06-20'), capacity: 30 },
    });
    const courseId = course.createTrainingCourse.course.id;
    const [noSyb] = await query<{ person_id: string }>(
      hub.database.url,
      `SELECT l.person_id FROM employment.labour_force_member l WHERE NOT EXISTS (SELECT 1 FROM employment.training_enrolment e WHERE e.person_id = l.person_id) ORDER BY l.person_id LIMIT 1`,
    );
    const ENROL = `mutation ($input: EnrolInTrainingInput!) { enrolInTraining(input: $input) { enrolment { id status } userErrors { field code } } }`;
    expect((await hub.gql(ENROL, { input: { courseId, personId: noSyb!.person_id, enrolledOn: day('05-20') } })).enrolInTraining.userErrors).toEqual([{ field: ['input', 'personId'], code: 'RULE_VIOLATION' }]);
    // Completing an SYB course with its certificate opens practical training.
    const syb = await hub.gql(`mutation ($input: CreateTrainingCourseInput!) { createTrainingCourse(input: $input) { course { id } userErrors { field code } } }`, {
      input: { regionCode: community, kind: 'SYB', name: 'SYB创业培训班', provider: '区创业指导中心', startsOn: day('04-01'), endsOn: day('04-10'), capacity: 30 },
    });
    const sybEnrolment = await hub.gql(ENROL, { input: { courseId: syb.createTrainingCourse.course.id, personId: noSyb!.person_id, enrolledOn: day('03-25') } });
    const completed = await hub.gql(`mutation ($input: CompleteTrainingInput!) { completeTraining(input: $input) { enrolment { status completedOn certificateNumber } userErrors { field code } } }`, {
      input: { enrolmentId: sybEnrolment.enrolInTraining.enrolment.id, completedOn: day('04-10'), certificateNumber: 'SYB2026-0001' },
    });
    expect(completed.completeTraining).toEqual({ enrolment: { status: 'COMPLETED', completedOn: day('04-10'), certificateNumber: 'SYB2026-0001' }, userErrors: [] });
    expect((await hub.gql(ENROL, { input: { courseId, personId: noSyb!.person_id, enrolledOn: day('05-20') } })).enrolInTraining).toMatchObject({ enrolment: { status: 'ENROLLED' }, userErrors: [] });
    const again = await hub.gql(ENROL, { input: { courseId, personId: noSyb!.person_id, enrolledOn: day('05-21') } });
    expect(again.enrolInTraining.userErrors).toEqual([{ field: ['input', 'personId'], code: 'DUPLICATE' }]);
    const practice = await query<{ id: string }>(hub.database.url, 'SELECT id FROM employment.training_enrolment WHERE course_id = $1 AND person_id = $2', [courseId, noSyb!.person_id]);
    const DROP = `mutation ($input: DropTrainingInput!) { dropTraining(input: $input) { enrolment { status completedOn course { enrolled } } userErrors { field code } } }`;
    expect((await hub.gql(DROP, { input: { enrolmentId: practice[0]!.id, droppedOn: day('06-05') } })).dropTraining).toEqual({ enrolment: { status: 'DROPPED', completedOn: day('06-05'), course: { enrolled: 0 } }, userErrors: [] });
    expect((await hub.gql(DROP, { input: { enrolmentId: practice[0]!.id, droppedOn: day('06-06') } })).dropTraining.userErrors).toEqual([{ field: ['input', 'enrolmentId'], code: 'INVALID_TRANSITION' }]);
  });
});
