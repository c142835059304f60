/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
// The access model inside the employment subgraph: what each demo role may read, the DISABILITY audit, the audit
// query, jurisdiction on every entry point (root fields, _entities, fields reached through records, statistics,
// mutations) and the gateway token every request needs.
import { randomUUID } from 'node:crypto';
import { callerForRole, type Caller, type RoleName } from '@hub/access';
import { creditCodeCheckCharacter } from '@hub/identifiers';
import { query } from '../../../test/support/database';
import { fullAccessCaller, gatewayHeaders, refusedSubgraphAuthorizations, roleGatewayHeaders } from '../../../test/support/access';
import { startTestSubgraph, tableSnapshot, type TestSubgraph } from './support';

const PURPOSE = '就业援助复核 (automated test)';
const DISTRICT = '370703'; // 奎文区
const EAST = '370703001'; // 东关街道
const EAST_A = '370703001001'; // 和平社区
const WEST = '370703002'; // 大虞街道
const WEST_A = '370703002001'; // 民生社区
// Last calendar year: every date of it is in the past whenever the tests run (mutations refuse future dates).
const YEAR = new Date().getUTCFullYear() - 1;
const day = (monthDay: string): string => `${YEAR}-${monthDay}`;
const creditCode = (n: number): string => {
  const first17 = `91370703MA${String(n).padStart(7, '0')}`;
  return first17 + creditCodeCheckCharacter(first17);
};

const as = (caller: Caller) => gatewayHeaders('employment', caller);
const role = (name: RoleName, region?: string, purpose: string | null = PURPOSE) => roleGatewayHeaders('employment', name, region, purpose);
/** The employment officer's role scoped to a subdistrict (a district officer sees both subdistricts). */
const officerOf = (region: string, purpose: string | null = PURPOSE) => as(callerForRole('employment-officer', region, purpose));

const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

describe('employment access model', () => {
  let hub: TestSubgraph;
  /** Records made for these tests: one of each kind in the east (和平社区) and in the west (民生社区). */
  const east = { personId: randomUUID(), householdId: randomUUID() } as Record<string, string>;
  const west = { personId: randomUUID(), householdId: randomUUID() } as Record<string, string>;

  async function write(mutation: string, input: Record<string, unknown>): Promise<any> {
    const name = /\{\s*(\w+)\(/.exec(mutation)![1]!;
    const data = await hub.gql(mutation, { input });
    expect(data[name].userErrors).toEqual([]);
    return data[name];
  }

  async function seed(side: Record<string, string>, community: string, n: number): Promise<void> {
    await write(`mutation ($input: EnrolLabourForceMemberInput!) { enrolLabourForceMember(input: $input) { person { id } userErrors { message } } }`, {
      personId: side.personId,
      householdId: side.householdId,
      regionCode: community,
      birthDate: '1985-03-02',
      gender: 'MALE',
      status: 'UNEMPLOYED',
      since: '2010-01-01',
    });
    await write(`mutation ($input: RegisterUnemploymentInput!) { registerUnemployment(input: $input) { registration { id } userErrors { message } } }`, {
      personId: side.personId,
      registeredOn: day('01-10'),
    });
    side.certificationId = (
      await write(`mutation ($input: CertifyEmploymentDifficultyInput!) { certifyEmploymentDifficulty(input: $input) { certification { id } userErrors { message } } }`, {
        personId: side.personId,
        certifiedOn: day('02-01'),
        statedCategories: ['OTHER'],
      })
    ).certification.id;
    side.courseId = (
      await write(`mutation ($input: CreateTrainingCourseInput!) { createTrainingCourse(input: $input) { course { id } userErrors { message } } }`, {
        regionCode: community,
        kind: 'SKILLS',
        name: `育婴师培训 ${community}`,
        provider: '奎文区职业培训学校',
        startsOn: day('03-01'),
        endsOn: day('03-20'),
        capacity: 30,
      })
    ).course.id;
    side.jobFairId = (
      await write(`mutation ($input: RecordJobFairInput!) { recordJobFair(input: $input) { jobFair { id } userErrors { message } } }`, {
        name: `春风行动招聘会 ${community}`,
        regionCode: community,
        heldOn: day('02-15'),
        venue: '社区服务中心',
        employers: [{ name: '大庆宾馆', creditCode: creditCode(n), positionsOffered: 12 }],
        seekersAttending: 80,
        intentsReached: 20,
      })
    ).jobFair.id;
    side.loanId = (
      await write(`mutation ($input: ApplyMicroLoanInput!) { applyMicroLoan(input: $input) { loan { id } userErrors { message } } }`, {
        personId: side.personId,
        borrowerKind: 'INDIVIDUAL',
        businessName: '便民早餐店',
        amount: '50000.00',
        appliedOn: day('04-01'),
      })
    ).loan.id;
    side.organisationId = (
      await write(`mutation ($input: RegisterInformalOrganisationInput!) { registerInformalOrganisation(input: $input) { organisation { id } userErrors { message } } }`, {
        name: `家政服务社 ${community}`,
        creditCode: creditCode(n + 1),
        regionCode: community,
        activity: '家政服务',
        registeredOn: day('01-05'),
      })
    ).organisation.id;
    await write(`mutation ($input: AddInformalOrganisationMemberInput!) { addInformalOrganisationMember(input: $input) { organisation { id } userErrors { message } } }`, {
      organisationId: side.organisationId,
      personId: side.personId,
      joinedOn: day('05-01'),
    });
    side.disputeId = (
      await write(`mutation ($input: RecordLabourDisputeInput!) { recordLabourDispute(input: $input) { dispute { id } userErrors { message } } }`, {
        regionCode: community,
        applicantPersonId: side.personId,
        employerName: '红宝石集团',
        employerCreditCode: creditCode(n + 2),
        category: 'WAGES',
        claim: '3000.00',
        receivedOn: day('06-01'),
      })
    ).dispute.id;
    await write(`mutation ($input: SetEmploymentTargetInput!) { setEmploymentTarget(input: $input) { target { indicator } userErrors { message } } }`, {
      regionCode: community,
      year: YEAR,
      indicator: 'NEW_URBAN_EMPLOYMENT',
      targetCount: n,
    });
  }

  beforeAll(async () => {
    hub = await startTestSubgraph('employment_access', 50);
    await seed(east, EAST_A, 100);
    await seed(west, WEST_A, 200);
    // The west's person also works for the east's organisation: the east sees the organisation, not that member.
    await write(`mutation ($input: AddInformalOrganisationMemberInput!) { addInformalOrganisationMember(input: $input) { organisation { id } userErrors { message } } }`, {
      organisationId: east.organisationId,
      personId: west.personId,
      joinedOn: day('05-02'),
    });
    // And brought a dispute to the east's mediation room.
    east.crossDisputeId = (
      await write(`mutation ($input: RecordLabourDisputeInput!) { recordLabourDispute(input: $input) { dispute { id } userErrors { message } } }`, {
        regionCode: EAST_A,
        applicantPersonId: west.personId,
        employerName: '红宝石集团',
        employerCreditCode: creditCode(300),
        category: 'DISMISSAL',
        receivedOn: day('06-02'),
      })
    ).dispute.id;
  });
  afterAll(async () => hub?.stop());

  const snapshot = () => tableSnapshot(hub.database.url);

  const auditRows = () => query<Record<string, any>>(hub.database.url, 'SELECT * FROM employment.access_audit ORDER BY id');

  const personRep = (side: Record<string, string>, disabilityGrade: number | null = 2) => ({
    __typename: 'Person',
    id: side.personId,
    deceased: false,
    disabilityGrade,
    household: { receivesDibao: false },
  });

  describe('what each demo role reads', () => {
    const VIEW = `query ($reps: [_Any!]!, $year: Int!) {
      _entities(representations: $reps) {
        ... on Person { employmentStatus { status } employmentDifficulty { certified } pensionEligibility(year: $year) { outcome } }
        ... on Region { employmentStatistics { employed } employmentTargets(year: $year) { indicator } }
      }
    }`;
    // Person in 和平社区, so inside every role's default region (the grid worker's is 和平社区 itself).
    const FIELDS = ['Person.employmentStatus', 'Person.employmentDifficulty', 'Person.pensionEligibility', 'Region.employmentStatistics', 'Region.employmentTargets'];
    const MATRIX: Record<RoleName, string[]> = {
      'grid-worker': FIELDS,
      'civil-affairs-officer': FIELDS,
      'employment-officer': FIELDS,
      'safety-officer': [],
      'dashboard-viewer': ['Region.employmentStatistics', 'Region.employmentTargets'],
      auditor: [],
    };

    it.each(Object.entries(MATRIX))('%s reads exactly its fields; the others are FORBIDDEN', async (name, allowed) => {
      const body = await hub.raw(VIEW, { reps: [personRep(east), { __typename: 'Region', code: EAST_A }], year: YEAR }, await role(name as RoleName));
      const forbidden = (body.errors ?? []).map((e) => {
        expect(e.extensions?.code).toBe('FORBIDDEN');
        const [, index, field] = e.path as [string, number, string];
        return `${index === 0 ? 'Person' : 'Region'}.${field}`;
      });
      expect(forbidden.sort()).toEqual(FIELDS.filter((f) => !allowed.includes(f)).sort());
      // Allowed fields answer what a caller with every scope reads (the person is no retiree: pensionEligibility null).
      const [person, region] = body.data._entities;
      const [fullPerson, fullRegion] = (await hub.gql(VIEW, { reps: [personRep(east), { __typename: 'Region', code: EAST_A }], year: YEAR }))._entities;
      expect(fullPerson.employmentDifficulty).not.toBeNull();
      expect(fullRegion.employmentStatistics).not.toBeNull();
      for (const field of allowed) {
        const [type, name] = field.split('.') as [string, string];
        expect((type === 'Person' ? person : region)[name]).toEqual((type === 'Person' ? fullPerson : fullRegion)[name]);
      }
    });

    it('needs civil-affairs:read besides employment:read for the fields computed from civil affairs (@requires)', async () => {
      const caller: Caller = { ...callerForRole('employment-officer', DISTRICT, PURPOSE), scopes: new Set(['employment:read']) };
      const body = await hub.raw(VIEW, { reps: [personRep(east)], year: YEAR }, await as(caller));
      expect(body.data._entities[0].employmentStatus).toEqual({ status: 'REGISTERED_UNEMPLOYED' });
      expect(body.errors!.map((e) => [e.path!.at(-1), e.extensions?.code])).toEqual(
        expect.arrayContaining([
          ['employmentDifficulty', 'FORBIDDEN'],
          ['pensionEligibility', 'FORBIDDEN'],
        ]),
      );
      expect(body.errors).toHaveLength(2);
    });

    it('refuses mutations to a role without employment:write, writing nothing', async () => {
      const before = await snapshot();
      const body = await hub.raw(
        `mutation ($input: RecordPublicityArticleInput!) { recordPublicityArticle(input: $input) { article { id } userErrors { message } } }`,
        { input: { regionCode: EAST_A, title: '就业援助月活动', outlet: '潍坊日报', level: 'MUNICIPAL', publishedOn: day('03-03') } },
        await role('grid-worker', EAST_A),
      );
      expect(codes(body.errors)).toEqual(['FORBIDDEN']);
      expect(await snapshot()).toBe(before);
    });
  });

  describe('DISABILITY: the employment-difficulty standing is computed from the disability grade and can reveal it', () => {
    const CATEGORIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id employmentDifficulty { certified categories } } } }`;

    it('answers with a purpose and writes one audit row naming the person and the field, never the values', async () => {
      const before = (await auditRows()).length;
      const data = await hub.gql(CATEGORIES, { reps: [personRep(east, 2)] }, await role('employment-officer'));
      expect(data._entities[0].employmentDifficulty).toEqual({ certified: true, categories: expect.arrayContaining(['DISABLED', 'OTHER']) });
      const rows = await auditRows();
      expect(rows).toHaveLength(before + 1);
      const row = rows.at(-1)!;
      expect(row).toMatchObject({
        subject: `demo-employment-officer-${DISTRICT}`,
        department: 'employment',
        purpose: PURPOSE,
        subgraph: 'employment',
        categories: ['DISABILITY'],
        fields: ['Person.employmentDifficulty'],
        person_ids: [east.personId],
      });
      // Which categories applied (DISABLED) and the grade stay out of the trail.
      expect(JSON.stringify(row)).not.toMatch(/DISABLED|OTHER|disabilityGrade/);
    });

    it('refuses it without an X-Purpose (FORBIDDEN naming the header) and writes no audit row; the other records stay readable', async () => {
      const before = (await auditRows()).length;
      const body = await hub.raw(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { id employmentStatus { status } employmentDifficulty { certified } } } }`,
        { reps: [personRep(east, 2)] },
        await role('employment-officer', undefined, null),
      );
      expect(codes(body.errors)).toEqual(['FORBIDDEN']);
      expect(body.errors![0]!.path).toEqual(['_entities', 0, 'employmentDifficulty']);
      expect(body.errors![0]!.message).toMatch(/X-Purpose/);
      expect(body.data._entities[0]).toEqual({ id: east.personId, employmentStatus: { status: 'REGISTERED_UNEMPLOYED' }, employmentDifficulty: null });
      expect(await auditRows()).toHaveLength(before);
    });

    it('writes no audit row for reads of other employment records, purpose or not (employment holds no ID numbers or phones to unmask)', async () => {
      const before = (await auditRows()).length;
      await hub.gql(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on Person { employmentStatus { status } employmentHistory { status } employmentRegistrations { certificateNumber employerName }
            placements { position } microLoans { amount } labourDisputes { claim } informalEmployment { joinedOn } retirement { monthlyPension } }
          ... on Household { zeroEmploymentFamily { current } assistanceVisits { visitor } }
        } }`,
        { reps: [personRep(east), { __typename: 'Household', id: east.householdId }] },
        await role('employment-officer'),
      );
      expect(await auditRows()).toHaveLength(before);
    });
  });

  describe('employmentAccessAudit', () => {
    const AUDIT = `query ($personId: ID, $subject: String, $first: Int, $beforeId: ID) {
      employmentAccessAudit(personId: $personId, subject: $subject, first: $first, beforeId: $beforeId) { id subject department purpose subgraph categories fields personIds occurredAt requestId }
    }`;

    it('answers the auditor, newest first, filtered by person and subject and paged by id', async () => {
      const reps = [personRep(east, 2)];
      const CATEGORIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { employmentDifficulty { categories } } } }`;
      await hub.gql(CATEGORIES, { reps }, await role('employment-officer'));
      await hub.gql(CATEGORIES, { reps }, await role('grid-worker', EAST_A));
      const auditor = await role('auditor', DISTRICT, null);
      const all = (await hub.gql(AUDIT, { personId: east.personId }, auditor)).employmentAccessAudit;
      expect(all.length).toBeGreaterThanOrEqual(2);
      expect(all.every((e: any) => e.personIds.includes(east.personId) && e.categories.includes('DISABILITY'))).toBe(true);
      expect(all.map((e: any) => Number(e.id))).toEqual([...all.map((e: any) => Number(e.id))].sort((a, b) => b - a));
      expect(all[0]).toMatchObject({ subject: `demo-grid-worker-${EAST_A}`, department: 'community', purpose: PURPOSE, subgraph: 'employment', fields: ['Person.employmentDifficulty'] });
      const bySubject = (await hub.gql(AUDIT, { subject: `demo-grid-worker-${EAST_A}` }, auditor)).employmentAccessAudit;
      expect(bySubject.length).toBeGreaterThan(0);
      expect(bySubject.every((e: any) => e.subject === `demo-grid-worker-${EAST_A}`)).toBe(true);
      const [first] = (await hub.gql(AUDIT, { first: 1 }, auditor)).employmentAccessAudit;
      const next = (await hub.gql(AUDIT, { first: 100, beforeId: first.id }, auditor)).employmentAccessAudit;
      expect(next.every((e: any) => Number(e.id) < Number(first.id))).toBe(true);
      expect(next.length).toBe((await auditRows()).length - 1);
    });

    it.each(['employment-officer', 'civil-affairs-officer', 'grid-worker', 'dashboard-viewer', 'safety-officer'] as RoleName[])('is FORBIDDEN to the %s', async (name) => {
      const body = await hub.raw(AUDIT, {}, await role(name));
      expect(codes(body.errors)).toEqual(['FORBIDDEN']);
      expect(body.data).toBeNull();
    });

    it.each([
      ['first', { first: 0 }],
      ['first', { first: 101 }],
      ['personId', { personId: 'not-a-person' }],
      ['subject', { subject: '  ' }],
      ['beforeId', { beforeId: 'abc' }],
      ['beforeId', { beforeId: '99999999999999999999' }],
    ])('refuses a bad %s with BAD_USER_INPUT', async (field, variables) => {
      const body = await hub.raw(AUDIT, variables, await role('auditor', DISTRICT, null));
      expect(body.errors).toHaveLength(1);
      expect(body.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });

  describe('jurisdiction', () => {
    const BY_ID = `query ($fair: ID!, $course: ID!, $loan: ID!, $org: ID!, $dispute: ID!) {
      jobFair(id: $fair) { id } trainingCourse(id: $course) { id } microLoan(id: $loan) { id } informalOrganisation(id: $org) { id } labourDispute(id: $dispute) { id }
    }`;
    const byId = (side: Record<string, string>) => ({ fair: side.jobFairId, course: side.courseId, loan: side.loanId, org: side.organisationId, dispute: side.disputeId });

    it('answers root fields by id inside the jurisdiction and null outside it, as for an unknown id', async () => {
      const eastOfficer = await officerOf(EAST);
      expect(await hub.gql(BY_ID, byId(west), eastOfficer)).toEqual({ jobFair: null, trainingCourse: null, microLoan: null, informalOrganisation: null, labourDispute: null });
      expect(await hub.gql(BY_ID, byId(east), eastOfficer)).toEqual({
        jobFair: { id: east.jobFairId },
        trainingCourse: { id: east.courseId },
        microLoan: { id: east.loanId },
        informalOrganisation: { id: east.organisationId },
        labourDispute: { id: east.disputeId },
      });
    });

    const LISTS: [field: string, table: string][] = [
      ['jobFairs', 'job_fair'],
      ['trainingCourses', 'training_course'],
      ['microLoans', 'micro_loan'],
      ['flexibleEmploymentSubsidies', 'flexible_employment_subsidy'],
      ['informalOrganisations', 'informal_organisation'],
      ['incubatedEnterprises', 'incubated_enterprise'],
      ['entrepreneurshipBases', 'entrepreneurship_base'],
      ['publicityArticles', 'publicity_article'],
      ['labourDisputes', 'labour_dispute'],
      ['labourInspections', 'labour_inspection'],
    ];

    it.each(LISTS)('%s: a region wholly outside is FORBIDDEN, a wider one is narrowed to the jurisdiction', async (field, table) => {
      const eastOfficer = await officerOf(EAST);
      const outside = await hub.raw(`{ ${field}(regionCode: "${WEST}") { totalCount } }`, {}, eastOfficer);
      expect(codes(outside.errors)).toEqual(['FORBIDDEN']);
      expect(outside.data).toBeNull();
      const narrowed = await hub.gql(`{ ${field}(regionCode: "${DISTRICT}", first: 100) { totalCount edges { node { id } } } }`, {}, eastOfficer);
      const rows = await query<{ id: string }>(hub.database.url, `SELECT id FROM employment.${table} WHERE region_code LIKE $1`, [`${EAST}%`]);
      const [all] = await query<{ n: string }>(hub.database.url, `SELECT count(*) AS n FROM employment.${table} WHERE region_code LIKE $1`, [`${DISTRICT}%`]);
      expect(narrowed[field].totalCount).toBe(rows.length);
      expect(narrowed[field].edges.map((e: any) => e.node.id).sort()).toEqual(rows.map((r) => r.id).slice(0, 100).sort());
      // The district-wide figure is larger wherever the west has records of this kind (the fixtures give it several).
      if (['job_fair', 'training_course', 'micro_loan', 'informal_organisation', 'labour_dispute'].includes(table)) expect(Number(all!.n)).toBeGreaterThan(rows.length);
    });

    it('selfManagementGroups: FORBIDDEN outside, narrowed inside', async () => {
      const eastOfficer = await officerOf(EAST);
      expect(codes((await hub.raw(`{ selfManagementGroups(regionCode: "${WEST}") { id } }`, {}, eastOfficer)).errors)).toEqual(['FORBIDDEN']);
      const groups = (await hub.gql(`{ selfManagementGroups(regionCode: "${DISTRICT}") { id regionCode } }`, {}, eastOfficer)).selfManagementGroups;
      const rows = await query<{ id: string }>(hub.database.url, 'SELECT id FROM employment.self_management_group WHERE region_code LIKE $1', [`${EAST}%`]);
      expect(groups.map((g: any) => g.id).sort()).toEqual(rows.map((r) => r.id).sort());
    });

    it('answers _entities for Person, Household and Region outside the jurisdiction as null', async () => {
      const ENTITIES = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
        ... on Person { id employmentStatus { status } } ... on Household { id zeroEmploymentFamily { current } } ... on Region { code employmentStatistics { employed } }
      } }`;
      const reps = (side: Record<string, string>, region: string) => [personRep(side), { __typename: 'Household', id: side.householdId }, { __typename: 'Region', code: region }];
      const eastOfficer = await officerOf(EAST);
      expect((await hub.gql(ENTITIES, { reps: reps(west, WEST) }, eastOfficer))._entities).toEqual([null, null, null]);
      const inside = (await hub.gql(ENTITIES, { reps: reps(east, EAST) }, eastOfficer))._entities;
      expect(inside).toEqual([
        { id: east.personId, employmentStatus: { status: 'REGISTERED_UNEMPLOYED' } },
        { id: east.householdId, zeroEmploymentFamily: { current: true } },
        { code: EAST, employmentStatistics: { employed: expect.any(Number) } },
      ]);
    });

    it('hides person-level records reached through a record inside the jurisdiction: members and applicants from outside', async () => {
      const eastOfficer = await officerOf(EAST);
      const data = await hub.gql(
        `query ($org: ID!, $dispute: ID!) {
          informalOrganisation(id: $org) { currentMembers members { person { id } } }
          labourDispute(id: $dispute) { applicant { id employmentStatus { status } microLoans { id } employmentDifficulty { certified } } }
        }`,
        { org: east.organisationId, dispute: east.crossDisputeId },
        eastOfficer,
      );
      expect(data.informalOrganisation).toEqual({ currentMembers: 2, members: [{ person: { id: east.personId } }] });
      // The applicant lives in the west: the dispute names them, their employment records stay hidden.
      expect(data.labourDispute.applicant).toEqual({ id: west.personId, employmentStatus: null, microLoans: null, employmentDifficulty: null });
    });

    it('aggregates region statistics and targets over the jurisdiction only: a community worker asking about the district gets the community', async () => {
      const STATS = `query ($reps: [_Any!]!, $year: Int!) { _entities(representations: $reps) { ... on Region {
        employmentStatistics { workingAgePersons employed flexiblyEmployed registeredUnemployed registeredUnemploymentRate zeroEmploymentFamilies difficultPersons retirees selfManagementGroups selfManagementCoverageRate pensionCertificationRate loansOutstanding openLabourDisputes }
        employmentTargets(year: $year) { indicator targetCount actualCount targetAmount actualAmount completionRate }
      } } }`;
      const region = (code: string) => ({ reps: [{ __typename: 'Region', code }], year: YEAR });
      const full = await gatewayHeaders('employment', fullAccessCaller());
      const [community] = (await hub.gql(STATS, region(EAST_A), full))._entities;
      const [district] = (await hub.gql(STATS, region(DISTRICT), full))._entities;
      const [narrowed] = (await hub.gql(STATS, region(DISTRICT), await role('grid-worker', EAST_A)))._entities;
      expect(narrowed).toEqual(community);
      expect(district.employmentStatistics.workingAgePersons).toBeGreaterThan(community.employmentStatistics.workingAgePersons);
      const target = (r: any) => r.employmentTargets.find((t: any) => t.indicator === 'NEW_URBAN_EMPLOYMENT').targetCount;
      expect(target(narrowed)).toBe(100);
      expect(target(district)).toBeGreaterThanOrEqual(300);
      // The dashboard viewer of the district sees the district's aggregates.
      const [dashboard] = (await hub.gql(STATS, region(DISTRICT), await role('dashboard-viewer', DISTRICT, null)))._entities;
      expect(dashboard).toEqual(district);
      // A region wholly outside reads as unknown.
      expect((await hub.gql(STATS, region(WEST), await role('grid-worker', EAST_A)))._entities).toEqual([null]);
    });

    it('refuses mutations on records, persons, households and regions outside the jurisdiction, writing nothing', async () => {
      const eastOfficer = await officerOf(EAST);
      const before = await snapshot();
      const refused: [string, string, Record<string, unknown>, string, string][] = [
        ['registerUnemployment', 'RegisterUnemploymentInput', { personId: west.personId, registeredOn: day('07-01') }, 'personId', 'NOT_FOUND'],
        ['applyMicroLoan', 'ApplyMicroLoanInput', { personId: west.personId, borrowerKind: 'INDIVIDUAL', businessName: '修鞋铺', amount: '1000.00', appliedOn: day('07-01') }, 'personId', 'NOT_FOUND'],
        ['enrolInsurance', 'EnrolInsuranceInput', { personId: west.personId, scheme: 'RESIDENT_MEDICAL', year: YEAR, enrolledOn: day('07-01'), contribution: '380.00' }, 'personId', 'NOT_FOUND'],
        ['advanceMicroLoan', 'AdvanceMicroLoanInput', { loanId: west.loanId, action: 'APPROVE', on: day('07-01') }, 'loanId', 'NOT_FOUND'],
        ['endEmploymentDifficulty', 'EndEmploymentDifficultyInput', { certificationId: west.certificationId, endedOn: day('07-01'), reason: '已就业' }, 'certificationId', 'NOT_FOUND'],
        ['advanceLabourDispute', 'AdvanceLabourDisputeInput', { disputeId: west.disputeId, action: 'START_MEDIATION', on: day('07-01') }, 'disputeId', 'NOT_FOUND'],
        ['enrolInTraining', 'EnrolInTrainingInput', { courseId: west.courseId, personId: east.personId, enrolledOn: day('03-02') }, 'courseId', 'NOT_FOUND'],
        ['leaveInformalOrganisation', 'LeaveInformalOrganisationInput', { organisationId: west.organisationId, personId: west.personId, leftOn: day('07-01') }, 'organisationId', 'NOT_FOUND'],
        ['recordAssistanceVisit', 'RecordAssistanceVisitInput', { householdId: west.householdId, campaign: '就业援助月', visitedOn: day('07-01'), visitor: '王敏', outcome: 'NEEDS_RECORDED' }, 'householdId', 'NOT_FOUND'],
      ];
      // A region named in the input outside the jurisdiction is an authorization failure: FORBIDDEN, no data.
      const forbidden: [string, string, Record<string, unknown>][] = [
        ['createTrainingCourse', 'CreateTrainingCourseInput', { regionCode: WEST_A, kind: 'SYB', name: 'SYB 创业培训', provider: '培训学校', startsOn: day('08-01'), endsOn: day('08-10'), capacity: 20 }],
        ['setEmploymentTarget', 'SetEmploymentTargetInput', { regionCode: DISTRICT, year: YEAR, indicator: 'SKILLS_TRAINING', targetCount: 5 }],
        ['enrolLabourForceMember', 'EnrolLabourForceMemberInput', { personId: randomUUID(), householdId: randomUUID(), regionCode: WEST_A, birthDate: '1990-01-01', gender: 'FEMALE', status: 'STUDENT', since: '2008-09-01' }],
        ['refreshZeroEmploymentFamilies', 'RefreshZeroEmploymentFamiliesInput', { regionCode: WEST, on: day('12-01') }],
      ];
      for (const [name, type, input, field, code] of refused) {
        const data = await hub.gql(`mutation ($input: ${type}!) { ${name}(input: $input) { userErrors { field code message } } }`, { input }, eastOfficer);
        expect([name, data[name].userErrors]).toEqual([name, expect.arrayContaining([expect.objectContaining({ field: ['input', field], code })])]);
      }
      for (const [name, type, input] of forbidden) {
        const body = await hub.raw(`mutation ($input: ${type}!) { ${name}(input: $input) { userErrors { field code } } }`, { input }, eastOfficer);
        expect([name, body.data, body.errors?.map((e: { extensions?: Record<string, unknown> }) => e.extensions?.code)]).toEqual([name, null, ['FORBIDDEN']]);
        expect(body.errors?.[0]?.message).toMatch(/outside the caller's jurisdiction; nothing was written/);
      }
      expect(await snapshot()).toBe(before);
    });

    it('lets the same officer act inside the jurisdiction (the refusals above are jurisdiction, not input)', async () => {
      const eastOfficer = await officerOf(EAST);
      const data = await hub.gql(
        `mutation ($input: EnrolInsuranceInput!) { enrolInsurance(input: $input) { enrolment { id } userErrors { field code message } } }`,
        { input: { personId: east.personId, scheme: 'RESIDENT_MEDICAL', year: YEAR, enrolledOn: day('07-01'), contribution: '380.00' } },
        eastOfficer,
      );
      expect(data.enrolInsurance.userErrors).toEqual([]);
    });

    it('does not replay an idempotency key into a record outside the jurisdiction', async () => {
      const input = { personId: west.personId, scheme: 'RESIDENT_PENSION', year: YEAR, enrolledOn: day('07-02'), contribution: '300.00', idempotencyKey: `access-${randomUUID()}` };
      const ENROL = `mutation ($input: EnrolInsuranceInput!) { enrolInsurance(input: $input) { enrolment { id } userErrors { field code message } } }`;
      const first = await hub.gql(ENROL, { input });
      expect(first.enrolInsurance.userErrors).toEqual([]);
      const replay = await hub.gql(ENROL, { input }, await officerOf(EAST));
      expect(replay.enrolInsurance).toEqual({ enrolment: null, userErrors: [expect.objectContaining({ field: ['input', 'idempotencyKey'], code: 'CONFLICT' })] });
    });
  });

  describe('only the gateway may call the subgraph', () => {
    const post = (body: unknown, headers: Record<string, string>) =>
      fetch(hub.running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const OPERATIONS = [
      { query: '{ _service { sdl } }' },
      { query: 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { employmentStatus { status } } } }', variables: { reps: [{ __typename: 'Person', id: randomUUID() }] } },
      { query: `{ jobFairs(regionCode: "${DISTRICT}") { totalCount } }` },
    ];
    it('answers HTTP 401 to anything but its own valid gateway token, for _service, _entities and queries alike', async () => {
      for (const [who, headers] of Object.entries(await refusedSubgraphAuthorizations('employment'))) {
        for (const operation of OPERATIONS) {
          const response = await post(operation, headers);
          expect([who, response.status]).toEqual([who, 401]);
          expect(await response.text()).not.toMatch(/sdl|employmentStatus|totalCount/);
        }
      }
    });

    it('answers the same operations with a valid gateway token', async () => {
      for (const operation of OPERATIONS) expect((await post(operation, await gatewayHeaders('employment'))).status).toBe(200);
    });
  });
});
