import { generatePopulation } from '@hub/demo-population';
import { createTestDatabase, query, type TestDatabase } from '../../../test/support/database';
import { fullAccessCaller } from '../../../test/support/access';
import { createDb, type CivilAffairsDb } from '../src/data/db';
import { createLoaders } from '../src/data/loaders';
import { STEP_ORDER } from '../src/data/related-json';
import { applicationsWithStandards } from '../src/data/with-standards';
import { fixtureId, loadDemo } from './support';

/**
 * An application's enrolment, steps, filing and its members' officer-relative flags, and a payment's enrolment, come in the statement that reads the
 * application or the payment page (issue #8): a parent with such related rows costs the same statements as one
 * without, and the related rows are exactly what Prisma reads.
 */
describe('related rows read with their parents', () => {
  let database: TestDatabase;
  let db: CivilAffairsDb;
  const population = generatePopulation({ households: 2000 });
  const householdIds = population.households.map((h) => h.id);
  /** An application with neither steps nor an enrolment (inserted below). */
  const bareApplicationId = fixtureId(94, 1);

  const prismaSteps = (applicationId: string) => db.prisma.applicationStep.findMany({ where: { applicationId }, orderBy: STEP_ORDER });
  const prismaEnrolment = (id: string) => db.prisma.enrolment.findUnique({ where: { id } });
  /** The first application (by id) that has steps and led to an enrolment. */
  const applicationWithStepsAndEnrolment = async () => {
    const stepped = new Set((await db.prisma.applicationStep.findMany({ select: { applicationId: true } })).map((s) => s.applicationId));
    const enrolled = await db.prisma.dibaoApplication.findMany({ where: { enrolmentId: { not: null } }, orderBy: { id: 'asc' } });
    return enrolled.find((a) => stepped.has(a.id)) ?? null;
  };

  beforeAll(async () => {
    database = await createTestDatabase('civil_related_rows', ['civil-affairs']);
    await loadDemo(database.url, population);
    const household = population.households[0]!;
    await query(
      database.url,
      `INSERT INTO civil_affairs.dibao_application (id, programme, household_id, applicant_id, member_ids, region_code, declared_monthly_income_fen,
         declared_assets_fen, per_capita_income_fen, category, stage, submitted_on, version)
       VALUES ($1, 'URBAN_DIBAO', $2, $3, $4::uuid[], $5, 100000, 0, 50000, 'A', 'SUBMITTED', '2024-05-06', 1)`,
      [bareApplicationId, household.id, household.memberIds[0], household.memberIds, household.regionCode],
    );
    // The demo holds no conflict of interest: the first application's applicant becomes an officer's relative, and it gets a filing.
    await query(database.url, `INSERT INTO civil_affairs.relief_officer (id, name, region_code) VALUES ($1, '王经办', $2)`, [fixtureId(94, 3), household.regionCode]);
    await query(
      database.url,
      `INSERT INTO civil_affairs.officer_relative (id, officer_id, person_id, relation)
       SELECT $1, $2, a.applicant_id, '配偶' FROM civil_affairs.dibao_application a WHERE a.id <> $3 ORDER BY a.id LIMIT 1`,
      [fixtureId(94, 4), fixtureId(94, 3), bareApplicationId],
    );
    await query(
      database.url,
      `INSERT INTO civil_affairs.conflict_filing (id, application_id, related_person_ids, filed_by, filed_on, note)
       SELECT $1, a.id, ARRAY(SELECT r.person_id FROM civil_affairs.officer_relative r WHERE r.person_id = ANY(a.member_ids)), '王经办', '2024-03-01', '近亲属备案'
         FROM civil_affairs.dibao_application a
        WHERE EXISTS (SELECT 1 FROM civil_affairs.officer_relative r WHERE r.person_id = ANY(a.member_ids))
        ORDER BY a.id LIMIT 1`,
      [fixtureId(94, 2)],
    );
    // The demo never records a review: one paid enrolment gets one, so both sides of that column occur.
    await query(
      database.url,
      `UPDATE civil_affairs.enrolment SET last_reviewed_on = '2024-02-29'
        WHERE id = (SELECT enrolment_id FROM civil_affairs.payment WHERE household_id IS NOT NULL ORDER BY id LIMIT 1)`,
    );
    db = createDb(database.url);
  });
  afterAll(async () => {
    await db?.close();
    await database?.drop();
  });

  it('reads every application’s steps, enrolment, filing and members’ officer-relative flags as Prisma does', async () => {
    const applications = await db.prisma.dibaoApplication.findMany({ where: { householdId: { in: householdIds } } });
    const { stepsByApplicationId, enrolments, filingByApplicationId, officerRelativeByPersonId } = await applicationsWithStandards(db, 'household_id', householdIds);
    expect(applications.some((a) => a.enrolmentId !== null)).toBe(true);
    expect(applications.some((a) => a.enrolmentId === null)).toBe(true);
    expect([...stepsByApplicationId.keys()].sort()).toEqual(applications.map((a) => a.id).sort());
    const stepsExpected = await db.prisma.applicationStep.findMany({ where: { applicationId: { in: applications.map((a) => a.id) } }, orderBy: STEP_ORDER });
    expect(stepsExpected.length).toBeGreaterThan(0);
    // Notes occur both empty and filled, so the comparison covers the nullable column.
    expect(stepsExpected.some((s) => s.note === null) && stepsExpected.some((s) => s.note !== null)).toBe(true);
    for (const application of applications) {
      expect(stepsByApplicationId.get(application.id)).toEqual(stepsExpected.filter((s) => s.applicationId === application.id));
    }
    const filings = await db.prisma.conflictFiling.findMany({ where: { applicationId: { in: applications.map((a) => a.id) } } });
    expect(filings.length).toBeGreaterThan(0);
    expect([...filingByApplicationId.keys()].sort()).toEqual(applications.map((a) => a.id).sort());
    for (const application of applications) expect(filingByApplicationId.get(application.id)).toEqual(filings.find((f) => f.applicationId === application.id) ?? null);
    const members = [...new Set(applications.flatMap((a) => a.memberIds))];
    const relatives = new Set((await db.prisma.officerRelative.findMany({ where: { personId: { in: members } } })).map((r) => r.personId));
    expect(relatives.size).toBeGreaterThan(0);
    expect(new Map([...officerRelativeByPersonId].sort())).toEqual(new Map(members.map((id) => [id, relatives.has(id)] as const).sort()));
    const enrolmentIds = applications.flatMap((a) => (a.enrolmentId ? [a.enrolmentId] : []));
    const enrolmentsExpected = await db.prisma.enrolment.findMany({ where: { id: { in: enrolmentIds } }, orderBy: { id: 'asc' } });
    expect([...enrolments].sort((a, b) => a.id.localeCompare(b.id))).toEqual(enrolmentsExpected);
  });

  it('an application with steps and an enrolment costs the same statements as one with neither, and reads the same rows', async () => {
    const withBoth = await applicationWithStepsAndEnrolment();
    expect(withBoth).not.toBeNull();
    expect(await prismaSteps(bareApplicationId)).toEqual([]);
    const statementsFor = async (applicationId: string) => {
      const loaders = createLoaders(db, fullAccessCaller());
      const before = db.statements.count;
      const application = (await loaders.applicationById.load(applicationId))!;
      const [steps, enrolment] = await Promise.all([
        loaders.stepsByApplicationId.load(application.id),
        application.enrolmentId ? loaders.enrolmentById.load(application.enrolmentId) : null,
      ]);
      return { statements: db.statements.count - before, steps, enrolment };
    };
    const related = await statementsFor(withBoth!.id);
    const bare = await statementsFor(bareApplicationId);
    expect(related.statements).toBe(1);
    expect(bare.statements).toBe(related.statements);
    expect(related.steps.length).toBeGreaterThan(0);
    expect(related.steps).toEqual(await prismaSteps(withBoth!.id));
    expect(related.enrolment).toEqual(await prismaEnrolment(withBoth!.enrolmentId!));
    expect(bare).toEqual({ statements: 1, steps: [], enrolment: null });
  });

  it('a household’s applications bring their steps and enrolments: a household that applied costs what one that did not', async () => {
    const applied = await applicationWithStepsAndEnrolment();
    const appliedIds = new Set((await db.prisma.dibaoApplication.findMany({ select: { householdId: true } })).map((a) => a.householdId));
    const notApplied = householdIds.find((id) => !appliedIds.has(id))!;
    const statementsFor = async (householdId: string) => {
      const loaders = createLoaders(db, fullAccessCaller());
      const before = db.statements.count;
      const applications = await loaders.applicationsByHouseholdId.load(householdId);
      const related = await Promise.all(
        applications.map(async (a) => ({ steps: await loaders.stepsByApplicationId.load(a.id), enrolment: a.enrolmentId ? await loaders.enrolmentById.load(a.enrolmentId) : null })),
      );
      return { statements: db.statements.count - before, applications, related };
    };
    const withApplications = await statementsFor(applied!.householdId);
    const without = await statementsFor(notApplied);
    expect(without.applications).toEqual([]);
    expect(withApplications.statements).toBe(without.statements);
    for (const [i, application] of withApplications.applications.entries()) {
      expect(withApplications.related[i]!.steps).toEqual(await prismaSteps(application.id));
      expect(withApplications.related[i]!.enrolment).toEqual(application.enrolmentId ? await prismaEnrolment(application.enrolmentId) : null);
    }
  });

  it('an application with a filing and a member related to an officer costs the same statements as one with neither', async () => {
    const filing = await db.prisma.conflictFiling.findFirst({ orderBy: { id: 'asc' } });
    const conflicted = (await db.prisma.dibaoApplication.findUnique({ where: { id: filing!.applicationId } }))!;
    const bare = (await db.prisma.dibaoApplication.findUnique({ where: { id: bareApplicationId } }))!;
    const relatives = new Set((await db.prisma.officerRelative.findMany({ where: { personId: { in: [...conflicted.memberIds, ...bare.memberIds] } } })).map((r) => r.personId));
    expect(conflicted.memberIds.some((id) => relatives.has(id))).toBe(true);
    expect(bare.memberIds.some((id) => relatives.has(id))).toBe(false);
    // What ConflictOfInterest's fields read: the members' flags and the filing.
    const statementsFor = async (applicationId: string) => {
      const loaders = createLoaders(db, fullAccessCaller());
      const before = db.statements.count;
      const application = (await loaders.applicationById.load(applicationId))!;
      const [flags, filingRead] = await Promise.all([loaders.isOfficerRelative.loadMany(application.memberIds), loaders.filingByApplicationId.load(application.id)]);
      return { statements: db.statements.count - before, flags, filing: filingRead };
    };
    const withConflict = await statementsFor(conflicted.id);
    const without = await statementsFor(bareApplicationId);
    expect(withConflict.statements).toBe(1);
    expect(without.statements).toBe(withConflict.statements);
    expect(withConflict.flags).toEqual(conflicted.memberIds.map((id) => relatives.has(id)));
    expect(withConflict.filing).toEqual(filing);
    expect(without).toEqual({ statements: 1, flags: bare.memberIds.map(() => false), filing: null });
  });

  it('a page of payments brings their enrolments: a household with payments costs what one without does, enrolments as Prisma reads them', async () => {
    const paid = await db.prisma.payment.findFirst({ where: { householdId: { not: null } }, orderBy: { id: 'asc' } });
    const paidIds = new Set((await db.prisma.payment.findMany({ select: { householdId: true }, distinct: ['householdId'] })).map((p) => p.householdId));
    const unpaid = householdIds.find((id) => !paidIds.has(id))!;
    const statementsFor = async (householdId: string) => {
      const loaders = createLoaders(db, fullAccessCaller());
      const before = db.statements.count;
      const payments = await loaders.paymentPagesByHousehold.load({ parentId: householdId, first: 5, after: null });
      const enrolments = await Promise.all(payments.map((p) => loaders.enrolmentById.load(p.enrolmentId)));
      return { statements: db.statements.count - before, payments, enrolments };
    };
    const withPayments = await statementsFor(paid!.householdId!);
    const without = await statementsFor(unpaid);
    expect(withPayments.payments.length).toBeGreaterThan(0);
    expect(without.payments).toEqual([]);
    expect(withPayments.statements).toBe(1);
    expect(without.statements).toBe(withPayments.statements);
    for (const [i, payment] of withPayments.payments.entries()) expect(withPayments.enrolments[i]).toEqual(await prismaEnrolment(payment.enrolmentId));
    // Over many pages, every column of the enrolments (both sides of the nullable ones) reads as Prisma reads it.
    const loaders = createLoaders(db, fullAccessCaller());
    const pages = await Promise.all(householdIds.map((id) => loaders.paymentPagesByHousehold.load({ parentId: id, first: 50, after: null })));
    const ids = [...new Set(pages.flat().map((p) => p.enrolmentId))];
    const before = db.statements.count;
    const read = await Promise.all(ids.map((id) => loaders.enrolmentById.load(id)));
    expect(db.statements.count).toBe(before);
    const expected = await db.prisma.enrolment.findMany({ where: { id: { in: ids } } });
    for (const nullable of ['endDate', 'lastReviewedOn', 'perCapitaIncome', 'category', 'terminationReason'] as const) {
      expect([nullable, expected.some((e) => e[nullable] === null), expected.some((e) => e[nullable] !== null)]).toEqual([nullable, true, true]);
    }
    expect(read).toEqual(ids.map((id) => expected.find((e) => e.id === id)));
  });
});
