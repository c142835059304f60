/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers and raw rows are untyped JSON here. */
import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { start } from '../src/server';
import { todayIso } from '../src/domain/dates';
import { gql, loadDemo } from './support';

const HOUSEHOLD_FIELDS = `... on Household { id receivesDibao assistanceEnrolments { id programme category memberCount monthlyAmount startDate endDate programmeStatus status terminationReason household { id } person { id } } }`;
const PERSON_FIELDS = `... on Person { id deceased disabilityGrade disability { category grade certificateNumber issuedDate } }`;
const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ${HOUSEHOLD_FIELDS} ${PERSON_FIELDS} } }`;

const iso = (d: Date | null): string | null => (d ? d.toISOString().slice(0, 10) : null);
const yuanText = (fen: string | number | bigint): string => {
  const n = BigInt(fen);
  return `${n / 100n}.${(n % 100n).toString().padStart(2, '0')}`;
};

describe('civil-affairs entities from the demo data', () => {
  let database: TestDatabase;
  let running: Awaited<ReturnType<typeof start>>;
  const population = generatePopulation({ households: 50 });

  beforeAll(async () => {
    database = await createTestDatabase('civil_entities', ['civil-affairs']);
    await loadDemo(database.url, population);
    running = await start({ port: 0, databaseUrl: database.url });
  });
  afterAll(async () => {
    await running?.stop();
    await database?.drop();
  });

  it('answers Household representations with exactly the enrolments the table holds', async () => {
    const rows = await query<any>(database.url, 'SELECT * FROM civil_affairs.enrolment ORDER BY start_date DESC, id');
    expect(rows.length).toBeGreaterThan(0);
    const representations = population.households.map((h) => ({ __typename: 'Household', id: h.id }));
    const { data, errors } = await gql(running.url, ENTITIES, { representations });
    expect(errors).toBeUndefined();
    expect(data._entities).toHaveLength(population.households.length);
    const today = todayIso();
    for (const household of data._entities as any[]) {
      const expected = rows.filter((r) => r.household_id === household.id);
      expect(household.assistanceEnrolments.map((e: any) => e.id).sort()).toEqual(expected.map((r) => r.id).sort());
      for (const e of household.assistanceEnrolments) {
        const row = expected.find((r) => r.id === e.id)!;
        expect(e).toMatchObject({
          programme: row.programme,
          category: row.category,
          memberCount: row.member_count,
          monthlyAmount: yuanText(row.monthly_amount_fen),
          startDate: iso(row.start_date),
          endDate: iso(row.end_date),
          programmeStatus: row.status,
          terminationReason: row.termination_reason,
          household: { id: household.id },
          person: row.person_id ? { id: row.person_id } : null,
        });
      }
      const onDibao = expected.some(
        (r) => ['URBAN_DIBAO', 'RURAL_DIBAO'].includes(r.programme) && r.status === 'IN_PAYMENT' && iso(r.start_date)! <= today && (r.end_date === null || iso(r.end_date)! >= today),
      );
      expect(household.receivesDibao).toBe(onDibao);
    }
    expect((data._entities as any[]).some((h) => h.receivesDibao)).toBe(true);
  });

  it('answers Person representations with the disability and death records the tables hold', async () => {
    const disabilities = await query<any>(database.url, 'SELECT * FROM civil_affairs.disability_record');
    const deaths = await query<any>(database.url, 'SELECT person_id FROM civil_affairs.death_record');
    expect(disabilities.length).toBeGreaterThan(0);
    const representations = population.persons.map((p) => ({ __typename: 'Person', id: p.id }));
    const { data, errors } = await gql(running.url, ENTITIES, { representations });
    expect(errors).toBeUndefined();
    const dead = new Set(deaths.map((d) => d.person_id));
    for (const person of data._entities as any[]) {
      const record = disabilities.find((d) => d.person_id === person.id);
      expect(person.deceased).toBe(dead.has(person.id));
      expect(person.disabilityGrade).toBe(record ? record.grade : null);
      expect(person.disability).toEqual(
        record ? { category: record.category, grade: record.grade, certificateNumber: record.certificate_number, issuedDate: iso(record.issued_date) } : null,
      );
    }
  });

  it('sends the same number of SQL statements for 5 and for 50 household representations', async () => {
    const everything = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Household { id receivesDibao
      assistanceEnrolments { id person { id } } currentAssistanceEnrolments { id }
      assistancePayments(first: 5) { totalCount edges { node { amount enrolment { id programme } } } }
      dibaoApplications { steps { stage } conflictOfInterest { approvalBlocked filing { filedBy } } enrolment { id } proposedMonthlySubsidy }
      temporaryAssistance { cash } condolences { cash } gloryPlaque { issuedOn } specialCareRecipients { category } houseRebuildings { status } } } }`;
    // Households with payments first, so that both lists reach every relation (payments → enrolment).
    const paid = new Set((await query<{ household_id: string }>(database.url, 'SELECT DISTINCT household_id FROM civil_affairs.payment')).map((r) => r.household_id));
    expect(paid.size).toBeGreaterThan(0);
    const ordered = [...population.households].sort((a, b) => Number(paid.has(b.id)) - Number(paid.has(a.id)));
    const count = async (n: number): Promise<number> => {
      const before = running.db.statements.count;
      const representations = ordered.slice(0, n).map((h) => ({ __typename: 'Household', id: h.id }));
      const { errors } = await gql(running.url, everything, { representations });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const five = await count(5);
    const fifty = await count(50);
    expect(five).toBeGreaterThan(0);
    expect(fifty).toBe(five);
  });

  it('sends the same number of SQL statements for 5 and for 50 person representations', async () => {
    const everything = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id deceased disabilityGrade
      disability { grade } death { dateOfDeath } assistanceEnrolments { id status } medicalAssistance { amount } specialCare { category }
      careResidence { institution { name residentCount } } isReliefOfficerRelative } } }`;
    // Persons with records first, so that both lists reach every relation.
    const recorded = new Set(
      (await query<{ person_id: string }>(database.url, 'SELECT person_id FROM civil_affairs.disability_record UNION SELECT person_id FROM civil_affairs.death_record UNION SELECT person_id FROM civil_affairs.enrolment WHERE person_id IS NOT NULL')).map((r) => r.person_id),
    );
    const ordered = [...population.persons].sort((a, b) => Number(recorded.has(b.id)) - Number(recorded.has(a.id)));
    const count = async (n: number): Promise<number> => {
      const before = running.db.statements.count;
      const { errors } = await gql(running.url, everything, { representations: ordered.slice(0, n).map((p) => ({ __typename: 'Person', id: p.id })) });
      expect(errors).toBeUndefined();
      return running.db.statements.count - before;
    };
    const five = await count(5);
    expect(five).toBeGreaterThan(0);
    expect(await count(50)).toBe(five);
  });
});
