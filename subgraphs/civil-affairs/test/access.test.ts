/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers and raw rows are untyped JSON here. */
// The access model inside the civil-affairs subgraph: what each demo role may read (incomes, disability, masked
// certificate numbers, dashboards), the audit trail and its query, jurisdiction on every entry point (root fields,
// _entities, records reached through households and persons, statistics, mutations) and the gateway token every
// request needs. The same rules through the gateway: gateway.test.ts.
import { callerForRole, type Caller, type RoleName } from '@hub/access';
import { composeIdNumber } from '@hub/identifiers';
import { fullAccessCaller, gatewayHeaders, refusedSubgraphAuthorizations, roleGatewayHeaders } from '../../../test/support/access';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { disabilityCertificateNumber } from '../src/domain/records';
import { start } from '../src/server';
import { fixtureId, gql, loadSeedStandards, tableCounts } from './support';

const TODAY = '2026-11-29';
const PURPOSE = '低保年度复核 (automated test)';
const DISTRICT_A = '370703'; // 奎文区
const COMMUNITY_A = '370703001001'; // 东关街道 和平社区
const COMMUNITY_A2 = '370703002001'; // 大虞街道, same district
const DISTRICT_B = '370705'; // 寒亭区
const COMMUNITY_B = '370705001201';
const CITY = '370700'; // 潍坊市: both districts

const HA = fixtureId(31, 1); // household in A
const HA2 = fixtureId(31, 2); // household in A2
const HB = fixtureId(31, 3); // household in B
const HM = fixtureId(31, 4); // household that moved from B to A2
const person = (n: number): string => fixtureId(32, n);
const [PA1, PA2, PA3, PB1, PB2, PB3, PM, PN] = [person(1), person(2), person(3), person(4), person(5), person(6), person(7), person(8)] as const;
const ID_A1 = composeIdNumber(DISTRICT_A, '1950-03-04', 12, 'MALE');
const ID_B1 = composeIdNumber(DISTRICT_B, '1948-07-01', 21, 'FEMALE');
const CERT_A1 = disabilityCertificateNumber(ID_A1, 'PHYSICAL', 2);
const CERT_B1 = disabilityCertificateNumber(ID_B1, 'VISUAL', 1);
const MASKED_CERT = '*'.repeat(20);

const as = (caller: Caller) => gatewayHeaders('civil-affairs', caller);
const role = (name: RoleName, region?: string, purpose: string | null = PURPOSE) => roleGatewayHeaders('civil-affairs', name, region, purpose);
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => [...new Set((errors ?? []).map((e) => e.extensions?.code))];

/** Stands in for community: nobody is a cadre's relative. */
const cadreRelatives = { among: async () => [] };

describe('civil-affairs access model', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const ids: Record<string, string> = {};

  /** Runs a mutation as the full-access test caller and returns its payload, failing on any userError. */
  async function write(name: string, inputType: string, selection: string, input: Record<string, unknown>): Promise<any> {
    const { data, errors } = await gql<any>(running.url, `mutation ($input: ${inputType}!) { r: ${name}(input: $input) { ${selection} userErrors { field code message } } }`, { input });
    expect(errors).toBeUndefined();
    expect(data.r.userErrors).toEqual([]);
    return data.r;
  }
  const ask = (q: string, variables: Record<string, unknown>, headers: Record<string, string>) => gql<any>(running.url, q, variables, headers);
  const auditRows = () => query<any>(database.url, 'SELECT * FROM civil_affairs.access_audit ORDER BY id');

  beforeAll(async () => {
    database = await createTestDatabase('civil_access', ['civil-affairs']);
    await loadSeedStandards(database.url);
    running = await start({ port: 0, databaseUrl: database.url, today: TODAY, cadreRelatives });
    const application = (householdId: string, members: [string, ...string[]], regionCode: string) => ({
      programme: 'URBAN_DIBAO', householdId, applicantId: members[0], memberIds: members, regionCode,
      declaredMonthlyIncome: '300.00', declaredAssets: '5000.00', submittedOn: '2026-11-01', officerName: '王芳',
    });
    const submit = (input: Record<string, unknown>) => write('submitDibaoApplication', 'SubmitDibaoApplicationInput', 'dibaoApplication { id }', input);
    ids.appA = (await submit(application(HA, [PA1, PA2], COMMUNITY_A))).dibaoApplication.id;
    ids.appA2 = (await submit(application(HA2, [PA3], COMMUNITY_A2))).dibaoApplication.id;
    ids.appB = (await submit(application(HB, [PB1, PB2], COMMUNITY_B))).dibaoApplication.id;
    const disability = (personId: string, regionCode: string, category: string, grade: number, certificateNumber: string) =>
      write('recordDisability', 'RecordDisabilityInput', 'disabilityRecord { id }', { personId, regionCode, category, grade, certificateNumber, issuedDate: '2015-06-01' });
    await disability(PA1, COMMUNITY_A, 'PHYSICAL', 2, CERT_A1);
    await disability(PB1, COMMUNITY_B, 'VISUAL', 1, CERT_B1);
    const enrol = (personId: string, householdId: string, regionCode: string, startDate: string) =>
      write('enrolBeneficiary', 'EnrolBeneficiaryInput', 'assistanceEnrolment { id }', { programme: 'TEKUN_DISPERSED', personId, householdId, regionCode, startDate });
    ids.enrolA = (await enrol(PA1, HA, COMMUNITY_A, '2025-01-01')).assistanceEnrolment.id;
    ids.enrolB = (await enrol(PB1, HB, COMMUNITY_B, '2025-01-01')).assistanceEnrolment.id;
    // A household that moved: supported in B until 2023, in A2 since.
    ids.enrolMovedB = (await enrol(PM, HM, COMMUNITY_B, '2020-01-01')).assistanceEnrolment.id;
    await write('runMonthlyPayroll', 'RunMonthlyPayrollInput', 'payrollRun { id }', { period: '2023-12', regionCode: DISTRICT_B });
    await write('terminateEnrolment', 'TerminateEnrolmentInput', 'assistanceEnrolment { id }', { enrolmentId: ids.enrolMovedB, endDate: '2023-12-31', reason: 'MOVED_AWAY' });
    ids.enrolMovedA = (await enrol(PM, HM, COMMUNITY_A2, '2024-01-01')).assistanceEnrolment.id;
    await write('runMonthlyPayroll', 'RunMonthlyPayrollInput', 'payrollRun { id }', { period: '2026-10', regionCode: DISTRICT_A });
    ids.institutionA = (await write('registerCareInstitution', 'RegisterCareInstitutionInput', 'careInstitution { id }', { name: '奎文区敬老院', creditCode: '91350100M000100Y43', regionCode: DISTRICT_A, capacity: 10 })).careInstitution.id;
    ids.institutionB = (await write('registerCareInstitution', 'RegisterCareInstitutionInput', 'careInstitution { id }', { name: '寒亭区中心敬老院', creditCode: '91370705MA3C00001Q', regionCode: DISTRICT_B, capacity: 10 })).careInstitution.id;
    ids.stayB = (await write('admitToCareInstitution', 'AdmitToCareInstitutionInput', 'careResidence { id }', { institutionId: ids.institutionB, personId: PB2, householdId: HB, regionCode: COMMUNITY_B, admittedOn: '2026-01-05', centralisedSupport: false })).careResidence.id;
    ids.rebuildingB = (await write('reportHouseCollapse', 'ReportHouseCollapseInput', 'houseRebuilding { id }', { householdId: HB, regionCode: COMMUNITY_B, reportedOn: '2026-07-01', collapsedRooms: 2, cause: '暴雨' })).houseRebuilding.id;
    ids.officerB = (await write('registerReliefOfficer', 'RegisterReliefOfficerInput', 'reliefOfficer { id }', { name: '赵敏', regionCode: DISTRICT_B, relatives: [{ personId: PB3, relation: '配偶' }] })).reliefOfficer.id;
    await write('recordDeath', 'RecordDeathInput', 'deathRecord { id }', { personId: PB3, regionCode: COMMUNITY_B, dateOfDeath: '2026-03-01', funeralType: 'CREMATED' });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  describe('what each demo role reads', () => {
    const INCOME = `query ($id: ID!) { dibaoApplication(id: $id) { stage declaredMonthlyIncome declaredAssets perCapitaIncome proposedMonthlySubsidy } }`;
    const STAGE = `query ($id: ID!) { dibaoApplication(id: $id) { stage } }`;
    const DISABILITY = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { disabilityGrade disability { category grade certificateNumber } } } }`;

    it('shows declared incomes and assets only with income:read and an X-Purpose', async () => {
      const officer = await ask(INCOME, { id: ids.appA }, await role('civil-affairs-officer', DISTRICT_A));
      expect(officer.errors).toBeUndefined();
      // 300 元 for two members: 150 per person; the 2012 standard of 209 leaves (209 − 150) × 2 = 118.
      expect(officer.data.dibaoApplication).toEqual({ stage: 'SUBMITTED', declaredMonthlyIncome: '300.00', declaredAssets: '5000.00', perCapitaIncome: '150.00', proposedMonthlySubsidy: expect.stringMatching(/^\d+\.\d\d$/) });

      const noPurpose = await ask(INCOME, { id: ids.appA }, await role('civil-affairs-officer', DISTRICT_A, null));
      expect(noPurpose.data.dibaoApplication).toBeNull();
      expect(codes(noPurpose.errors)).toEqual(['FORBIDDEN']);
      expect(noPurpose.errors!.map((e: any) => e.message).join(' ')).toMatch(/X-Purpose/);

      for (const name of ['grid-worker', 'employment-officer'] as const) {
        const answer = await ask(INCOME, { id: ids.appA }, await role(name, name === 'grid-worker' ? COMMUNITY_A : DISTRICT_A));
        expect(answer.data.dibaoApplication).toBeNull();
        expect(codes(answer.errors)).toEqual(['FORBIDDEN']);
        expect(answer.errors!.map((e: any) => e.message).join(' ')).toMatch(/income:read/);
        // The rest of the application stays readable for them.
        expect((await ask(STAGE, { id: ids.appA }, await role(name, name === 'grid-worker' ? COMMUNITY_A : DISTRICT_A))).data.dibaoApplication).toEqual({ stage: 'SUBMITTED' });
      }
      for (const name of ['safety-officer', 'dashboard-viewer', 'auditor'] as const) {
        const answer = await ask(STAGE, { id: ids.appA }, await role(name, DISTRICT_A));
        expect(answer.data.dibaoApplication).toBeNull();
        expect(codes(answer.errors)).toEqual(['FORBIDDEN']);
      }
    });

    it('shows a disability with an X-Purpose, and the certificate number masked without pii:read', async () => {
      const reps = [{ __typename: 'Person', id: PA1 }];
      const officer = await ask(DISABILITY, { reps }, await role('civil-affairs-officer', DISTRICT_A));
      expect(officer.errors).toBeUndefined();
      expect(officer.data._entities).toEqual([{ disabilityGrade: 2, disability: { category: 'PHYSICAL', grade: 2, certificateNumber: CERT_A1 } }]);

      const gridWorker = await ask(DISABILITY, { reps }, await role('grid-worker', COMMUNITY_A));
      expect(gridWorker.errors).toBeUndefined();
      expect(gridWorker.data._entities).toEqual([{ disabilityGrade: 2, disability: { category: 'PHYSICAL', grade: 2, certificateNumber: MASKED_CERT } }]);

      const noPurpose = await ask(DISABILITY, { reps }, await role('employment-officer', DISTRICT_A, null));
      expect(noPurpose.data._entities).toEqual([{ disabilityGrade: null, disability: null }]);
      expect(codes(noPurpose.errors)).toEqual(['FORBIDDEN']);
      expect(noPurpose.errors!.map((e: any) => e.message).join(' ')).toMatch(/X-Purpose/);

      const safety = await ask(DISABILITY, { reps }, await role('safety-officer', DISTRICT_A));
      expect(safety.data._entities).toEqual([{ disabilityGrade: null, disability: null }]);
      expect(codes(safety.errors)).toEqual(['FORBIDDEN']);
    });

    it('gives the dashboard viewer the region figures and the published standards, and no record of a person or household', async () => {
      const viewer = await role('dashboard-viewer', DISTRICT_A, null);
      const figures = await ask(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { civilAffairsStatistics { tekunDispersed urbanDibaoHouseholds spendingYearToDate disabledPersonsSubsidised { grade persons } } } } }`,
        { reps: [{ __typename: 'Region', code: DISTRICT_A }] }, viewer);
      expect(figures.errors).toBeUndefined();
      expect(figures.data._entities[0].civilAffairsStatistics.tekunDispersed).toBe(2);
      const standards = await ask(`{ assistanceStandards(programme: URBAN_DIBAO) { regionCode monthlyAmount } }`, {}, viewer);
      expect(standards.errors).toBeUndefined();
      expect(standards.data.assistanceStandards.length).toBeGreaterThan(0);
      for (const [q, variables] of [
        [`query ($id: ID!) { assistanceEnrolment(id: $id) { id } }`, { id: ids.enrolA }],
        [`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Household { receivesDibao } } }`, { reps: [{ __typename: 'Household', id: HA }] }],
        [`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { deceased } } }`, { reps: [{ __typename: 'Person', id: PA1 }] }],
        [`{ dibaoApplications(regionCode: "${DISTRICT_A}") { totalCount } }`, {}],
      ] as const) {
        const answer = await ask(q, variables, viewer);
        expect(codes(answer.errors)).toEqual(['FORBIDDEN']);
      }
    });

    it('keeps statistics from the roles without civil-affairs:read or dashboard:read', async () => {
      for (const name of ['safety-officer', 'auditor'] as const) {
        const answer = await ask(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { civilAffairsStatistics { tekunDispersed } } } }`, { reps: [{ __typename: 'Region', code: DISTRICT_A }] }, await role(name, DISTRICT_A));
        expect(answer.data._entities).toEqual([{ civilAffairsStatistics: null }]);
        expect(codes(answer.errors)).toEqual(['FORBIDDEN']);
      }
    });
  });

  describe('the audit trail', () => {
    const AUDIT = `query ($personId: ID, $subject: String, $first: Int, $beforeId: ID) { civilAffairsAccessAudit(personId: $personId, subject: $subject, first: $first, beforeId: $beforeId) {
      id occurredAt subject department purpose requestId subgraph categories fields personIds } }`;

    it('writes one row per request that read incomes, naming fields and persons but never the values', async () => {
      const before = (await auditRows()).length;
      await ask(`query ($id: ID!) { dibaoApplication(id: $id) { stage } }`, { id: ids.appA }, await role('civil-affairs-officer', DISTRICT_A));
      expect(await auditRows()).toHaveLength(before);
      const officer = callerForRole('civil-affairs-officer', DISTRICT_A, PURPOSE, 'request-income-1');
      const read = await ask(`query ($id: ID!) { dibaoApplication(id: $id) { declaredMonthlyIncome declaredAssets perCapitaIncome } }`, { id: ids.appA }, await as(officer));
      expect(read.errors).toBeUndefined();
      const rows = (await auditRows()).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toEqual(expect.objectContaining({
        subject: officer.subject,
        department: 'civil-affairs',
        purpose: PURPOSE,
        request_id: 'request-income-1',
        subgraph: 'civil-affairs',
        categories: ['INCOME'],
        fields: ['DibaoApplication.declaredAssets', 'DibaoApplication.declaredMonthlyIncome', 'DibaoApplication.perCapitaIncome'],
        person_ids: [PA1],
      }));
      expect(JSON.stringify(rows[0])).not.toMatch(/300\.00|5000\.00|150\.00|30000|500000|15000/);
    });

    it('writes a row for a request that asked for incomes even when the records it reached held none, and none for a caller refused them', async () => {
      // HA2 has a dibao application but no enrolment: nothing to read, yet whether it has one is what the caller learns.
      const ENROLMENT_INCOMES = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Household { assistanceEnrolments { perCapitaIncome } } } }`;
      const before = (await auditRows()).length;
      const officer = callerForRole('civil-affairs-officer', DISTRICT_A, PURPOSE, 'request-income-none');
      const answer = await ask(ENROLMENT_INCOMES, { reps: [{ __typename: 'Household', id: HA2 }] }, await as(officer));
      expect(answer.errors).toBeUndefined();
      expect(answer.data._entities).toEqual([{ assistanceEnrolments: [] }]);
      const rows = (await auditRows()).slice(before);
      expect(rows.map((r) => [r.request_id, r.categories, r.fields, r.person_ids])).toEqual([['request-income-none', ['INCOME'], ['AssistanceEnrolment.perCapitaIncome'], []]]);

      // The same question with enrolments to read names their persons as before.
      const withRecords = await ask(ENROLMENT_INCOMES, { reps: [{ __typename: 'Household', id: HA }] }, await as(callerForRole('civil-affairs-officer', DISTRICT_A, PURPOSE, 'request-income-some')));
      expect(withRecords.errors).toBeUndefined();
      expect((await auditRows()).slice(before + 1).map((r) => [r.request_id, r.fields, r.person_ids])).toEqual([['request-income-some', ['AssistanceEnrolment.perCapitaIncome'], [PA1]]]);

      // Without a purpose the field is refused, so nothing was read and nothing is written.
      const refused = await ask(ENROLMENT_INCOMES, { reps: [{ __typename: 'Household', id: HA2 }] }, await role('civil-affairs-officer', DISTRICT_A, null));
      expect(refused.data._entities).toEqual([{ assistanceEnrolments: [] }]);
      expect((await auditRows()).length).toBe(before + 2);
    });

    it('writes a DISABILITY row for a disability read, a PII row for an unmasked certificate number, and none for a masked one', async () => {
      const before = (await auditRows()).length;
      await ask(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { disabilityGrade } } }`, { reps: [{ __typename: 'Person', id: PA1 }, { __typename: 'Person', id: PA2 }] }, await role('employment-officer', DISTRICT_A));
      let rows = (await auditRows()).slice(before);
      expect(rows.map((r) => [r.categories, r.fields, r.person_ids])).toEqual([[['DISABILITY'], ['Person.disabilityGrade'], [PA1, PA2].sort()]]);

      // The certificate number alone, in a mutation's answer: masked without a purpose, and then not audited.
      const reissue = `mutation ($input: RecordDisabilityInput!) { recordDisability(input: $input) { disabilityRecord { certificateNumber issuedDate } userErrors { code } } }`;
      const input = { personId: PA1, regionCode: COMMUNITY_A, category: 'PHYSICAL', grade: 2, certificateNumber: CERT_A1, issuedDate: '2015-06-01' };
      const masked = await ask(reissue, { input }, await role('civil-affairs-officer', DISTRICT_A, null));
      expect(masked.data.recordDisability).toEqual({ disabilityRecord: { certificateNumber: MASKED_CERT, issuedDate: '2015-06-01' }, userErrors: [] });
      expect((await auditRows()).length).toBe(before + 1);
      const unmasked = await ask(reissue, { input }, await role('civil-affairs-officer', DISTRICT_A));
      expect(unmasked.data.recordDisability.disabilityRecord.certificateNumber).toBe(CERT_A1);
      rows = (await auditRows()).slice(before + 1);
      expect(rows.map((r) => [r.categories, r.fields, r.person_ids])).toEqual([[['PII'], ['DisabilityRecord.certificateNumber'], [PA1]]]);
      expect(JSON.stringify(rows)).not.toContain(ID_A1);
    });

    it('answers civilAffairsAccessAudit to the auditor only, newest first, with checked arguments', async () => {
      const auditor = await role('auditor', DISTRICT_A, null);
      const all = await ask(AUDIT, {}, auditor);
      expect(all.errors).toBeUndefined();
      const entries = all.data.civilAffairsAccessAudit;
      expect(entries.length).toBeGreaterThanOrEqual(3);
      expect(entries.map((e: any) => Number(e.id))).toEqual([...entries.map((e: any) => Number(e.id))].sort((a, b) => b - a));
      expect(entries[0]).toEqual(expect.objectContaining({ subgraph: 'civil-affairs', purpose: PURPOSE, occurredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }));

      const ofPerson = (await ask(AUDIT, { personId: PA2 }, auditor)).data.civilAffairsAccessAudit;
      expect(ofPerson.length).toBeGreaterThan(0);
      for (const entry of ofPerson) expect(entry.personIds).toContain(PA2);
      const officer = callerForRole('civil-affairs-officer', DISTRICT_A);
      const bySubject = (await ask(AUDIT, { subject: officer.subject }, auditor)).data.civilAffairsAccessAudit;
      expect(bySubject.length).toBeGreaterThan(0);
      for (const entry of bySubject) expect(entry.subject).toBe(officer.subject);
      const [first] = (await ask(AUDIT, { first: 1 }, auditor)).data.civilAffairsAccessAudit;
      const [second] = (await ask(AUDIT, { first: 1, beforeId: first.id }, auditor)).data.civilAffairsAccessAudit;
      expect(second.id).toBe(entries[1].id);

      for (const [variables, field] of [[{ first: 0 }, 'first'], [{ first: 101 }, 'first'], [{ personId: 'not-an-id' }, 'personId'], [{ beforeId: 'abc' }, 'beforeId'], [{ subject: ' ' }, 'subject']] as const) {
        const refused = await ask(AUDIT, variables, auditor);
        expect(refused.data).toBeNull();
        expect(refused.errors).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field }) })]);
      }
      for (const name of ['civil-affairs-officer', 'dashboard-viewer', 'grid-worker'] as const) {
        const refused = await ask(AUDIT, {}, await role(name));
        expect(refused.data).toBeNull();
        expect(codes(refused.errors)).toEqual(['FORBIDDEN']);
      }
    });

    it('keeps the trail append-only in the database', async () => {
      await expect(query(database.url, `UPDATE civil_affairs.access_audit SET purpose = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(query(database.url, 'DELETE FROM civil_affairs.access_audit')).rejects.toThrow(/append-only/);
    });
  });

  describe('jurisdiction on every entry point (an officer of district A)', () => {
    const officerA = () => role('civil-affairs-officer', DISTRICT_A);

    it('reads records of another district by id as unknown', async () => {
      const headers = await officerA();
      for (const [field, own, other] of [
        ['assistanceEnrolment', ids.enrolA, ids.enrolB],
        ['dibaoApplication', ids.appA, ids.appB],
        ['careInstitution', ids.institutionA, ids.institutionB],
      ] as const) {
        const answer = await ask(`query ($own: ID!, $other: ID!) { own: ${field}(id: $own) { id } other: ${field}(id: $other) { id } }`, { own, other }, headers);
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ own: { id: own }, other: null });
      }
      const more = await ask(`query ($officer: ID!, $rebuilding: ID!) { reliefOfficer(id: $officer) { id } houseRebuilding(id: $rebuilding) { id } }`, { officer: ids.officerB, rebuilding: ids.rebuildingB }, headers);
      expect(more.data).toEqual({ reliefOfficer: null, houseRebuilding: null });
      const everywhere = await ask(`query ($officer: ID!, $rebuilding: ID!) { reliefOfficer(id: $officer) { id } houseRebuilding(id: $rebuilding) { id } }`, { officer: ids.officerB, rebuilding: ids.rebuildingB }, await as(fullAccessCaller()));
      expect(everywhere.data).toEqual({ reliefOfficer: { id: ids.officerB }, houseRebuilding: { id: ids.rebuildingB } });
    });

    it('refuses lists of another district and narrows a wider region to the own subtrees', async () => {
      const headers = await officerA();
      const lists = (region: string) =>
        `{ dibaoApplications(regionCode: "${region}") { totalCount edges { node { id } } } careInstitutions(regionCode: "${region}") { id } assistanceReviewsDue(regionCode: "${region}", dueBy: "2030-01-01") { totalCount edges { node { id } } } }`;
      const other = await ask(lists(DISTRICT_B), {}, headers);
      expect(other.data).toBeNull();
      expect(codes(other.errors)).toEqual(['FORBIDDEN']);
      const city = await ask(lists(CITY), {}, headers);
      expect(city.errors).toBeUndefined();
      expect(city.data.dibaoApplications.edges.map((e: any) => e.node.id).sort()).toEqual([ids.appA, ids.appA2].sort());
      expect(city.data.dibaoApplications.totalCount).toBe(2);
      expect(city.data.careInstitutions).toEqual([{ id: ids.institutionA }]);
      expect(city.data.assistanceReviewsDue.edges.map((e: any) => e.node.id).sort()).toEqual([ids.enrolA, ids.enrolMovedA].sort());
      const wholeCity = await ask(lists(CITY), {}, await as(fullAccessCaller()));
      expect(wholeCity.data.dibaoApplications.totalCount).toBe(3);
      // A grid worker of one community asking for the district sees that community only.
      const grid = await ask(lists(DISTRICT_A), {}, await role('grid-worker', COMMUNITY_A));
      expect(grid.errors).toBeUndefined();
      expect(grid.data.dibaoApplications.edges.map((e: any) => e.node.id)).toEqual([ids.appA]);
      expect(grid.data.assistanceReviewsDue.edges.map((e: any) => e.node.id)).toEqual([ids.enrolA]);
      expect(grid.data.careInstitutions).toEqual([]);
    });

    it('resolves entity references of another district to null, and shows only own-district records of a household that moved', async () => {
      const headers = await officerA();
      const answer = await ask(
        `query ($reps: [_Any!]!) { _entities(representations: $reps) {
          ... on Household { id assistanceEnrolments { id } assistancePayments(first: 10) { totalCount edges { node { period } } } dibaoApplications { id } houseRebuildings { id } }
          ... on Person { id deceased disabilityGrade assistanceEnrolments { id } careResidence { id } death { id } }
          ... on Region { code } } }`,
        {
          reps: [
            { __typename: 'Household', id: HB },
            { __typename: 'Person', id: PB1 },
            { __typename: 'Person', id: PB3 },
            { __typename: 'Region', code: DISTRICT_B },
            { __typename: 'Household', id: HM },
            { __typename: 'Person', id: PM },
            { __typename: 'Household', id: HA },
            { __typename: 'Person', id: PN },
            { __typename: 'Region', code: CITY },
          ],
        },
        headers,
      );
      expect(answer.errors).toBeUndefined();
      const [hb, pb1, pb3, regionB, hm, pm, ha, pn, city] = answer.data._entities;
      expect([hb, pb1, pb3, regionB]).toEqual([null, null, null, null]);
      expect(hm).toEqual({ id: HM, assistanceEnrolments: [{ id: ids.enrolMovedA }], assistancePayments: { totalCount: 1, edges: [{ node: { period: '2026-10' } }] }, dibaoApplications: [], houseRebuildings: [] });
      expect(pm).toEqual({ id: PM, deceased: false, disabilityGrade: null, assistanceEnrolments: [{ id: ids.enrolMovedA }], careResidence: null, death: null });
      expect(ha).toEqual(expect.objectContaining({ id: HA, dibaoApplications: [{ id: ids.appA }] }));
      // Nobody this subgraph knows: nothing recorded, nothing hidden.
      expect(pn).toEqual({ id: PN, deceased: false, disabilityGrade: null, assistanceEnrolments: [], careResidence: null, death: null });
      expect(city).toEqual({ code: CITY });

      const everywhere = await ask(`query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Household { assistanceEnrolments { id } assistancePayments(first: 10) { totalCount } } ... on Person { deceased } } }`,
        { reps: [{ __typename: 'Household', id: HM }, { __typename: 'Person', id: PB3 }] }, await as(fullAccessCaller()));
      expect(everywhere.data._entities).toEqual([{ assistanceEnrolments: expect.arrayContaining([{ id: ids.enrolMovedA }, { id: ids.enrolMovedB }]), assistancePayments: { totalCount: 2 } }, { deceased: true }]);
    });

    it('aggregates statistics over the caller\'s own subtrees only', async () => {
      const STATS = `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code civilAffairsStatistics { tekunDispersed deathsYearToDate careInstitutionBeds disabledPersonsSubsidised { grade } } } } }`;
      const figures = async (headers: Record<string, string>, ...regions: string[]) =>
        (await ask(STATS, { reps: regions.map((code) => ({ __typename: 'Region', code })) }, headers)).data._entities.map((r: any) => r?.civilAffairsStatistics ?? null);
      const full = await as(fullAccessCaller());
      // A: PA1 (和平社区) and PM (大虞街道); B: PB1, one death, a 10-bed institution in each district.
      expect(await figures(full, CITY, DISTRICT_A, DISTRICT_B)).toEqual([
        expect.objectContaining({ tekunDispersed: 3, deathsYearToDate: 1, careInstitutionBeds: 20 }),
        expect.objectContaining({ tekunDispersed: 2, deathsYearToDate: 0, careInstitutionBeds: 10 }),
        expect.objectContaining({ tekunDispersed: 1, deathsYearToDate: 1, careInstitutionBeds: 10 }),
      ]);
      const [cityForA, districtForA, districtB] = await figures(await officerA(), CITY, DISTRICT_A, DISTRICT_B);
      expect(cityForA).toEqual(districtForA);
      expect(districtForA).toEqual(expect.objectContaining({ tekunDispersed: 2, deathsYearToDate: 0, careInstitutionBeds: 10 }));
      expect(districtB).toBeNull();
      const [gridDistrict] = await figures(await role('grid-worker', COMMUNITY_A), DISTRICT_A);
      expect(gridDistrict).toEqual(expect.objectContaining({ tekunDispersed: 1, careInstitutionBeds: 0 }));
      expect(await figures(await role('dashboard-viewer', DISTRICT_A, null), CITY)).toEqual([districtForA]);
    });

    it('refuses every mutation on another district\'s records or region, writing nothing', async () => {
      const headers = await officerA();
      const before = await tableCounts(database.url);
      const byRegion: [string, string, Record<string, unknown>][] = [
        ['submitDibaoApplication', 'SubmitDibaoApplicationInput', { programme: 'URBAN_DIBAO', householdId: HB, applicantId: PB2, memberIds: [PB2], regionCode: COMMUNITY_B, declaredMonthlyIncome: '0.00', declaredAssets: '0.00', submittedOn: '2026-11-20', officerName: '李明' }],
        ['enrolBeneficiary', 'EnrolBeneficiaryInput', { programme: 'TEKUN_DISPERSED', personId: PB2, householdId: HB, regionCode: COMMUNITY_B, startDate: '2026-01-01' }],
        ['runMonthlyPayroll', 'RunMonthlyPayrollInput', { period: '2026-11', regionCode: DISTRICT_B }],
        ['runMonthlyPayroll', 'RunMonthlyPayrollInput', { period: '2026-11', regionCode: CITY }],
        ['setAssistanceStandard', 'SetAssistanceStandardInput', { programme: 'URBAN_DIBAO', regionCode: '3707', effectiveFrom: '2027-01-01', amount: '600.00', period: 'MONTH' }],
        ['recordDeath', 'RecordDeathInput', { personId: PB1, regionCode: COMMUNITY_B, dateOfDeath: '2026-11-01', funeralType: 'CREMATED' }],
        ['registerReliefOfficer', 'RegisterReliefOfficerInput', { name: '钱进', regionCode: DISTRICT_B, relatives: [] }],
        ['recordDisability', 'RecordDisabilityInput', { personId: PB2, regionCode: COMMUNITY_B, category: 'VISUAL', grade: 1, certificateNumber: CERT_B1, issuedDate: '2020-01-01' }],
        ['recordMedicalAssistance', 'RecordMedicalAssistanceInput', { personId: PB1, householdId: HB, regionCode: COMMUNITY_B, rural: false, claimDate: '2026-06-01', diagnosis: '肺炎', totalCost: '100.00', insurancePaid: '0.00', amount: '10.00' }],
        ['grantTemporaryAssistance', 'GrantTemporaryAssistanceInput', { householdId: HB, regionCode: COMMUNITY_B, grantedOn: '2026-06-01', reason: 'ACCIDENT', cash: '100.00' }],
        ['registerCareInstitution', 'RegisterCareInstitutionInput', { name: '某敬老院', creditCode: '91370705MA3C00002U', regionCode: DISTRICT_B, capacity: 5 }],
        ['admitToCareInstitution', 'AdmitToCareInstitutionInput', { institutionId: ids.institutionA, personId: PB1, householdId: HB, regionCode: COMMUNITY_B, admittedOn: '2026-06-01', centralisedSupport: false }],
        ['registerSpecialCareRecipient', 'RegisterSpecialCareRecipientInput', { personId: PB1, householdId: HB, regionCode: COMMUNITY_B, category: 'RETIRED_SOLDIER', registeredOn: '2026-06-01' }],
        ['issueGloryPlaque', 'IssueGloryPlaqueInput', { householdId: HB, regionCode: COMMUNITY_B, issuedOn: '2026-06-01' }],
        ['recordCondolence', 'RecordCondolenceInput', { householdId: HB, regionCode: COMMUNITY_B, occasion: 'MID_AUTUMN', visitedOn: '2026-09-20', cash: '200.00', vouchers: '0.00' }],
        ['reportHouseCollapse', 'ReportHouseCollapseInput', { householdId: HB, regionCode: COMMUNITY_B, reportedOn: '2026-08-01', collapsedRooms: 1, cause: '暴雨' }],
      ];
      for (const [name, inputType, input] of byRegion) {
        // A region named in the input outside the jurisdiction is an authorization failure: FORBIDDEN, no data.
        const answer = await ask(`mutation ($input: ${inputType}!) { r: ${name}(input: $input) { userErrors { field code message } } }`, { input }, headers);
        expect([name, answer.data, answer.errors?.map((e: { extensions?: Record<string, unknown> }) => e.extensions?.code)]).toEqual([name, null, ['FORBIDDEN']]);
        expect(answer.errors?.[0]?.message).toMatch(/regionCode \d+ lies outside the caller's jurisdiction; nothing was written/);
      }
      const byId: [string, string, Record<string, unknown>, string][] = [
        ['suspendEnrolment', 'SuspendEnrolmentInput', { enrolmentId: ids.enrolB }, 'enrolmentId'],
        ['resumeEnrolment', 'ResumeEnrolmentInput', { enrolmentId: ids.enrolB }, 'enrolmentId'],
        ['terminateEnrolment', 'TerminateEnrolmentInput', { enrolmentId: ids.enrolB, endDate: '2026-11-01', reason: 'WITHDRAWN' }, 'enrolmentId'],
        ['recordEnrolmentReview', 'RecordEnrolmentReviewInput', { enrolmentId: ids.enrolB, reviewedOn: '2026-11-01' }, 'enrolmentId'],
        ['advanceDibaoApplication', 'AdvanceDibaoApplicationInput', { applicationId: ids.appB, stage: 'HOME_VISITED', date: '2026-11-02', officerName: '李明' }, 'applicationId'],
        ['rejectDibaoApplication', 'RejectDibaoApplicationInput', { applicationId: ids.appB, date: '2026-11-02', officerName: '李明', reason: '收入超标' }, 'applicationId'],
        ['fileConflictOfInterest', 'FileConflictOfInterestInput', { applicationId: ids.appB, relatedPersonIds: [PB1], filedBy: '李明', filedOn: '2026-11-02', note: '配偶' }, 'applicationId'],
        ['admitToCareInstitution', 'AdmitToCareInstitutionInput', { institutionId: ids.institutionB, personId: PA2, householdId: HA, regionCode: COMMUNITY_A, admittedOn: '2026-06-01', centralisedSupport: false }, 'institutionId'],
        ['dischargeFromCareInstitution', 'DischargeFromCareInstitutionInput', { residenceId: ids.stayB, leftOn: '2026-11-01' }, 'residenceId'],
        ['advanceHouseRebuilding', 'AdvanceHouseRebuildingInput', { rebuildingId: ids.rebuildingB, status: 'APPROVED', date: '2026-08-01', subsidy: '20000.00' }, 'rebuildingId'],
      ];
      for (const [name, inputType, input, field] of byId) {
        const answer = await ask(`mutation ($input: ${inputType}!) { r: ${name}(input: $input) { userErrors { field code } } }`, { input }, headers);
        expect(answer.errors).toBeUndefined();
        expect([name, answer.data.r.userErrors]).toEqual([name, [{ field: ['input', field], code: 'NOT_FOUND' }]]);
      }
      // A certificate recorded in B is not re-issued from A, even under an A community code.
      const reissue = await ask(`mutation ($input: RecordDisabilityInput!) { recordDisability(input: $input) { disabilityRecord { id } userErrors { field code } } }`,
        { input: { personId: PB1, regionCode: COMMUNITY_A, category: 'VISUAL', grade: 1, certificateNumber: CERT_B1, issuedDate: '2026-01-01' } }, headers);
      expect(reissue.data.recordDisability).toEqual({ disabilityRecord: null, userErrors: [{ field: ['input', 'personId'], code: 'RULE_VIOLATION' }] });
      expect(await tableCounts(database.url)).toEqual(before);
    });

    it('does not replay another district\'s result to a repeated idempotency key', async () => {
      const input = { enrolmentId: ids.enrolB, reviewedOn: '2026-11-15', idempotencyKey: 'review-b-1' };
      const REVIEW = `mutation ($input: RecordEnrolmentReviewInput!) { recordEnrolmentReview(input: $input) { assistanceEnrolment { id lastReviewedOn } userErrors { field code } } }`;
      const first = await ask(REVIEW, { input }, await role('civil-affairs-officer', DISTRICT_B));
      expect(first.data.recordEnrolmentReview).toEqual({ assistanceEnrolment: { id: ids.enrolB, lastReviewedOn: '2026-11-15' }, userErrors: [] });
      const before = await tableCounts(database.url);
      const replay = await ask(REVIEW, { input }, await officerA());
      expect(replay.data.recordEnrolmentReview).toEqual({ assistanceEnrolment: null, userErrors: [{ field: ['input', 'enrolmentId'], code: 'NOT_FOUND' }] });
      expect(await tableCounts(database.url)).toEqual(before);
    });

    it('lets the officer write in the own district', async () => {
      const headers = await officerA();
      const stepped = await ask(`mutation ($input: AdvanceDibaoApplicationInput!) { advanceDibaoApplication(input: $input) { dibaoApplication { stage } userErrors { code } } }`,
        { input: { applicationId: ids.appA, stage: 'HOME_VISITED', date: '2026-11-02', officerName: '李明' } }, headers);
      expect(stepped.data.advanceDibaoApplication).toEqual({ dibaoApplication: { stage: 'HOME_VISITED' }, userErrors: [] });
      const condolence = await ask(`mutation ($input: RecordCondolenceInput!) { recordCondolence(input: $input) { condolence { cash } userErrors { code } } }`,
        { input: { householdId: HA, regionCode: COMMUNITY_A, occasion: 'MID_AUTUMN', visitedOn: '2026-09-20', cash: '200.00', vouchers: '0.00' } }, headers);
      expect(condolence.data.recordCondolence).toEqual({ condolence: { cash: '200.00' }, userErrors: [] });
    });
  });

  describe('only the gateway may call the subgraph', () => {
    const post = (body: unknown, headers: Record<string, string>) =>
      fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const OPERATIONS = [
      { query: '{ _service { sdl } }' },
      { query: 'query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { disabilityGrade } } }', variables: { reps: [{ __typename: 'Person', id: PA1 }] } },
      { query: `{ dibaoApplications(regionCode: "${DISTRICT_A}") { totalCount } }` },
    ];
    it('answers HTTP 401 to anything but its own valid gateway token, for _service, _entities and queries alike', async () => {
      for (const [who, headers] of Object.entries(await refusedSubgraphAuthorizations('civil-affairs'))) {
        for (const operation of OPERATIONS) {
          const response = await post(operation, headers);
          expect([who, response.status]).toEqual([who, 401]);
          expect(await response.text()).not.toMatch(/sdl|disabilityGrade|totalCount/);
        }
      }
    });

    it('answers the same operations with a valid gateway token', async () => {
      for (const operation of OPERATIONS) expect((await post(operation, await gatewayHeaders('civil-affairs'))).status).toBe(200);
    });
  });
});
