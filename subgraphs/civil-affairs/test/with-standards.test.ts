import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { fullAccessCaller } from '../../../test/support/access';
import { createDb, type CivilAffairsDb } from '../src/data/db';
import { createLoaders } from '../src/data/loaders';
import type { StandardRow } from '../src/data/models';
import { applicationsWithStandards, disabilityRecordsWithStandards, DISABILITY_PROGRAMMES, STANDARD_ORDER } from '../src/data/with-standards';
import { fixtureId, loadDemo } from './support';

/**
 * Applications and disability records are read with the standards their amounts need, in one raw statement
 * (issue #8): the rows must be exactly what Prisma reads, and the standards loader must need no statement after.
 */
describe('rows read with their assistance standards', () => {
  let database: TestDatabase;
  let db: CivilAffairsDb;
  const population = generatePopulation({ households: 2000 });
  const householdIds = population.households.map((h) => h.id);
  const personIds = population.persons.map((p) => p.id);

  const prismaStandards = (programme: StandardRow['programme']) => db.prisma.assistanceStandard.findMany({ where: { programme }, orderBy: STANDARD_ORDER });

  beforeAll(async () => {
    database = await createTestDatabase('civil_with_standards', ['civil-affairs']);
    await loadDemo(database.url, population);
    // The demo leaves some nullable columns always empty: one rejected application fills every column.
    const household = population.households[0]!;
    await query(
      database.url,
      `INSERT INTO civil_affairs.dibao_application (id, programme, household_id, applicant_id, member_ids, region_code, declared_monthly_income_fen,
         declared_assets_fen, per_capita_income_fen, members_able_to_work, vulnerable_members, category, stage, submitted_on, publicity_started_on,
         rejection_reason, version)
       VALUES ($1, 'URBAN_DIBAO', $2, $3, $4::uuid[], $5, 123456, 9876543210, 61728, 1, 2, 'B', 'REJECTED', '2024-02-29', '2024-03-15', '家庭收入超过低保标准', 7)`,
      [fixtureId(93, 1), household.id, household.memberIds[0], household.memberIds, household.regionCode],
    );
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('reads applications as Prisma does, with the standards of exactly their programmes', async () => {
    const expected = await db.prisma.dibaoApplication.findMany({ where: { householdId: { in: householdIds } }, orderBy: [{ submittedOn: 'desc' }, { id: 'asc' }] });
    // Both sides of the nullable columns occur, so the comparison covers every conversion.
    for (const nullable of ['publicityStartedOn', 'rejectionReason', 'category', 'membersAbleToWork'] as const) {
      expect(expected.some((a) => a[nullable] === null)).toBe(true);
      expect(expected.some((a) => a[nullable] !== null)).toBe(true);
    }
    const { rows, standards } = await applicationsWithStandards(db, 'household_id', householdIds);
    expect(rows).toEqual(expected);
    const programmes = [...new Set(expected.map((a) => a.programme))].sort();
    expect([...standards.keys()].sort()).toEqual(programmes);
    for (const programme of programmes) {
      expect(standards.get(programme)!.length).toBeGreaterThan(0);
      expect(standards.get(programme)).toEqual(await prismaStandards(programme));
    }
  });

  it('reads applications by id; ids that are not UUIDs match nothing', async () => {
    const [one] = await db.prisma.dibaoApplication.findMany({ take: 1, orderBy: { id: 'asc' } });
    const { rows, standards } = await applicationsWithStandards(db, 'id', [one!.id, 'not-a-uuid']);
    expect(rows).toEqual([one]);
    expect(standards.get(one!.programme)).toEqual(await prismaStandards(one!.programme));
    expect(await applicationsWithStandards(db, 'id', ['not-a-uuid'])).toEqual({ rows: [], standards: new Map(), enrolments: [], stepsByApplicationId: new Map(), filingByApplicationId: new Map(), officerRelativeByPersonId: new Map() });
  });

  it('reads disability records as Prisma does, with both disability programmes’ standards when there is a record', async () => {
    const expected = await db.prisma.disabilityRecord.findMany({ where: { personId: { in: personIds } }, orderBy: { id: 'asc' } });
    expect(expected.length).toBeGreaterThan(0);
    const { rows, standards } = await disabilityRecordsWithStandards(db, personIds);
    expect([...rows].sort((a, b) => a.id.localeCompare(b.id))).toEqual(expected);
    expect([...standards.keys()].sort()).toEqual([...DISABILITY_PROGRAMMES].sort());
    for (const programme of DISABILITY_PROGRAMMES) {
      expect(standards.get(programme)!.length).toBeGreaterThan(0);
      expect(standards.get(programme)).toEqual(await prismaStandards(programme));
    }
    const withoutRecord = personIds.filter((id) => !expected.some((d) => d.personId === id));
    expect(await disabilityRecordsWithStandards(db, withoutRecord.slice(0, 20))).toEqual({ rows: [], standards: new Map() });
  });

  it('primes the standards loader: amounts after a page of applications or disability records send no statement', async () => {
    const loaders = createLoaders(db, fullAccessCaller());
    const applications = (await Promise.all(householdIds.map((id) => loaders.applicationsByHouseholdId.load(id)))).flat();
    const disabilities = (await Promise.all(personIds.map((id) => loaders.disabilityByPersonId.load(id)))).filter((d) => d !== null);
    expect(applications.length).toBeGreaterThan(0);
    expect(disabilities.length).toBeGreaterThan(0);
    const before = db.statements.count;
    const programmes = [...new Set([...applications.map((a) => a.programme), ...DISABILITY_PROGRAMMES])];
    const loaded = await Promise.all(programmes.map((p) => loaders.standardsByProgramme.load(p)));
    expect(db.statements.count).toBe(before);
    expect(loaded).toEqual(await Promise.all(programmes.map(prismaStandards)));
    // A programme nothing brought along is still read by the loader (one statement).
    const fresh = createLoaders(db, fullAccessCaller());
    const start = db.statements.count;
    const urban = await fresh.standardsByProgramme.load('URBAN_DIBAO');
    expect(db.statements.count).toBe(start + 1);
    expect(urban).toEqual(await prismaStandards('URBAN_DIBAO'));
  });
});
