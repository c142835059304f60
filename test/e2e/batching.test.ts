import { SUBGRAPH_NAMES } from '@hub/database';
import { startTestHub, type TestHub } from '../support/hub';

const PAGE = `
  query Page($first: Int!) {
    households(regionCode: "370703", first: $first) {
      edges {
        node {
          householdNumber
          grid { name }
          receivesDibao
          assistanceEnrolments { programme monthlyAmount }
          zeroEmploymentFamily { current }
          members {
            relation
            person { name age disabilityGrade deceased employmentStatus { status } injuries { injuryDate cause } }
          }
        }
      }
    }
  }`;

/** DataLoaders batch every entity reference and relation: the statement count does not grow with the page. */
describe('SQL statements per request', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 300, seed: 5 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function statementsFor(first: number): Promise<Record<string, number>> {
    const before = hub.statements();
    const result = await hub.query<{ households: { edges: unknown[] } }>(PAGE, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data!.households.edges).toHaveLength(first);
    const after = hub.statements();
    return Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, after[name] - before[name]]));
  }

  it('is the same for 5 and for 50 households with members and all four programmes', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    expect(fifty).toEqual(five);
    // Every subgraph took part, so the comparison is not vacuous.
    for (const name of SUBGRAPH_NAMES) expect(five[name]).toBeGreaterThan(0);
  });
});
