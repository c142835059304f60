import { fenToYuanString } from '@hub/scalars';
import { query } from '../support/database';
import { startTestHub, type TestHub } from '../support/hub';

const iso = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

const HOUSEHOLD = `
  query Household($id: ID!) {
    household(id: $id) {
      id householdNumber address registrationType
      region { code name }
      receivesDibao
      assistanceEnrolments { id programme monthlyAmount startDate endDate status }
      zeroEmploymentFamily { current arose resolved }
      members {
        relation
        person {
          id name gender birthDate
          deceased disabilityGrade
          employmentStatus { status since }
          injuries { id injuryDate }
        }
      }
    }
  }`;

/** One household across the four programmes through the gateway, checked against each subgraph's own tables. */
describe('one household across all four programmes', () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ households: 400, seed: 3 });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('returns exactly what the four databases hold', async () => {
    const url = hub.database.url;
    // A household that appears in every programme: injured member, enrolment and labour records.
    const [pick] = await query<{ household_id: string }>(
      url,
      `SELECT m.household_id FROM community.household_membership m
        WHERE m.end_date IS NULL
          AND EXISTS (SELECT 1 FROM safety.injury_record i WHERE i.person_id = m.person_id)
          AND EXISTS (SELECT 1 FROM employment.labour_force_member l WHERE l.household_id = m.household_id)
        ORDER BY (SELECT count(*) FROM civil_affairs.enrolment e WHERE e.household_id = m.household_id) DESC, m.household_id
        LIMIT 1`,
    );
    expect(pick).toBeDefined();
    const id = pick!.household_id;
    const result = await hub.query<{ household: Record<string, unknown> & { members: { person: Record<string, unknown> }[] } }>(HOUSEHOLD, { id });
    expect(result.errors).toBeUndefined();
    const household = result.data!.household;

    const [row] = await query<{ household_number: string; address: string; registration_type: string; region_code: string; region_name: string }>(
      url,
      'SELECT h.household_number, h.address, h.registration_type, h.region_code, r.name AS region_name FROM community.household h JOIN community.region r ON r.code = h.region_code WHERE h.id = $1',
      [id],
    );
    expect(household).toMatchObject({
      id,
      householdNumber: row!.household_number,
      address: row!.address,
      registrationType: row!.registration_type,
      region: { code: row!.region_code, name: row!.region_name },
    });

    const enrolments = await query<{ id: string; programme: string; monthly_amount_fen: string; start_date: Date; end_date: Date | null }>(
      url,
      'SELECT id, programme, monthly_amount_fen, start_date, end_date FROM civil_affairs.enrolment WHERE household_id = $1 OR person_id IN (SELECT person_id FROM community.household_membership WHERE household_id = $1 AND end_date IS NULL)',
      [id],
    );
    const enrolled = household.assistanceEnrolments as { id: string; programme: string; monthlyAmount: string; startDate: string; endDate: string | null }[];
    expect(enrolled.map((e) => ({ id: e.id, programme: e.programme, monthlyAmount: e.monthlyAmount, startDate: e.startDate, endDate: e.endDate })).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
      enrolments
        .map((e) => ({ id: e.id, programme: e.programme, monthlyAmount: fenToYuanString(BigInt(e.monthly_amount_fen)), startDate: iso(e.start_date), endDate: iso(e.end_date) }))
        .sort((a, b) => a.id.localeCompare(b.id)),
    );

    const [episode] = await query<{ arose_on: Date; resolved_on: Date | null }>(
      url,
      'SELECT arose_on, resolved_on FROM employment.zero_employment_episode WHERE household_id = $1 ORDER BY arose_on DESC LIMIT 1',
      [id],
    );
    expect(household.zeroEmploymentFamily).toEqual(
      episode ? { current: episode.resolved_on === null, arose: iso(episode.arose_on), resolved: iso(episode.resolved_on) } : { current: false, arose: null, resolved: null },
    );

    const members = await query<{ person_id: string; relation: string; name: string; birth_date: Date }>(
      url,
      'SELECT m.person_id, m.relation, p.name, p.birth_date FROM community.household_membership m JOIN community.person p ON p.id = m.person_id WHERE m.household_id = $1 AND m.end_date IS NULL',
      [id],
    );
    expect(household.members).toHaveLength(members.length);
    for (const member of household.members as { relation: string; person: Record<string, unknown> & { id: string } }[]) {
      const expected = members.find((m) => m.person_id === member.person.id)!;
      expect(member.relation).toBe(expected.relation);
      expect(member.person).toMatchObject({ name: expected.name, birthDate: iso(expected.birth_date) });

      const injuries = await query<{ id: string; injury_date: Date }>(url, 'SELECT id, injury_date FROM safety.injury_record WHERE person_id = $1', [member.person.id]);
      expect((member.person.injuries as { id: string }[]).map((i) => i.id).sort()).toEqual(injuries.map((i) => i.id).sort());

      const [disability] = await query<{ grade: number }>(url, 'SELECT grade FROM civil_affairs.disability_record WHERE person_id = $1', [member.person.id]);
      expect(member.person.disabilityGrade).toBe(disability?.grade ?? null);
      const deaths = await query(url, 'SELECT 1 FROM civil_affairs.death_record WHERE person_id = $1', [member.person.id]);
      expect(member.person.deceased).toBe(deaths.length > 0);

      const [status] = await query<{ status: string; start_date: Date }>(
        url,
        'SELECT status, start_date FROM employment.employment_status_period WHERE person_id = $1 AND end_date IS NULL ORDER BY start_date DESC LIMIT 1',
        [member.person.id],
      );
      expect(member.person.employmentStatus).toEqual(status ? { status: status.status, since: iso(status.start_date) } : null);
    }
  });
});
