import { query } from '../support/database';
import { subgraphModule } from '../../scripts/lib/hub';
import { startTestHub, type TestHub } from '../support/hub';

const HOUSEHOLD = `
  query ($id: ID!) {
    household(id: $id) {
      householdNumber
      receivesDibao
      members { person { name disabilityGrade employmentStatus { status } } }
    }
  }`;

/** A subgraph going down costs only its own fields; when it is back the answers are whole again, without a gateway restart. */
describe('a subgraph down and back', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 30, seed: 9 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('answers with the other programmes and an error naming the missing one, then recovers', async () => {
    const [household] = await query<{ id: string; household_number: string }>(hub.database.url, 'SELECT id, household_number FROM community.household ORDER BY household_number LIMIT 1');
    const whole = await hub.query<{ household: { householdNumber: string; receivesDibao: boolean | null } }>(HOUSEHOLD, { id: household!.id });
    expect(whole.errors).toBeUndefined();
    expect(typeof whole.data!.household.receivesDibao).toBe('boolean');

    const { port } = hub.subgraphs['civil-affairs'];
    await hub.subgraphs['civil-affairs'].stop();

    const partial = await hub.query<{ household: { householdNumber: string; receivesDibao: boolean | null; members: { person: { name: string; disabilityGrade: number | null; employmentStatus: unknown } }[] } }>(HOUSEHOLD, { id: household!.id });
    expect(partial.data!.household.householdNumber).toBe(household!.household_number);
    expect(partial.data!.household.receivesDibao).toBeNull();
    expect(partial.data!.household.members.every((m) => m.person.disabilityGrade === null && typeof m.person.name === 'string')).toBe(true);
    // Employment still answered.
    expect(partial.data!.household.members.map((m) => m.person.employmentStatus)).toEqual(
      (whole.data!.household as unknown as { members: { person: { employmentStatus: unknown } }[] }).members.map((m) => m.person.employmentStatus),
    );
    expect(partial.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'civil-affairs' }) })]),
    );

    // Back on the same port: the gateway reconnects by itself.
    hub.subgraphs['civil-affairs'] = await subgraphModule('civil-affairs').start({ port, databaseUrl: hub.database.url, subgraphUrls: { community: hub.subgraphs.community.url } });
    const again = await hub.query(HOUSEHOLD, { id: household!.id });
    expect(again).toEqual(whole);
  });
});
