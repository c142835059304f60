import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { startGateway, type RunningGateway } from '../../../gateway/src/server';
import { start as startCommunity } from '../../community/src/server';
import { start as startSafety } from '../src/server';
import { callerHeaders } from '../../../test/support/access';
import { composeCommunityAndSafety, loadCommunityAndSafetyDemo } from './hub';
import { gql } from './support';

describe('safety through the gateway, with community', () => {
  let database: TestDatabase;
  let community: Awaited<ReturnType<typeof startCommunity>>;
  let safety: Awaited<ReturnType<typeof startSafety>>;
  let gateway: RunningGateway;
  const population = generatePopulation({ households: 300 });
  const town = population.regions.find((r) => r.level === 'SUBDISTRICT')!.code;

  beforeAll(async () => {
    database = await createTestDatabase('safety_gateway', ['community', 'safety']);
    await loadCommunityAndSafetyDemo(database.url, population);
    community = await startCommunity({ port: 0, databaseUrl: database.url });
    safety = await startSafety({ port: 0, databaseUrl: database.url });
    gateway = await startGateway({ port: 0, playground: false, supergraphFile: composeCommunityAndSafety(), subgraphUrls: { community: community.url, safety: safety.url } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await safety?.stop();
    await community?.stop();
    await database?.drop();
  });

  it("computes injury rates per 100,000 residents with community's population", async () => {
    const { data, errors } = await gql(
      gateway.url,
      `query ($code: String!) { region(code: $code) { code population
        injuryStatistics(from: "2025-01-01", to: "2025-12-31", groupBy: CAUSE) { population total ratePer100k previousTotal groups { key count ratePer100k } }
        safetyStatistics(year: 2025) { injuries injuryRatePer100k } } }`,
      { code: town },
      await callerHeaders(),
    );
    expect(errors).toBeUndefined();
    const residents = population.persons.filter((p) => population.households.find((h) => h.id === p.householdId)!.regionCode.startsWith(town)).length;
    const [{ total, previous }] = (await query<{ total: number; previous: number }>(
      database.url,
      `SELECT count(*) FILTER (WHERE injury_date BETWEEN '2025-01-01' AND '2025-12-31')::int AS total,
              count(*) FILTER (WHERE injury_date BETWEEN '2024-01-01' AND '2024-12-31')::int AS previous
         FROM safety.injury_record WHERE region_code LIKE $1 || '%'`,
      [town],
    )) as [{ total: number; previous: number }];
    const region = data.region;
    expect(region.population).toBe(residents);
    expect(total).toBeGreaterThan(0);
    const rate = Math.round((total * 100_000 * 100) / residents) / 100;
    expect(region.injuryStatistics).toMatchObject({ population: residents, total, previousTotal: previous, ratePer100k: rate });
    expect(region.safetyStatistics).toEqual({ injuries: total, injuryRatePer100k: rate });
    const sum = region.injuryStatistics.groups.reduce((s: number, g: { count: number }) => s + g.count, 0);
    expect(sum).toBe(total);
    const falls = region.injuryStatistics.groups.find((g: { key: string }) => g.key === 'FALL');
    expect(falls.ratePer100k).toBe(Math.round((falls.count * 100_000 * 100) / residents) / 100);
  });

  it('answers one household query across community and safety', async () => {
    const [row] = (await query<{ household_id: string }>(
      database.url,
      `SELECT household_id FROM safety.injury_record WHERE household_id IS NOT NULL GROUP BY household_id ORDER BY count(*) DESC, household_id LIMIT 1`,
    )) as [{ household_id: string }];
    const { data, errors } = await gql(
      gateway.url,
      `query ($id: ID!) { household(id: $id) { id householdNumber region { code safetyProgramme { name } }
        injuries { id cause injuryDate person { id name } }
        highRiskEntries { reason group { name } }
        members { person { id name age injuries { id } highRisk highRiskEntries { reason } } } } }`,
      { id: row.household_id },
      await callerHeaders(),
    );
    expect(errors).toBeUndefined();
    const household = data.household;
    const demo = population.households.find((h) => h.id === row.household_id)!;
    expect(household.householdNumber).toBe(demo.householdNumber);
    const expected = await query<{ id: string }>(database.url, `SELECT id FROM safety.injury_record WHERE household_id = $1 ORDER BY injury_date DESC, id`, [row.household_id]);
    expect(household.injuries.map((i: { id: string }) => i.id)).toEqual(expected.map((e) => e.id));
    for (const injury of household.injuries) expect(demo.memberIds).toContain(injury.person.id);
    expect(household.injuries[0].person.name).toEqual(population.persons.find((p) => p.id === household.injuries[0].person.id)!.name);
    expect(household.region.safetyProgramme.name).toContain('安全社区建设');
    const memberInjuries = household.members.flatMap((m: { person: { injuries: { id: string }[] } }) => m.person.injuries.map((i) => i.id)).sort();
    expect(memberInjuries).toEqual(expected.map((e) => e.id).sort());
    for (const member of household.members) expect(typeof member.person.highRisk).toBe('boolean');
  });

  it('serves the programme dashboard of every town in one query', async () => {
    const { data, errors } = await gql(
      gateway.url,
      `{ districts { children { code name population safetyProgramme { name targetLevel currentPhase phases { phase plannedStart } committee { name members { name role } } office { name }
          workingGroups { kind category } interventionProjects { name workingGroup { kind } indicators { name achieved } } }
          safetyStatistics { openHazards overdueHazards highRiskPersons activeProjects injuryRatePer100k } } } }`,
      {},
      await callerHeaders(),
    );
    expect(errors).toBeUndefined();
    const towns = data.districts.flatMap((d: { children: unknown[] }) => d.children) as {
      code: string;
      safetyProgramme: { phases: unknown[]; workingGroups: { kind: string; category: string }[]; interventionProjects: unknown[] };
      safetyStatistics: { activeProjects: number; highRiskPersons: number; injuryRatePer100k: number | null };
    }[];
    expect(towns.length).toBe(population.regions.filter((r) => r.level === 'SUBDISTRICT').length);
    for (const t of towns) {
      expect(t.safetyProgramme.phases).toHaveLength(5);
      expect(t.safetyProgramme.workingGroups.filter((g) => g.category === 'PROJECT')).toHaveLength(7);
      expect(t.safetyProgramme.workingGroups.filter((g) => g.category === 'NON_SPECIALIST')).toHaveLength(3);
    }
    expect(towns[0]!.safetyProgramme.interventionProjects).toHaveLength(7);
    expect(towns[0]!.safetyStatistics.activeProjects).toBe(6);
    expect(towns[0]!.safetyStatistics.injuryRatePer100k).not.toBeNull();
  });
});
