/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { query } from '../../../test/support/database';
import { startTestSubgraph, type TestSubgraph } from './support';

const ENTITIES = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person { id employmentStatus { status since until } employmentHistory { status since until } }
      ... on Household { id zeroEmploymentFamily { current arose resolved } }
    }
  }`;

const iso = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);

describe('employment subgraph _entities over demo data', () => {
  let hub: TestSubgraph;
  beforeAll(async () => {
    hub = await startTestSubgraph('employment_entities', 50);
  });
  afterAll(async () => hub?.stop());

  it('answers Person representations with the status periods the tables hold', async () => {
    const persons = hub.population.persons;
    const data = await hub.gql<{ _entities: any[] }>(ENTITIES, { representations: persons.map((p) => ({ __typename: 'Person', id: p.id })) });
    const rows = await query<{ person_id: string; status: string; start_date: Date; end_date: Date | null }>(
      hub.database.url,
      'SELECT person_id, status::text, start_date, end_date FROM employment.employment_status_period ORDER BY person_id, start_date',
    );
    expect(rows.length).toBeGreaterThanOrEqual(persons.length);
    const expected = new Map<string, { status: string; since: string; until: string | null }[]>();
    for (const row of rows) {
      const list = expected.get(row.person_id) ?? [];
      list.push({ status: row.status, since: iso(row.start_date)!, until: iso(row.end_date) });
      expected.set(row.person_id, list);
    }
    expect(data._entities).toHaveLength(persons.length);
    for (const entity of data._entities) {
      const history = expected.get(entity.id)!;
      expect(entity.employmentHistory).toEqual(history);
      expect(entity.employmentStatus).toEqual(history.find((p) => p.until === null));
    }
  });

  it('answers Household representations with the zero-employment episodes the tables hold', async () => {
    const households = hub.population.households;
    const data = await hub.gql<{ _entities: any[] }>(ENTITIES, { representations: households.map((h) => ({ __typename: 'Household', id: h.id })) });
    const rows = await query<{ household_id: string; arose_on: Date; resolved_on: Date | null }>(
      hub.database.url,
      'SELECT household_id, arose_on, resolved_on FROM employment.zero_employment_episode ORDER BY arose_on',
    );
    const latest = new Map(rows.map((r) => [r.household_id, r]));
    expect(data._entities).toHaveLength(households.length);
    for (const entity of data._entities) {
      const episode = latest.get(entity.id);
      expect(entity.zeroEmploymentFamily).toEqual(
        episode ? { current: episode.resolved_on === null, arose: iso(episode.arose_on), resolved: iso(episode.resolved_on) } : { current: false, arose: null, resolved: null },
      );
    }
  });

  it('answers null for a household or person the labour office does not know, and for ids that are no UUID (as for one outside the jurisdiction)', async () => {
    const data = await hub.gql<{ _entities: any[] }>(ENTITIES, {
      representations: [
        { __typename: 'Household', id: '00000000-0000-4000-8000-000000000000' },
        { __typename: 'Person', id: 'not-a-uuid' },
      ],
    });
    // Unknown here has no region to judge jurisdiction by, so it reads exactly as a record outside it: null.
    expect(data._entities).toEqual([null, null]);
  });

  it('batches every Person, Household and Region field: as many statements for 50 entities as for 5', async () => {
    const FULL = `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on Person {
          id employmentStatus { status } employmentHistory { status } employmentRegistrations { kind certificateNumber }
          employmentDifficulty { certified categories certification { id statedCategories } }
          placements { kind person { id } } flexibleEmploymentSubsidies { amount status }
          trainingEnrolments { status course { name enrolled completed } }
          microLoans { amount status } informalEmployment { joinedOn organisation { name currentMembers } }
          insuranceEnrolments { scheme year contribution status } labourDisputes { status employerName }
          retirement { retiredOn monthlyPension selfManagementGroup { name memberCount } }
          pensionEligibility(year: 2026) { outcome pensionAction }
        }
        ... on Household { id zeroEmploymentFamily { current } zeroEmploymentEpisodes { arose } assistanceVisits { visitedOn outcome person { id } } }
        ... on Region { code employmentStatistics { employed zeroEmploymentFamilies registeredUnemploymentRate selfManagementCoverageRate pensionCertificationRate } employmentTargets(year: 2026) { indicator actualCount completionRate } }
      }
    }`;
    const regions = hub.population.regions.map((r) => r.code);
    const count = async (n: number): Promise<number> => {
      const representations = [
        ...hub.population.households.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id })),
        ...hub.population.persons.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id, deceased: false, disabilityGrade: null, household: { receivesDibao: false } })),
        ...regions.slice(0, Math.max(2, Math.round((regions.length * n) / 50))).map((code) => ({ __typename: 'Region', code })),
      ];
      const before = hub.running.db.statements.count;
      await hub.gql(FULL, { representations });
      return hub.running.db.statements.count - before;
    };
    const five = await count(5);
    expect(await count(50)).toBe(five);
  });

  it('sends the same number of SQL statements for 5 and for 50 representations (DataLoader batching)', async () => {
    const count = async (n: number): Promise<number> => {
      const representations = [
        ...hub.population.households.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id })),
        ...hub.population.persons.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })),
      ];
      const before = hub.running.db.statements.count;
      await hub.gql(ENTITIES, { representations });
      return hub.running.db.statements.count - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });
});
