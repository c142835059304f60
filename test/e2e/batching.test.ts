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
          conflictOfInterestFilingRequired
          members {
            relation
            person {
              name age disabilityGrade deceased employmentStatus { status } injuries { injuryDate cause }
              isReliefOfficerRelative
              careResidence { admittedOn institution { name } }
            }
          }
        }
      }
    }
  }`;

/**
 * DataLoaders batch every entity reference and relation: the statement count does not grow with the page. The page
 * also asks for what only some households have (a dibao application whose members may be relief officers' relatives,
 * a stay in a care institution): civil-affairs reads the officer-relative flag with the applications and the
 * institution with the stay, in one statement each, not in a second wave only when the page holds such a record.
 */
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
