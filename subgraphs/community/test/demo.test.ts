import { Client } from 'pg';
import { generatePopulation, type DemoPopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { buildGovernance, GOVERNANCE_RATES, loadDemoData } from '../src/data/demo';
import { start } from '../src/server';
import { gatewayHeaders } from '../../../test/support/access';
import type { Data } from './support';

// Three communities of 800 households: the seed's scale of a community of a few thousand residents.
let population: DemoPopulation;
let database: TestDatabase;
let running: Awaited<ReturnType<typeof start>>;
let counts: Record<string, number>;

const gql = async (document: string, variables: Record<string, unknown> = {}): Promise<Data> => {
  const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await gatewayHeaders('community')) }, body: JSON.stringify({ query: document, variables }) });
  const body = (await response.json()) as { data?: unknown; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
};
const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) => query<T>(database.url, text, params);

beforeAll(async () => {
  population = generatePopulation({ households: 2400, seed: 20261129 });
  database = await createTestDatabase('community_demo', ['community']);
  const client = new Client({ connectionString: database.url });
  await client.connect();
  try {
    await client.query('BEGIN');
    counts = await loadDemoData(client, population);
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
  running = await start({ port: 0, databaseUrl: database.url, today: () => population.today });
});

afterAll(async () => {
  await running?.stop();
  await database?.drop();
});

describe('governance demo data at the seed proportions', () => {
  it('is deterministic for a seed', () => {
    const again = buildGovernance(population);
    expect(again.dispute!.rows.slice(0, 3)).toEqual(buildGovernance(population).dispute!.rows.slice(0, 3));
    expect(counts.petition_visit).toBe(again.petition_visit!.rows.length);
  });

  it('gives every community the seven organisations, a patrol log most days, three volunteer teams and serving cadres', async () => {
    const rows = await sql<{ region_code: string; orgs: string; teams: string; logs: string; cadres: string }>(`
      SELECT r.code AS region_code,
        (SELECT count(*) FROM community.governance_organisation o WHERE o.region_code = r.code)::text AS orgs,
        (SELECT count(DISTINCT team) FROM community.volunteer v WHERE v.region_code = r.code)::text AS teams,
        (SELECT count(*) FROM community.patrol_log l JOIN community.governance_organisation o ON o.id = l.organisation_id WHERE o.region_code = r.code)::text AS logs,
        (SELECT count(*) FROM community.cadre c WHERE c.region_code = r.code AND c.end_date IS NULL)::text AS cadres
      FROM community.region r WHERE r.level = 'COMMUNITY' ORDER BY r.code`);
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.orgs).toBe('7');
      expect(row.teams).toBe('3');
      expect(Number(row.logs)).toBeGreaterThan(300);
      expect(Number(row.cadres)).toBe(7);
    }
  });

  it('has 40-odd 文明家庭/五好家庭 per community over five years, about 300 petition visits a year, almost none escalated, 99 %+ coverage', async () => {
    for (const community of population.regions.filter((r) => r.level === 'COMMUNITY')) {
      const { region } = await gql(`query($code: String!, $year: Int!) { region(code: $code) { all: communityStatistics { registrationCoverage petitionVisits escalatedPetitionVisits floatingPopulation }
        year: communityStatistics(year: $year) { petitionVisits } } }`, { code: community.code, year: 2025 });
      expect(region.all.petitionVisits).toBe(GOVERNANCE_RATES.petitionVisitsPerYear * GOVERNANCE_RATES.years);
      expect(region.year.petitionVisits).toBeGreaterThan(250);
      expect(region.year.petitionVisits).toBeLessThan(350);
      expect(region.all.escalatedPetitionVisits).toBeLessThan(10);
      expect(region.all.floatingPopulation).toBeGreaterThan(100);
      expect(region.all.registrationCoverage).toBeGreaterThanOrEqual(0.98);
      const [honours] = await sql<{ n: string }>(
        `SELECT count(*)::text AS n FROM community.household_honour hh JOIN community.household h ON h.id = hh.household_id WHERE h.region_code = $1 AND hh.kind IN ('CIVILISED_FAMILY', 'FIVE_GOOD_FAMILY')`,
        [community.code],
      );
      expect(Number(honours!.n)).toBeGreaterThanOrEqual(38);
      expect(Number(honours!.n)).toBeLessThanOrEqual(42);
    }
  });

  it('keeps the workflow and admission rules: resolved disputes were mediated, admitted tasks are funded', async () => {
    const [unmediated] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.dispute d WHERE d.status = 'RESOLVED' AND NOT EXISTS (SELECT 1 FROM community.mediation_session s WHERE s.dispute_id = d.id)`);
    expect(unmediated!.n).toBe('0');
    const [unfunded] = await sql<{ n: string }>(`SELECT count(*)::text AS n FROM community.work_admission WHERE status = 'APPROVED' AND kind = 'TASK' AND funding_fen <= 0`);
    expect(unfunded!.n).toBe('0');
    const [statuses] = await sql<{ s: string }>(`SELECT string_agg(DISTINCT status::text, ',' ORDER BY status::text) AS s FROM community.dispute`);
    expect(statuses!.s).toBe('FAILED,MEDIATING,REFERRED,REPORTED,RESOLVED');
  });

  it('flags overdue supervision files the same way in the list, the field and the statistics', async () => {
    const data = await gql(`{ districts { communityStatistics { activeSupervisionFiles overdueSupervisionFiles } } }`);
    const totals = data.districts.reduce((acc: [number, number], d: Data) => [acc[0] + d.communityStatistics.activeSupervisionFiles, acc[1] + d.communityStatistics.overdueSupervisionFiles], [0, 0]);
    let overdue = 0;
    let active = 0;
    for (const district of population.regions.filter((r) => r.level === 'DISTRICT')) {
      const list = await gql(`query($code: String!) { supervisionFiles(regionCode: $code, first: 100) { edges { node { overdue endDate visits { mode } } } } }`, { code: district.code });
      for (const { node } of list.supervisionFiles.edges) {
        if (node.endDate === null) active += 1;
        if (node.overdue) overdue += 1;
        expect(node.visits.some((v: Data) => v.mode === 'FACE_TO_FACE')).toBe(true);
      }
    }
    expect(totals).toEqual([active, overdue]);
    // With this seed some files are overdue and most are not (a quarter are left unvisited this quarter).
    expect(active).toBeGreaterThan(5);
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(active);
  });

  it('lets civil-affairs see cadres near relatives, serving cadres only', async () => {
    const [relative] = await sql<{ person_id: string }>(`SELECT person_id FROM community.cadre_relative LIMIT 1`);
    const data = await gql(`query($id: ID!) { person(id: $id) { isCadreNearRelative household { hasCadreNearRelative } } }`, { id: relative!.person_id });
    expect(data.person).toEqual({ isCadreNearRelative: true, household: { hasCadreNearRelative: true } });
  });
});
