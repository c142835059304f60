/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
// The access model in the safety subgraph: what each demo role may read, the audit of person-level injury and
// high-risk reads (DISABILITY: health data), the audit query, jurisdiction on every entry point (root fields,
// _entities, records reached through a programme, statistics, mutations), the dashboard viewer reaching the
// statistics and community's population through the gateway, and the gateway token every direct call needs.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { callerForRole, type Caller, type RoleName } from '@hub/access';
import { generatePopulation } from '@hub/demo-population';
import { Kind, parse } from 'graphql';
import { callerHeaders, gatewayHeaders, refusedSubgraphAuthorizations, roleHeaders } from '../../../test/support/access';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { startGateway, type RunningGateway } from '../../../gateway/src/server';
import { start as startCommunity } from '../../community/src/server';
import { todayIso } from '../src/domain/dates';
import { SCHEMA_FILE, start as startSafety } from '../src/server';
import { composeCommunityAndSafety, loadCommunityAndSafetyDemo } from './hub';
import { gql } from './support';

const PURPOSE = '入户走访前了解伤害情况 (automated test)';
const DISTRICT = '370703'; // 奎文区
const EAST = '370703001'; // 东关街道
const EAST_A = '370703001001'; // 和平社区
const WEST = '370703002'; // 大虞街道
const WEST_A = '370703002001'; // 民生社区

const TABLES = [
  'injury_record', 'programme', 'programme_phase', 'working_group', 'working_group_member', 'hazard', 'high_risk_group', 'high_risk_member',
  'intervention_project', 'project_indicator', 'project_activity', 'emergency_plan', 'emergency_plan_version', 'drill', 'corrective_action', 'review', 'idempotency_key',
];

/** A person's and a household's person-level safety fields, for the audit tests. */
const PERSON_FIELDS = `query ($r: [_Any!]!) { _entities(representations: $r) {
  ... on Person { id injuries { id cause reportingUnitName } highRisk highRiskEntries { id reason } }
  ... on Household { id injuries { id } highRiskEntries { id } } } }`;

const daysAgo = (days: number): string => new Date(Date.parse(`${todayIso()}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
const codes = (errors: { extensions?: Record<string, unknown> }[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);
const role = (name: RoleName, region?: string, purpose: string | null = PURPOSE): Caller => callerForRole(name, region, purpose);
/** The safety officer's role scoped to another region (a district officer by default). */
const officerOf = (region: string, purpose: string | null = PURPOSE): Caller => callerForRole('safety-officer', region, purpose);

describe('safety access model', () => {
  let database: TestDatabase;
  let community: Awaited<ReturnType<typeof startCommunity>>;
  let safety: Awaited<ReturnType<typeof startSafety>>;
  let gateway: RunningGateway;
  const population = generatePopulation({ households: 300 });
  /** Ids picked from the demo data: east = 东关街道 (和平社区 for persons), west = 大虞街道. */
  const ids: Record<string, string> = {};

  /** Calls the safety subgraph directly, as the gateway would for `caller`. */
  const direct = async (caller: Caller, text: string, variables: Record<string, unknown> = {}) => gql(safety.url, text, variables, await gatewayHeaders('safety', caller));
  const one = async (sql: string, params: unknown[] = []): Promise<string> => {
    const rows = await query<{ id: string }>(database.url, sql, params);
    if (!rows[0]) throw new Error(`no demo row for: ${sql}`);
    return rows[0].id;
  };
  const auditRows = () => query<Record<string, any>>(database.url, `SELECT * FROM safety.access_audit ORDER BY id`);
  /** A digest of every safety table: equal digests mean nothing was written. */
  const digest = async (): Promise<string[]> =>
    Promise.all(TABLES.map(async (table) => (await query<{ d: string | null }>(database.url, `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS d FROM safety.${table} t`))[0]!.d ?? table));

  beforeAll(async () => {
    database = await createTestDatabase('safety_access', ['community', 'safety']);
    await loadCommunityAndSafetyDemo(database.url, population);
    community = await startCommunity({ port: 0, databaseUrl: database.url });
    safety = await startSafety({ port: 0, databaseUrl: database.url });
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: composeCommunityAndSafety(), subgraphUrls: { community: community.url, safety: safety.url } });
    const injuredIn = (prefix: string) => one(`SELECT person_id AS id FROM safety.injury_record WHERE region_code LIKE $1 AND person_id IS NOT NULL GROUP BY person_id ORDER BY count(*) DESC, person_id LIMIT 1`, [`${prefix}%`]);
    ids.eastPerson = await injuredIn(EAST_A);
    ids.westPerson = await injuredIn(WEST);
    ids.eastHousehold = await one(`SELECT household_id AS id FROM safety.injury_record WHERE region_code LIKE $1 AND household_id IS NOT NULL GROUP BY household_id ORDER BY count(*) DESC, household_id LIMIT 1`, [`${EAST_A}%`]);
    ids.westHousehold = await one(`SELECT household_id AS id FROM safety.injury_record WHERE region_code LIKE $1 AND household_id IS NOT NULL GROUP BY household_id ORDER BY count(*) DESC, household_id LIMIT 1`, [`${WEST}%`]);
    ids.westRiskPerson = await one(`SELECT person_id AS id FROM safety.high_risk_member WHERE region_code LIKE $1 AND person_id IS NOT NULL AND until IS NULL ORDER BY id LIMIT 1`, [`${WEST}%`]);
    ids.westMember = await one(`SELECT id FROM safety.high_risk_member WHERE region_code LIKE $1 AND until IS NULL ORDER BY id LIMIT 1`, [`${WEST}%`]);
    for (const [side, town] of [['east', EAST], ['west', WEST]] as const) {
      ids[`${side}Programme`] = await one(`SELECT id FROM safety.programme WHERE region_code = $1`, [town]);
      ids[`${side}Group`] = await one(`SELECT id FROM safety.high_risk_group WHERE programme_id = $1 ORDER BY name LIMIT 1`, [ids[`${side}Programme`]]);
      ids[`${side}Project`] = await one(`SELECT id FROM safety.intervention_project WHERE programme_id = $1 AND status = 'ACTIVE' ORDER BY name LIMIT 1`, [ids[`${side}Programme`]]);
      ids[`${side}Indicator`] = await one(`SELECT id FROM safety.project_indicator WHERE project_id = $1 ORDER BY id LIMIT 1`, [ids[`${side}Project`]]);
      ids[`${side}WorkingGroup`] = await one(`SELECT id FROM safety.working_group WHERE programme_id = $1 AND kind = 'ELDERLY_SAFETY'`, [ids[`${side}Programme`]]);
      ids[`${side}Plan`] = await one(`SELECT id FROM safety.emergency_plan WHERE programme_id = $1 ORDER BY title LIMIT 1`, [ids[`${side}Programme`]]);
    }
    // Open hazards and actions, made by the district officer (the demo's are mostly closed by now).
    const create = async (name: string, inputType: string, payload: string, input: Record<string, unknown>): Promise<string> => {
      const { data, errors } = await direct(officerOf(DISTRICT), `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${payload} { id } userErrors { message } } }`, { input });
      expect(errors).toBeUndefined();
      expect(data[name].userErrors).toEqual([]);
      return data[name][payload].id;
    };
    const hazard = (regionCode: string, location: string) =>
      create('identifyHazard', 'IdentifyHazardInput', 'hazard', {
        regionCode, location, category: 'FIRE', description: '楼道堆放杂物', likelihood: 3, severity: 3, responsibleUnit: '物业', identifiedOn: daysAgo(5), deadline: daysAgo(-25),
      });
    ids.eastHazard = await hazard(EAST_A, '和平社区3号楼');
    ids.westHazard = await hazard(WEST_A, '民生社区1号楼');
    ids.westHazard2 = await hazard(WEST_A, '民生社区2号楼');
    for (const side of ['east', 'west']) {
      ids[`${side}Action`] = await create('createCorrectiveAction', 'CreateCorrectiveActionInput', 'action', {
        programmeId: ids[`${side}Programme`], title: '完善楼道消防设施', source: 'HAZARD', owner: '镇安办', dueDate: daysAgo(-30),
      });
    }
  });
  afterAll(async () => {
    await gateway?.stop();
    await safety?.stop();
    await community?.stop();
    await database?.drop();
  });

  describe('what each demo role reads', () => {
    it('holds no ID numbers or phones: no field is masked, nothing to unmask', () => {
      const document = parse(readFileSync(SCHEMA_FILE, 'utf8'));
      const fields = document.definitions.flatMap((d) => (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION ? (d.fields ?? []).map((f) => ({ type: d.name.value, field: f })) : []));
      expect(fields.length).toBeGreaterThan(200);
      expect(fields.filter(({ field }) => /idNumber|phone|mobile|contact/i.test(field.name.value)).map(({ type, field }) => `${type}.${field.name.value}`)).toEqual([]);
      expect(fields.filter(({ field }) => field.directives?.some((d) => d.name.value === 'hubMasked'))).toEqual([]);
    });

    const PERSON = `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on Person { id injuries { id cause } highRisk highRiskEntries { id } }
      ... on Region { code safetyStatistics { injuries openHazards } injuryStatistics(from: "2015-01-01", to: "${todayIso()}") { total } } } }`;
    // Person fields: safety:read and a purpose; region statistics: safety:read or dashboard:read.
    const MATRIX: [RoleName, string, 'reads' | 'FORBIDDEN', 'reads' | 'FORBIDDEN'][] = [
      ['grid-worker', EAST_A, 'reads', 'reads'],
      ['safety-officer', DISTRICT, 'reads', 'reads'],
      ['dashboard-viewer', DISTRICT, 'FORBIDDEN', 'reads'],
      ['civil-affairs-officer', DISTRICT, 'FORBIDDEN', 'FORBIDDEN'],
      ['employment-officer', DISTRICT, 'FORBIDDEN', 'FORBIDDEN'],
      ['auditor', DISTRICT, 'FORBIDDEN', 'FORBIDDEN'],
    ];
    it.each(MATRIX)('%s of %s: person-level injury and high-risk fields: %s; region statistics: %s', async (name, region, personView, statisticsView) => {
      const { data, errors } = await direct(role(name, region), PERSON, { r: [{ __typename: 'Person', id: ids.eastPerson }, { __typename: 'Region', code: EAST_A, population: 1000 }] });
      const [person, area] = data._entities;
      const refused = (errors ?? []).filter((e) => e.extensions?.code === 'FORBIDDEN').map((e) => e.path!.slice(2).join('.'));
      if (personView === 'reads') {
        expect(person.injuries.length).toBeGreaterThan(0);
        expect(typeof person.highRisk).toBe('boolean');
        expect(Array.isArray(person.highRiskEntries)).toBe(true);
      } else {
        expect(person).toMatchObject({ injuries: null, highRisk: null, highRiskEntries: null });
        expect(refused).toEqual(expect.arrayContaining(['injuries', 'highRisk', 'highRiskEntries']));
      }
      if (statisticsView === 'reads') {
        expect(area.safetyStatistics.injuries).toBeGreaterThanOrEqual(0);
        expect(area.injuryStatistics.total).toBeGreaterThan(0);
      } else {
        expect(area).toMatchObject({ safetyStatistics: null, injuryStatistics: null });
        expect(refused).toEqual(expect.arrayContaining(['safetyStatistics', 'injuryStatistics']));
      }
      expect(codes(errors).every((code) => code === 'FORBIDDEN')).toBe(true);
    });

    it('lists, programmes and hazards need safety:read: the dashboard viewer gets aggregates only', async () => {
      const fields = [
        `safetyProgrammes { id }`,
        `hazards(regionCode: "${DISTRICT}") { totalCount }`,
        `injuryRecords(regionCode: "${DISTRICT}", from: "2015-01-01", to: "${todayIso()}") { totalCount }`,
        `hazard(id: "${ids.eastHazard}") { id }`,
        `safetyProgramme(id: "${ids.eastProgramme}") { id }`,
      ];
      for (const field of fields) {
        const viewer = await direct(role('dashboard-viewer'), `{ ${field} }`);
        // Nullable fields come back null, non-null ones null the whole answer.
        expect(Object.values(viewer.data ?? {})).toEqual(viewer.data ? [null] : []);
        expect(codes(viewer.errors)).toEqual(['FORBIDDEN']);
      }
      const worker = await direct(role('grid-worker', EAST_A), `{ ${fields.join(' ')} }`);
      expect(worker.errors).toBeUndefined();
      expect(worker.data.injuryRecords.totalCount).toBeGreaterThan(0);
    });

    it('refuses writes to roles without safety:write (the grid worker reads only), writing nothing', async () => {
      const before = await digest();
      const answer = await direct(role('grid-worker', EAST_A), `mutation ($input: IdentifyHazardInput!) { identifyHazard(input: $input) { hazard { id } userErrors { code } } }`, {
        input: { regionCode: EAST_A, location: '小区南门', category: 'FIRE', description: '消防通道堆放杂物', likelihood: 3, severity: 3, responsibleUnit: '物业', identifiedOn: daysAgo(1), deadline: daysAgo(-10) },
      });
      expect(codes(answer.errors)).toEqual(['FORBIDDEN']);
      expect(await digest()).toEqual(before);
    });
  });

  describe('X-Purpose and the audit of person-level records (DISABILITY: injuries are health data)', () => {
    it('refuses person-level fields without an X-Purpose (FORBIDDEN naming the header) and writes no audit row; de-identified cards stay readable', async () => {
      const before = await auditRows();
      const { data, errors } = await direct(role('grid-worker', EAST_A, null), PERSON_FIELDS, { r: [{ __typename: 'Person', id: ids.eastPerson }, { __typename: 'Household', id: ids.eastHousehold }] });
      expect(data._entities[0]).toEqual({ id: ids.eastPerson, injuries: null, highRisk: null, highRiskEntries: null });
      expect(data._entities[1]).toEqual({ id: ids.eastHousehold, injuries: null, highRiskEntries: null });
      expect(codes(errors)).toEqual(Array(5).fill('FORBIDDEN'));
      for (const error of errors!) expect(error.message).toMatch(/X-Purpose/);

      const cards = await direct(role('grid-worker', EAST_A, null), `{ injuryRecords(regionCode: "${EAST_A}", from: "2015-01-01", to: "${todayIso()}", first: 5) { edges { node { id cause age sex person { id } household { id } } } } }`);
      const nodes = cards.data.injuryRecords.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(5);
      for (const node of nodes) expect(node).toMatchObject({ cause: expect.any(String), person: null, household: null });
      expect(codes(cards.errors)).toEqual(Array(10).fill('FORBIDDEN'));
      expect(await auditRows()).toEqual(before);
    });

    it('answers them with a purpose and writes one audit row naming the person, the household and the fields, never the values', async () => {
      const before = (await auditRows()).length;
      const { data, errors } = await direct(role('grid-worker', EAST_A), PERSON_FIELDS, { r: [{ __typename: 'Person', id: ids.eastPerson }, { __typename: 'Household', id: ids.eastHousehold }] });
      expect(errors).toBeUndefined();
      const [person, household] = data._entities;
      const expectedInjuries = await query<{ id: string }>(database.url, `SELECT id FROM safety.injury_record WHERE person_id = $1 ORDER BY injury_date DESC, id`, [ids.eastPerson]);
      expect(person.injuries.map((i: any) => i.id)).toEqual(expectedInjuries.map((r) => r.id));
      const householdInjuries = await query<{ id: string; person_id: string | null }>(database.url, `SELECT id, person_id FROM safety.injury_record WHERE household_id = $1 ORDER BY injury_date DESC, id`, [ids.eastHousehold]);
      expect(household.injuries.map((i: any) => i.id)).toEqual(householdInjuries.map((r) => r.id));

      const rows = (await auditRows()).slice(before);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row).toMatchObject({
        subject: `demo-grid-worker-${EAST_A}`,
        department: 'community',
        purpose: PURPOSE,
        subgraph: 'safety',
        categories: ['DISABILITY'],
        fields: ['Household.highRiskEntries', 'Household.injuries', 'Person.highRisk', 'Person.highRiskEntries', 'Person.injuries'],
      });
      const injured = householdInjuries.map((r) => r.person_id).filter((id): id is string => id !== null);
      expect(row.person_ids).toEqual([...new Set([ids.eastPerson, ids.eastHousehold, ...injured])].sort());
      // What was read (causes, reporting units, reasons) never reaches the trail.
      const stored = JSON.stringify(row);
      for (const injury of person.injuries) expect(stored).not.toContain(injury.cause);
      for (const entry of person.highRiskEntries) expect(stored).not.toContain(entry.reason);
      expect(stored).not.toMatch(/卫生院|医院|派出所/);
    });

    it('audits the link from an injury card to its person or household, with the persons of the cards read', async () => {
      const before = (await auditRows()).length;
      const { data, errors } = await direct(officerOf(DISTRICT), `{ injuryRecords(regionCode: "${EAST_A}", from: "2015-01-01", to: "${todayIso()}", first: 10) { edges { node { id person { id } household { id } } } } }`);
      expect(errors).toBeUndefined();
      const persons = data.injuryRecords.edges.map((e: any) => e.node.person?.id).filter(Boolean);
      expect(persons.length).toBeGreaterThan(0);
      const rows = (await auditRows()).slice(before);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ subject: `demo-safety-officer-${DISTRICT}`, department: 'safety', fields: ['InjuryRecord.household', 'InjuryRecord.person'] });
      expect(rows[0]!.person_ids).toEqual([...new Set(persons)].sort());
    });

    it('writes no audit row for statistics, programmes, hazards or de-identified cards, purpose or not', async () => {
      const before = await auditRows();
      const { errors } = await direct(
        officerOf(DISTRICT),
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { safetyStatistics { injuries highRiskPersons } injuryStatistics(from: "2020-01-01", to: "${todayIso()}", groupBy: INTENT) { total groups { key count } } } }
          safetyProgrammes { id highRiskGroups { currentCount members { totalCount edges { node { reason since } } } } }
          hazards(regionCode: "${DISTRICT}") { totalCount edges { node { id description } } }
          injuryRecords(regionCode: "${DISTRICT}", from: "2015-01-01", to: "${todayIso()}") { edges { node { intent cause summary } } } }`,
        { r: [{ __typename: 'Region', code: DISTRICT, population: 900 }] },
      );
      expect(errors).toBeUndefined();
      expect(await auditRows()).toEqual(before);
    });

    it('keeps the trail append-only: UPDATE and DELETE are refused by the database', async () => {
      const rows = await auditRows();
      expect(rows.length).toBeGreaterThan(0);
      await expect(query(database.url, `UPDATE safety.access_audit SET purpose = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(query(database.url, `DELETE FROM safety.access_audit`)).rejects.toThrow(/append-only/);
      expect(await auditRows()).toEqual(rows);
    });
  });

  describe('safetyAccessAudit', () => {
    const AUDIT = `query ($personId: ID, $subject: String, $first: Int, $beforeId: ID) {
      safetyAccessAudit(personId: $personId, subject: $subject, first: $first, beforeId: $beforeId) { id occurredAt subject department purpose requestId subgraph categories fields personIds } }`;

    it('answers the auditor, newest first, filtered by person and subject and paged by id', async () => {
      // Two audited reads of the west person by the district officer.
      for (let i = 0; i < 2; i++) {
        const read = await direct(officerOf(DISTRICT), `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { injuries { id } } } }`, { r: [{ __typename: 'Person', id: ids.westPerson }] });
        expect(read.errors).toBeUndefined();
      }
      const all = await direct(role('auditor'), AUDIT, { personId: ids.westPerson });
      expect(all.errors).toBeUndefined();
      const entries = all.data.safetyAccessAudit;
      expect(entries.length).toBeGreaterThanOrEqual(2);
      expect(entries.map((e: any) => Number(e.id))).toEqual([...entries.map((e: any) => Number(e.id))].sort((a, b) => b - a));
      for (const entry of entries) expect(entry.personIds).toContain(ids.westPerson);
      expect(entries[0]).toMatchObject({ subject: `demo-safety-officer-${DISTRICT}`, department: 'safety', purpose: PURPOSE, subgraph: 'safety', categories: ['DISABILITY'], fields: ['Person.injuries'] });
      expect(new Date(entries[0].occurredAt).getTime()).toBeLessThanOrEqual(Date.now());

      const workerRead = await direct(role('grid-worker', EAST_A), `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { highRisk } } }`, { r: [{ __typename: 'Person', id: ids.eastPerson }] });
      expect(workerRead.errors).toBeUndefined();
      const bySubject = await direct(role('auditor'), AUDIT, { subject: `demo-grid-worker-${EAST_A}` });
      expect(bySubject.data.safetyAccessAudit.length).toBeGreaterThan(0);
      for (const entry of bySubject.data.safetyAccessAudit) expect(entry.subject).toBe(`demo-grid-worker-${EAST_A}`);

      const firstPage = await direct(role('auditor'), AUDIT, { personId: ids.westPerson, first: 1 });
      expect(firstPage.data.safetyAccessAudit).toEqual([entries[0]]);
      const next = await direct(role('auditor'), AUDIT, { personId: ids.westPerson, first: 1, beforeId: entries[0].id });
      expect(next.data.safetyAccessAudit).toEqual([entries[1]]);
    });

    it.each(['grid-worker', 'safety-officer', 'dashboard-viewer', 'civil-affairs-officer'] as RoleName[])('refuses %s (FORBIDDEN)', async (name) => {
      const { data, errors } = await direct(role(name), AUDIT);
      expect(data).toBeNull();
      expect(codes(errors)).toEqual(['FORBIDDEN']);
    });

    it.each([
      ['first', { first: 0 }],
      ['first', { first: 101 }],
      ['personId', { personId: 'not-an-id' }],
      ['beforeId', { beforeId: 'abc' }],
      ['beforeId', { beforeId: '-1' }],
      ['subject', { subject: '' }],
    ])('refuses a bad %s with BAD_USER_INPUT naming it', async (field, variables) => {
      const { errors } = await direct(role('auditor'), AUDIT, variables);
      expect(errors).toHaveLength(1);
      expect(errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });

  describe('jurisdiction', () => {
    const east = () => officerOf(EAST);

    it('answers root fields by id inside the jurisdiction and null outside it, as for an unknown id', async () => {
      const text = `query ($hazard: ID!, $programme: ID!, $project: ID!, $plan: ID!) {
        hazard(id: $hazard) { id } safetyProgramme(id: $programme) { id } interventionProject(id: $project) { id } emergencyPlan(id: $plan) { id } }`;
      const west = { hazard: ids.westHazard, programme: ids.westProgramme, project: ids.westProject, plan: ids.westPlan };
      const eastIds = { hazard: ids.eastHazard, programme: ids.eastProgramme, project: ids.eastProject, plan: ids.eastPlan };
      const outside = await direct(east(), text, west);
      expect(outside.errors).toBeUndefined();
      expect(outside.data).toEqual({ hazard: null, safetyProgramme: null, interventionProject: null, emergencyPlan: null });
      const inside = await direct(east(), text, eastIds);
      expect(inside.data).toEqual({ hazard: { id: ids.eastHazard }, safetyProgramme: { id: ids.eastProgramme }, interventionProject: { id: ids.eastProject }, emergencyPlan: { id: ids.eastPlan } });
      const district = await direct(officerOf(DISTRICT), text, west);
      expect(district.data.hazard).toEqual({ id: ids.westHazard });
      // The town's programme covers the grid worker's community: visible, the other town's not.
      const worker = await direct(role('grid-worker', EAST_A), `{ safetyProgrammes { id } a: safetyProgramme(id: "${ids.eastProgramme}") { id } b: safetyProgramme(id: "${ids.westProgramme}") { id } }`);
      expect(worker.data).toEqual({ safetyProgrammes: [{ id: ids.eastProgramme }], a: { id: ids.eastProgramme }, b: null });
      expect((await direct(east(), `{ safetyProgrammes { id } }`)).data.safetyProgrammes).toEqual([{ id: ids.eastProgramme }]);
      expect((await direct(officerOf(DISTRICT), `{ safetyProgrammes { id } }`)).data.safetyProgrammes).toHaveLength(2);
    });

    it('lists: FORBIDDEN for a region wholly outside, narrowed to the jurisdiction for a wider one', async () => {
      const lists = (region: string) => `{ hazards(regionCode: "${region}", first: 100) { totalCount edges { node { region { code } } } }
        injuryRecords(regionCode: "${region}", from: "2015-01-01", to: "${todayIso()}", first: 100) { totalCount edges { node { region { code } } } } }`;
      const outside = await direct(east(), lists(WEST));
      expect(outside.data).toBeNull();
      expect(codes(outside.errors)).toEqual(['FORBIDDEN']);
      const wider = await direct(east(), lists(DISTRICT));
      expect(wider.errors).toBeUndefined();
      const count = async (table: string, prefix: string) => Number((await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.${table} WHERE region_code LIKE $1`, [`${prefix}%`]))[0]!.n);
      expect(wider.data.hazards.totalCount).toBe(await count('hazard', EAST));
      expect(wider.data.injuryRecords.totalCount).toBe(await count('injury_record', EAST));
      expect(wider.data.injuryRecords.totalCount).toBeLessThan(await count('injury_record', DISTRICT));
      for (const list of [wider.data.hazards, wider.data.injuryRecords]) for (const edge of list.edges) expect(edge.node.region.code.startsWith(EAST)).toBe(true);
    });

    it('answers _entities outside the jurisdiction without records: persons and households as having none, regions as null', async () => {
      const text = `query ($r: [_Any!]!) { _entities(representations: $r) {
        ... on Person { id injuries { id } highRisk highRiskEntries { id } } ... on Household { id injuries { id } highRiskEntries { id } } ... on Region { code safetyStatistics { injuries } } } }`;
      const r = [{ __typename: 'Person', id: ids.westPerson }, { __typename: 'Person', id: ids.westRiskPerson }, { __typename: 'Household', id: ids.westHousehold }, { __typename: 'Region', code: WEST, population: 100 }];
      const outside = await direct(east(), text, { r });
      expect(outside.errors).toBeUndefined();
      expect(outside.data._entities).toEqual([
        { id: ids.westPerson, injuries: [], highRisk: false, highRiskEntries: [] },
        { id: ids.westRiskPerson, injuries: expect.any(Array), highRisk: false, highRiskEntries: [] },
        { id: ids.westHousehold, injuries: [], highRiskEntries: [] },
        null,
      ]);
      expect(outside.data._entities[1].injuries).toEqual([]);
      const inside = await direct(officerOf(DISTRICT), text, { r });
      expect(inside.data._entities[0].injuries.length).toBeGreaterThan(0);
      expect(inside.data._entities[1]).toMatchObject({ highRisk: true });
      expect(inside.data._entities[2].injuries.length).toBeGreaterThan(0);
      expect(inside.data._entities[3].safetyStatistics.injuries).toBeGreaterThanOrEqual(0);
    });

    it('aggregates statistics over the jurisdiction only: an officer of one town asking about the district gets the town', async () => {
      const stats = `injuryStatistics(from: "2015-01-01", to: "${todayIso()}", groupBy: CAUSE) { total previousTotal hospitalised deaths ratePer100k groups { key count } }
        safetyStatistics { injuries injuriesPreviousYear openHazards overdueHazards openHazardsByRiskLevel { riskLevel open } highRiskPersons highRiskHouseholds activeProjects activities drills overdueCorrectiveActions indicatorsMeasured }`;
      const text = `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Region { code ${stats} } } }`;
      const population = 5000;
      const narrowed = await direct(east(), text, { r: [{ __typename: 'Region', code: DISTRICT, population }, { __typename: 'Region', code: EAST, population }] });
      expect(narrowed.errors).toBeUndefined();
      const [district, town] = narrowed.data._entities;
      const { code: _district, ...districtFigures } = district;
      const { code: _town, ...townFigures } = town;
      expect(districtFigures).toEqual(townFigures);
      const [{ n: eastInjuries }] = (await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.injury_record WHERE region_code LIKE $1`, [`${EAST}%`])) as [{ n: number }];
      expect(town.injuryStatistics.total).toBe(eastInjuries);
      const whole = await direct(officerOf(DISTRICT), text, { r: [{ __typename: 'Region', code: DISTRICT, population }] });
      const [{ n: allInjuries }] = (await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM safety.injury_record WHERE region_code LIKE $1`, [`${DISTRICT}%`])) as [{ n: number }];
      expect(whole.data._entities[0].injuryStatistics.total).toBe(allInjuries);
      expect(allInjuries).toBeGreaterThan(eastInjuries);
      // A caller with two towns among its roots, asking about the district, counts both once.
      const both = { ...officerOf(EAST), jurisdiction: [EAST, WEST, EAST_A] };
      const twice = await direct(both, text, { r: [{ __typename: 'Region', code: DISTRICT, population }] });
      const { code: _both, ...bothFigures } = twice.data._entities[0];
      const { code: _whole, ...wholeFigures } = whole.data._entities[0];
      expect(bothFigures).toEqual(wholeFigures);
    });

    it("limits a town programme's high-risk members and counts to the grid worker's community", async () => {
      const text = `{ safetyProgramme(id: "${ids.eastProgramme}") { highRiskGroups { id currentCount members(first: 100) { totalCount edges { node { region { code } } } } } } }`;
      const worker = await direct(role('grid-worker', EAST_A), text);
      expect(worker.errors).toBeUndefined();
      const town = await direct(officerOf(DISTRICT), text);
      let narrowed = 0;
      for (const [i, group] of worker.data.safetyProgramme.highRiskGroups.entries()) {
        const [{ total, current }] = (await query<{ total: number; current: number }>(
          database.url,
          `SELECT count(*)::int AS total, (count(*) FILTER (WHERE since <= $3::date AND (until IS NULL OR until >= $3::date)))::int AS current
             FROM safety.high_risk_member WHERE group_id = $1 AND region_code LIKE $2`,
          [group.id, `${EAST_A}%`, todayIso()],
        )) as [{ total: number; current: number }];
        expect(group.members.totalCount).toBe(total);
        expect(group.currentCount).toBe(current);
        for (const edge of group.members.edges) expect(edge.node.region.code.startsWith(EAST_A)).toBe(true);
        narrowed += town.data.safetyProgramme.highRiskGroups[i].members.totalCount - total;
      }
      expect(narrowed).toBeGreaterThan(0); // the town's groups also hold entries of 幸福社区
    });

    const REFUSED: [string, string, string, () => Record<string, unknown>, 'FORBIDDEN' | 'NOT_FOUND'][] = [
      ['recordInjury', 'RecordInjuryInput', 'injury { id }', () => ({
        regionCode: WEST_A, injuryDate: daysAgo(3), age: 70, sex: 'FEMALE', intent: 'UNINTENTIONAL', cause: 'FALL', place: 'HOME', activity: 'HOUSEWORK', nature: 'FRACTURE',
        bodyPart: 'LOWER_LIMB', severity: 'MODERATE', disposition: 'HOSPITALIZED', reportingUnitType: 'HOSPITAL', reportingUnitName: '大虞卫生院',
      }), 'FORBIDDEN'],
      ['identifyHazard', 'IdentifyHazardInput', 'hazard { id }', () => ({
        regionCode: WEST_A, location: '村西水塘', category: 'WATER', description: '水塘无护栏', likelihood: 3, severity: 4, responsibleUnit: '村委会', identifiedOn: daysAgo(2), deadline: daysAgo(-20),
      }), 'FORBIDDEN'],
      ['launchProgramme', 'LaunchProgrammeInput', 'programme { id }', () => ({ regionCode: '370702001', name: '外区安全社区建设', targetLevel: 'PROVINCIAL', launchDate: daysAgo(10), targetDate: daysAgo(-800) }), 'FORBIDDEN'],
      ['addHighRiskMember', 'AddHighRiskMemberInput', 'member { id }', () => ({ groupId: ids.westGroup, personId: randomUUID(), regionCode: WEST_A, reason: '独居', since: daysAgo(5) }), 'FORBIDDEN'],
      ['startHazardRectification', 'StartHazardRectificationInput', 'hazard { id }', () => ({ hazardId: ids.westHazard, on: daysAgo(1), note: '设置围栏' }), 'NOT_FOUND'],
      ['closeHazard', 'CloseHazardInput', 'hazard { id }', () => ({ hazardId: ids.westHazard, on: daysAgo(0), verificationNote: '合格', verifiedBy: '镇安办' }), 'NOT_FOUND'],
      ['endHighRiskMember', 'EndHighRiskMemberInput', 'member { id }', () => ({ memberId: ids.westMember, until: daysAgo(0) }), 'NOT_FOUND'],
      ['createHighRiskGroup', 'CreateHighRiskGroupInput', 'group { id }', () => ({ programmeId: ids.westProgramme, category: 'OTHER', name: '外来务工人员', mainRisks: '工伤' }), 'NOT_FOUND'],
      ['setPhaseDates', 'SetPhaseDatesInput', 'phase { phase }', () => ({ programmeId: ids.westProgramme, phase: 'LAUNCH', actualStart: daysAgo(900) }), 'NOT_FOUND'],
      ['recordProjectActivity', 'RecordProjectActivityInput', 'activity { id }', () => ({ projectId: ids.westProject, kind: 'TRAINING', title: '讲座', heldOn: daysAgo(1), location: '村委会', participants: 20 }), 'NOT_FOUND'],
      ['measureIndicator', 'MeasureIndicatorInput', 'indicator { id }', () => ({ indicatorId: ids.westIndicator, actual: 1, measuredOn: daysAgo(0) }), 'NOT_FOUND'],
      ['createInterventionProject', 'CreateInterventionProjectInput', 'project { id }', () => ({
        workingGroupId: ids.westWorkingGroup, name: '防跌倒', targetGroup: '老年人', objective: '减少跌倒', startDate: daysAgo(1), indicators: [{ name: '跌倒数', unit: '起', direction: 'LOWER_IS_BETTER', baseline: 10, target: 5 }],
      }), 'NOT_FOUND'],
      ['createEmergencyPlan', 'CreateEmergencyPlanInput', 'plan { id }', () => ({ programmeId: ids.westProgramme, title: '防汛预案', category: 'FLOOD', ownerUnit: '镇安办', issuedOn: daysAgo(1) }), 'NOT_FOUND'],
      ['reviseEmergencyPlan', 'ReviseEmergencyPlanInput', 'plan { id }', () => ({ planId: ids.westPlan, issuedOn: daysAgo(0), changes: '更新联系人' }), 'NOT_FOUND'],
      ['approveEmergencyPlan', 'ApproveEmergencyPlanInput', 'plan { id }', () => ({ planId: ids.westPlan, version: 1, approvedOn: daysAgo(0), approvedBy: '镇长' }), 'NOT_FOUND'],
      ['recordDrill', 'RecordDrillInput', 'drill { id }', () => ({ planId: ids.westPlan, heldOn: daysAgo(1), location: '学校', scenario: '疏散', participants: 30, rating: 'GOOD', findings: '无' }), 'NOT_FOUND'],
      ['createCorrectiveAction', 'CreateCorrectiveActionInput', 'action { id }', () => ({ programmeId: ids.westProgramme, title: '整改', source: 'OTHER', owner: '镇安办', dueDate: daysAgo(-10) }), 'NOT_FOUND'],
      ['updateCorrectiveActionStatus', 'UpdateCorrectiveActionStatusInput', 'action { id }', () => ({ actionId: ids.westAction, status: 'IN_PROGRESS' }), 'NOT_FOUND'],
      ['recordReview', 'RecordReviewInput', 'review { id }', () => ({
        programmeId: ids.westProgramme, kind: 'ANNUAL', periodFrom: daysAgo(60), periodTo: daysAgo(1), reviewedOn: daysAgo(0), reviewer: '县安委会', findings: '无', conclusion: '合格',
      }), 'NOT_FOUND'],
    ];

    it.each(REFUSED)('refuses %s on a record or region outside the jurisdiction (%s), writing nothing', async (name, inputType, payload, input, refusal) => {
      const before = await digest();
      const { data, errors } = await direct(east(), `mutation ($input: ${inputType}!) { ${name}(input: $input) { ${payload} userErrors { field code message } } }`, { input: input() });
      if (refusal === 'FORBIDDEN') {
        expect(data).toBeNull();
        expect(codes(errors)).toEqual(['FORBIDDEN']);
        expect(errors![0]!.message).toMatch(/outside the caller's jurisdiction/);
      } else {
        expect(errors).toBeUndefined();
        const result = data[name];
        expect(Object.values(result).filter((v) => !Array.isArray(v))).toEqual([null]);
        expect(result.userErrors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringMatching(/^no |has no /) })]);
      }
      expect(await digest()).toEqual(before);
    });

    it("refuses a community officer's write to the town programme that contains the community (FORBIDDEN), writing nothing", async () => {
      const before = await digest();
      const { data, errors } = await direct(officerOf(EAST_A), `mutation ($input: CreateCorrectiveActionInput!) { createCorrectiveAction(input: $input) { action { id } userErrors { code } } }`, {
        input: { programmeId: ids.eastProgramme, title: '整改', source: 'OTHER', owner: '社区', dueDate: daysAgo(-10) },
      });
      expect(data).toBeNull();
      expect(codes(errors)).toEqual(['FORBIDDEN']);
      expect(await digest()).toEqual(before);
    });

    it('lets the same officer act inside the jurisdiction (the refusals above are jurisdiction, not input)', async () => {
      const started = await direct(east(), `mutation ($input: StartHazardRectificationInput!) { startHazardRectification(input: $input) { hazard { id status } userErrors { code } } }`, {
        input: { hazardId: ids.eastHazard, on: daysAgo(0), note: '清理杂物' },
      });
      expect(started.data.startHazardRectification).toEqual({ hazard: { id: ids.eastHazard, status: 'RECTIFYING' }, userErrors: [] });
      const action = await direct(east(), `mutation ($input: UpdateCorrectiveActionStatusInput!) { updateCorrectiveActionStatus(input: $input) { action { id status } userErrors { code } } }`, {
        input: { actionId: ids.eastAction, status: 'IN_PROGRESS' },
      });
      expect(action.data.updateCorrectiveActionStatus).toEqual({ action: { id: ids.eastAction, status: 'IN_PROGRESS' }, userErrors: [] });
    });

    it('does not replay an idempotency key into a record outside the jurisdiction', async () => {
      const input = { hazardId: ids.westHazard2, on: daysAgo(0), note: '设置警示牌', idempotencyKey: `access-${randomUUID()}` };
      const text = `mutation ($input: StartHazardRectificationInput!) { startHazardRectification(input: $input) { hazard { id status rectificationNote } userErrors { code } } }`;
      const first = await direct(officerOf(DISTRICT), text, { input });
      expect(first.data.startHazardRectification).toMatchObject({ hazard: { id: ids.westHazard2, status: 'RECTIFYING' }, userErrors: [] });
      const before = await digest();
      const replay = await direct(east(), text, { input });
      expect(replay.data.startHazardRectification).toEqual({ hazard: null, userErrors: [{ code: 'NOT_FOUND' }] });
      expect(await digest()).toEqual(before);
    });
  });

  describe('through the gateway', () => {
    const via = (text: string, headers: Record<string, string>, variables: Record<string, unknown> = {}) => gql(gateway.url, text, variables, headers);
    const DASHBOARD = `query ($code: String!) { region(code: $code) { code population
      injuryStatistics(from: "2015-01-01", to: "${todayIso()}") { population total ratePer100k }
      safetyStatistics { injuries injuryRatePer100k openHazards highRiskPersons } } }`;

    it("serves the dashboard viewer every aggregate, with community's population behind the rates (@requires)", async () => {
      const viewer = await via(DASHBOARD, await roleHeaders('dashboard-viewer'), { code: DISTRICT });
      expect(viewer.errors).toBeUndefined();
      const region = viewer.data.region;
      expect(region.population).toBeGreaterThan(0);
      expect(region.injuryStatistics.population).toBe(region.population);
      expect(region.injuryStatistics.ratePer100k).toBe(Math.round((region.injuryStatistics.total * 100_000 * 100) / region.population) / 100);
      const full = await via(DASHBOARD, await callerHeaders(), { code: DISTRICT });
      expect(full.data).toEqual(viewer.data);
    });

    it("narrows the dashboard viewer of one town to it, population and injuries alike", async () => {
      const narrowed = await via(DASHBOARD, await roleHeaders('dashboard-viewer', EAST), { code: DISTRICT });
      const town = await via(DASHBOARD, await callerHeaders(), { code: EAST });
      expect(narrowed.errors).toBeUndefined();
      const { code: _d, ...narrowedFigures } = narrowed.data.region;
      const { code: _t, ...townFigures } = town.data.region;
      expect(narrowedFigures).toEqual(townFigures);
    });

    it('gives the dashboard viewer no person-level record: programmes and injuries are FORBIDDEN', async () => {
      const answer = await via(`query ($code: String!) { region(code: $code) { safetyProgramme { name } safetyStatistics { injuries } } }`, await roleHeaders('dashboard-viewer'), { code: EAST_A });
      expect(answer.data.region.safetyProgramme).toBeNull();
      expect(answer.data.region.safetyStatistics.injuries).toBeGreaterThanOrEqual(0);
      expect(answer.errors!.map((e) => [e.extensions?.code, e.path])).toEqual([['FORBIDDEN', ['region', 'safetyProgramme']]]);
      const household = await via(`query ($id: ID!) { household(id: $id) { injuries { id } highRiskEntries { id } } }`, await roleHeaders('dashboard-viewer'), { id: ids.eastHousehold });
      expect(household.data?.household ?? null).toBeNull();
      expect(codes(household.errors)).toContain('FORBIDDEN');
      expect(JSON.stringify(household)).not.toMatch(/"injuries":\[/);
    });

    it("gives the grid worker a household's injuries only with an X-Purpose", async () => {
      const text = `query ($id: ID!) { household(id: $id) { id injuries { id cause } } }`;
      const without = await via(text, await roleHeaders('grid-worker', EAST_A), { id: ids.eastHousehold });
      expect(without.data.household).toEqual({ id: ids.eastHousehold, injuries: null });
      expect(without.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      expect(without.errors![0]!.message).toMatch(/X-Purpose/);
      const withPurpose = await via(text, await roleHeaders('grid-worker', EAST_A, PURPOSE), { id: ids.eastHousehold });
      expect(withPurpose.errors).toBeUndefined();
      expect(withPurpose.data.household.injuries.length).toBeGreaterThan(0);
    });
  });

  describe('the gateway token', () => {
    const post = (body: unknown, headers: Record<string, string>) => fetch(safety.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const OPERATIONS = () => [
      { query: '{ _service { sdl } }' },
      { query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { injuries { id } } } }', variables: { r: [{ __typename: 'Person', id: ids.eastPerson }] } },
      { query: `{ hazards(regionCode: "${DISTRICT}") { totalCount } }` },
    ];
    it('answers HTTP 401 to anything but its own valid gateway token, for _service, _entities and queries alike', async () => {
      for (const [who, headers] of Object.entries(await refusedSubgraphAuthorizations('safety'))) {
        for (const operation of OPERATIONS()) {
          const response = await post(operation, headers);
          expect([who, response.status]).toEqual([who, 401]);
          expect(await response.text()).not.toMatch(/sdl|injuries|totalCount/);
        }
      }
    });

    it('answers the same operations with a valid gateway token', async () => {
      for (const operation of OPERATIONS()) expect((await post(operation, await gatewayHeaders('safety'))).status).toBe(200);
    });
  });
});

