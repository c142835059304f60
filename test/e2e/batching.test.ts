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
          dibaoApplications { programme proposedMonthlySubsidy }
          members {
            relation
            person {
              name age disabilityGrade deceased employmentStatus { status } injuries { injuryDate cause }
              isReliefOfficerRelative
              careResidence { admittedOn institution { name } }
              disability { category grade severeDisabilitySubsidy mentalMedicationSubsidy }
              disputes { category status }
            }
          }
        }
      }
    }
  }`;

interface PageHousehold {
  dibaoApplications: { programme: string; proposedMonthlySubsidy: string | null }[] | null;
  members: { person: { disability: { severeDisabilitySubsidy: string | null; mentalMedicationSubsidy: string | null } | null; disputes: unknown[] | null } | null }[];
}

/** How many of the page's records need the assistance standards (applications, disability records), the subsidies found, and the disputes its members are party to. */
function conditionalRecords(page: PageHousehold[]) {
  const applications = page.flatMap((h) => h.dibaoApplications ?? []);
  const disabilities = page.flatMap((h) => h.members.flatMap((m) => (m.person?.disability ? [m.person.disability] : [])));
  return {
    applications: applications.filter((a) => a.proposedMonthlySubsidy !== null).length,
    disabilityRecords: disabilities.length,
    severeSubsidies: disabilities.filter((d) => d.severeDisabilitySubsidy !== null).length,
    mentalSubsidies: disabilities.filter((d) => d.mentalMedicationSubsidy !== null).length,
    disputes: page.flatMap((h) => h.members.flatMap((m) => m.person?.disputes ?? [])).length,
  };
}

/**
 * DataLoaders batch every entity reference and relation: the statement count does not grow with the page. The page
 * also asks for what only some households have (a dibao application whose members may be relief officers' relatives
 * and whose proposed subsidy needs the standard in force, a stay in a care institution, a disability record whose
 * subsidies need the standards): civil-affairs reads the officer-relative flag with the applications, the institution
 * with the stay and the standards with the applications and with the disability records, and community reads a
 * person's disputes with their party rows, in one statement each, not in a second wave only when the page holds
 * such a record.
 */
describe('SQL statements per request', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 300, seed: 7 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  async function statementsFor(first: number): Promise<{ statements: Record<string, number>; page: PageHousehold[] }> {
    const before = hub.statements();
    const result = await hub.query<{ households: { edges: { node: PageHousehold }[] } }>(PAGE, { first });
    expect(result.errors).toBeUndefined();
    expect(result.data!.households.edges).toHaveLength(first);
    const after = hub.statements();
    return { statements: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, after[name] - before[name]])), page: result.data!.households.edges.map((e) => e.node) };
  }

  it('is the same for 5 and for 50 households with members and all four programmes', async () => {
    const five = await statementsFor(5);
    const fifty = await statementsFor(50);
    // The larger page holds the records whose amounts need the assistance standards and the smaller does not
    // (the demo data are seeded), so the comparison covers the loads that only such records cause.
    expect(conditionalRecords(five.page)).toMatchObject({ applications: 0, disabilityRecords: 0, severeSubsidies: 0, mentalSubsidies: 0 });
    for (const count of Object.values(conditionalRecords(fifty.page))) expect(count).toBeGreaterThan(0);
    expect(fifty.statements).toEqual(five.statements);
    // Every subgraph took part, so the comparison is not vacuous.
    for (const name of SUBGRAPH_NAMES) expect(five.statements[name]).toBeGreaterThan(0);
  });
});
