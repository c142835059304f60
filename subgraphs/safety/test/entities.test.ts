import { Client } from 'pg';
import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { gatewayHeaders, TEST_JURISDICTION } from '../../../test/support/access';
import { toIsoDate } from '@hub/scalars';
import { todayIso } from '../src/domain/dates';
import { loadDemoData } from '../src/data/demo';
import { start } from '../src/server';

type Running = Awaited<ReturnType<typeof start>>;

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Person {
      id
      injuries { id injuryDate age sex intent cause place activity nature bodyPart severity disposition reportingUnitType reportingUnitName summary region { code } person { id } }
    }
  }
}`;

interface InjuryJson {
  id: string;
  injuryDate: string;
  age: number;
  sex: string;
  cause: string;
  region: { code: string };
  person: { id: string } | null;
  [field: string]: unknown;
}

describe('safety subgraph: Person entities', () => {
  let database: TestDatabase;
  let running: Running;
  const population = generatePopulation({ households: 50 });

  async function post<T>(body: { query: string; variables?: Record<string, unknown> }): Promise<{ data?: T; errors?: unknown[] }> {
    const response = await fetch(running.url, { method: 'POST', headers: { 'content-type': 'application/json', ...(await gatewayHeaders('safety')) }, body: JSON.stringify(body) });
    return (await response.json()) as { data?: T; errors?: unknown[] };
  }

  beforeAll(async () => {
    database = await createTestDatabase('safety_entities', ['safety']);
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await loadDemoData(client, population);
    } finally {
      await client.end();
    }
    running = await start({ port: 0, databaseUrl: database.url });
  });

  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('loads a few injury records per hundred residents and year, linked to demo persons', async () => {
    const [{ total, linked, unknown }] = await query<{ total: string; linked: string; unknown: string }>(
      database.url,
      `SELECT count(*) AS total, count(person_id) AS linked,
              count(*) FILTER (WHERE person_id IS NOT NULL AND NOT (person_id = ANY($1::uuid[]))) AS unknown
         FROM safety.injury_record`,
      [population.persons.map((p) => p.id)],
    ) as [{ total: string; linked: string; unknown: string }];
    const years = Number(population.today.slice(0, 4)) - 2015 + 1;
    expect(Number(total)).toBeGreaterThan(population.persons.length * 0.005 * years);
    expect(Number(total)).toBeLessThan(population.persons.length * 0.015 * years);
    expect(Number(linked)).toBeGreaterThan(Number(total) * 0.8);
    expect(Number(unknown)).toBe(0);
  });

  it('answers _entities for persons with exactly the rows the table holds, newest first', async () => {
    const rows = await query<Record<string, unknown> & { id: string; person_id: string | null; injury_date: string }>(
      database.url,
      `SELECT id, person_id, to_char(injury_date, 'YYYY-MM-DD') AS injury_date, age, sex::text, intent::text, cause::text, place::text,
              activity::text, nature::text, body_part::text, severity::text, disposition::text, reporting_unit_type::text,
              reporting_unit_name, summary, region_code
         FROM safety.injury_record WHERE person_id IS NOT NULL ORDER BY injury_date DESC, id ASC`,
    );
    const injuredIds = [...new Set(rows.map((r) => r.person_id!))].slice(0, 20);
    const uninjured = population.persons.find((p) => !rows.some((r) => r.person_id === p.id))!;
    const representations = [...injuredIds, uninjured.id].map((id) => ({ __typename: 'Person', id }));
    const { data, errors } = await post<{ _entities: { id: string; injuries: InjuryJson[] }[] }>({ query: ENTITIES, variables: { representations } });
    expect(errors).toBeUndefined();
    expect(data!._entities.map((e) => e.id)).toEqual([...injuredIds, uninjured.id]);
    for (const entity of data!._entities) {
      const expected = rows
        .filter((r) => r.person_id === entity.id)
        .map((r) => ({
          id: r.id,
          injuryDate: r.injury_date,
          age: r.age,
          sex: r.sex,
          intent: r.intent,
          cause: r.cause,
          place: r.place,
          activity: r.activity,
          nature: r.nature,
          bodyPart: r.body_part,
          severity: r.severity,
          disposition: r.disposition,
          reportingUnitType: r.reporting_unit_type,
          reportingUnitName: r.reporting_unit_name,
          summary: r.summary,
          region: { code: r.region_code },
          person: { id: entity.id },
        }));
      expect(entity.injuries).toEqual(expected);
    }
    expect(data!._entities.at(-1)!.injuries).toEqual([]);
  });

  it('records the age on the day of the injury from the demo birth date', async () => {
    const rows = await query<{ person_id: string; injury_date: string; age: number; sex: string }>(
      database.url,
      `SELECT person_id, to_char(injury_date, 'YYYY-MM-DD') AS injury_date, age, sex::text FROM safety.injury_record WHERE person_id IS NOT NULL`,
    );
    const persons = new Map(population.persons.map((p) => [p.id, p]));
    for (const row of rows) {
      const person = persons.get(row.person_id)!;
      const years = Number(row.injury_date.slice(0, 4)) - Number(person.birthDate.slice(0, 4));
      expect(row.age).toBe(row.injury_date.slice(5) >= person.birthDate.slice(5) ? years : years - 1);
      expect(row.sex).toBe(person.gender);
    }
  });

  it('batches: _entities for 5 and for 50 persons send the same number of SQL statements', async () => {
    const ids = population.persons.map((p) => p.id);
    const count = async (n: number): Promise<number> => {
      const before = running.db.statements.count;
      const { errors } = await post({ query: ENTITIES, variables: { representations: ids.slice(0, n).map((id) => ({ __typename: 'Person', id })) } });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('batches every Person and Household field: 5 and 50 representations of each send the same statements', async () => {
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
      ... on Person { id highRisk highRiskEntries { reason group { name } region { code } } injuries { id household { id } } }
      ... on Household { id injuries { id person { id } } highRiskEntries { reason } } } }`;
    const count = async (n: number): Promise<number> => {
      const representations = [
        ...population.persons.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })),
        ...population.households.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id })),
      ];
      const before = running.db.statements.count;
      const { errors } = await post({ query, variables: { representations } });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const five = await count(5);
    expect(await count(50)).toBe(five);
  });

  it('reads high-risk entries with their group and its current count in one statement: a person or household with entries sends as many as one without, same values as Prisma', async () => {
    const prisma = running.db.prisma;
    const today = todayIso();
    const entries = await prisma.highRiskMember.findMany({ orderBy: [{ since: 'desc' }, { id: 'asc' }] });
    // The test caller's jurisdiction holds every demo region, so Prisma reads without a region filter are what it may see.
    expect(entries.every((m) => TEST_JURISDICTION.some((root) => m.regionCode.startsWith(root.slice(0, 2))))).toBe(true);
    const personWith = entries.find((m) => m.personId !== null)!.personId!;
    const householdWith = entries.find((m) => m.householdId !== null)!.householdId!;
    const personWithout = population.persons.find((p) => !entries.some((m) => m.personId === p.id))!.id;
    const householdWithout = population.households.find((h) => !entries.some((m) => m.householdId === h.id))!.id;
    const fields = 'highRiskEntries { id reason since until current region { code } group { id category name mainRisks currentCount } }';
    const query = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id ${fields} } ... on Household { id ${fields} } } }`;
    type Entry = { id: string; reason: string; since: string; until: string | null; current: boolean; region: { code: string }; group: { id: string; category: string; name: string; mainRisks: string; currentCount: number } };
    const read = async (person: string, household: string): Promise<{ statements: number; entities: { id: string; highRiskEntries: Entry[] }[] }> => {
      const before = running.db.statements.count;
      const { data, errors } = await post<{ _entities: { id: string; highRiskEntries: Entry[] }[] }>({
        query,
        variables: { representations: [{ __typename: 'Person', id: person }, { __typename: 'Household', id: household }] },
      });
      expect(errors).toBeUndefined();
      return { statements: running.db.statements.count - before, entities: data!._entities };
    };
    const without = await read(personWithout, householdWithout);
    const withEntries = await read(personWith, householdWith);
    expect(without.entities.map((e) => e.highRiskEntries)).toEqual([[], []]);
    expect(withEntries.statements).toBe(without.statements);

    // The values as Prisma reads them: the entries in the old order, each group's row and its members current today.
    const expected = async (rows: typeof entries): Promise<Entry[]> =>
      Promise.all(
        rows.map(async (m) => {
          const group = (await prisma.highRiskGroup.findUnique({ where: { id: m.groupId } }))!;
          const day = new Date(`${today}T00:00:00Z`);
          const currentCount = await prisma.highRiskMember.count({ where: { groupId: m.groupId, since: { lte: day }, OR: [{ until: null }, { until: { gte: day } }] } });
          return {
            id: m.id,
            reason: m.reason,
            since: toIsoDate(m.since),
            until: m.until ? toIsoDate(m.until) : null,
            current: toIsoDate(m.since) <= today && (m.until === null || toIsoDate(m.until) >= today),
            region: { code: m.regionCode },
            group: { id: group.id, category: group.category, name: group.name, mainRisks: group.mainRisks, currentCount },
          };
        }),
      );
    const [personEntries, householdEntries] = withEntries.entities.map((e) => e.highRiskEntries);
    expect(personEntries!.length).toBeGreaterThan(0);
    expect(householdEntries!.length).toBeGreaterThan(0);
    expect(personEntries).toEqual(await expected(entries.filter((m) => m.personId === personWith)));
    expect(householdEntries).toEqual(await expected(entries.filter((m) => m.householdId === householdWith)));
  });

  it('treats a malformed person id as a person without injuries, not an error', async () => {
    const { data, errors } = await post<{ _entities: { id: string; injuries: unknown[] }[] }>({
      query: ENTITIES,
      variables: { representations: [{ __typename: 'Person', id: 'not-a-uuid' }] },
    });
    expect(errors).toBeUndefined();
    expect(data!._entities).toEqual([{ id: 'not-a-uuid', injuries: [] }]);
  });
});
