/* eslint-disable @typescript-eslint/no-explicit-any -- GraphQL answers are untyped JSON here. */
import { groupByKey } from '@hub/database';
import { createLoaders } from '../src/data/loaders';
import type { LabourForceMember } from '../src/generated/prisma/client';
import { startTestSubgraph, type TestSubgraph } from './support';

// Issue #8: a person's training enrolments come with their course and its counts in one statement, so a page
// holding enrolments sends no more statements than one holding none.
const TRAINING = `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on Person {
        id
        trainingEnrolments {
          id status enrolledOn completedOn certificateNumber
          course { id kind name provider regionCode startsOn endsOn capacity enrolled completed }
        }
      }
    }
  }`;

const COURSE_A = '7c000000-0000-4000-8000-00000000000a';
const COURSE_B = '7c000000-0000-4000-8000-00000000000b';

describe('employment training enrolments: course and counts in the enrolments statement', () => {
  let hub: TestSubgraph;
  let withTraining: string;
  let withoutTraining: string;
  beforeAll(async () => {
    hub = await startTestSubgraph('employment_training', 50);
    const { prisma } = hub.running.db;
    // The 50-household demo holds no training: two courses, one trainee on both, another who dropped out, a third on none.
    const members = await prisma.labourForceMember.findMany({ orderBy: { personId: 'asc' }, take: 3 });
    const [trainee, dropout, untrained] = members as [LabourForceMember, LabourForceMember, LabourForceMember];
    expect(members).toHaveLength(3);
    const course = (id: string, kind: 'SKILLS' | 'SYB', startsOn: string) => ({
      id,
      regionCode: trainee.regionCode,
      kind,
      name: `${kind} course`,
      provider: '区职业技能培训中心',
      startsOn: new Date(`${startsOn}T00:00:00Z`),
      endsOn: new Date(`${startsOn.slice(0, 8)}28T00:00:00Z`),
      capacity: 30,
    });
    await prisma.trainingCourse.createMany({ data: [course(COURSE_A, 'SKILLS', '2025-03-01'), course(COURSE_B, 'SYB', '2026-04-01')] });
    const enrolment = (id: string, courseId: string, member: LabourForceMember, enrolledOn: string, status: 'ENROLLED' | 'COMPLETED' | 'DROPPED') => ({
      id,
      courseId,
      personId: member.personId,
      householdId: member.householdId,
      regionCode: member.regionCode,
      enrolledOn: new Date(`${enrolledOn}T00:00:00Z`),
      status,
      completedOn: status === 'ENROLLED' ? null : new Date('2025-03-28T00:00:00Z'),
      certificateNumber: status === 'COMPLETED' ? 'SKI202500001' : null,
    });
    await prisma.trainingEnrolment.createMany({
      data: [
        enrolment('7a000000-0000-4000-8000-000000000001', COURSE_A, trainee, '2025-02-20', 'COMPLETED'),
        enrolment('7a000000-0000-4000-8000-000000000002', COURSE_A, dropout, '2025-02-21', 'DROPPED'),
        enrolment('7a000000-0000-4000-8000-000000000003', COURSE_B, trainee, '2026-03-20', 'ENROLLED'),
      ],
    });
    withTraining = trainee.personId;
    withoutTraining = untrained.personId;
  });
  afterAll(async () => hub?.stop());

  const statementsFor = async (personId: string): Promise<{ count: number; data: any }> => {
    const before = hub.running.db.statements.count;
    const data = await hub.gql(TRAINING, { representations: [{ __typename: 'Person', id: personId }] });
    return { count: hub.running.db.statements.count - before, data };
  };

  it('sends as many statements for a person with training enrolments as for one without', async () => {
    expect(withTraining).toBeDefined();
    expect(withoutTraining).toBeDefined();
    const without = await statementsFor(withoutTraining);
    const withEnrolments = await statementsFor(withTraining);
    expect(without.data._entities[0].trainingEnrolments).toBeNull();
    expect(withEnrolments.data._entities[0].trainingEnrolments.length).toBeGreaterThan(0);
    expect(withEnrolments.data._entities[0].trainingEnrolments[0].course.enrolled).toBeGreaterThan(0);
    expect(withEnrolments.count).toBe(without.count);
  });

  it('reads the same enrolments, courses and counts as Prisma does', async () => {
    const { prisma } = hub.running.db;
    const personIds = hub.population.persons.map((p) => p.id);
    const loaders = createLoaders(hub.running.db);
    const read = await loaders.trainingByPersonId.loadMany(personIds);

    const expected = groupByKey(
      personIds,
      await prisma.trainingEnrolment.findMany({ where: { personId: { in: personIds } }, orderBy: [{ enrolledOn: 'desc' }, { id: 'asc' }] }),
      (e) => e.personId,
    );
    expect(read).toEqual(expected);

    const courseIds = [...new Set(expected.flat().map((e) => e.courseId))];
    expect(courseIds.length).toBeGreaterThan(1);
    // Primed by the enrolments statement: no further statement, the rows Prisma gives.
    const before = hub.running.db.statements.count;
    const primedCourses = await Promise.all(courseIds.map((id) => loaders.courseById.load(id)));
    const primedCounts = await Promise.all(courseIds.map((id) => loaders.courseCounts.load(id)));
    expect(hub.running.db.statements.count).toBe(before);

    const courses = await prisma.trainingCourse.findMany({ where: { id: { in: courseIds } } });
    expect(primedCourses).toEqual(courseIds.map((id) => courses.find((c) => c.id === id)));
    // The counts the groupBy loader reads on its own (a fresh set of loaders, nothing primed).
    const fresh = createLoaders(hub.running.db);
    expect(primedCounts).toEqual(await Promise.all(courseIds.map((id) => fresh.courseCounts.load(id))));
    expect(primedCounts.some((c) => c.completed > 0 || c.enrolled > 0)).toBe(true);
  });

  it('answers courses with the counts over all their enrolments, not only the person’s', async () => {
    const { data } = await statementsFor(withTraining);
    for (const enrolment of data._entities[0].trainingEnrolments) {
      const all = await hub.running.db.prisma.trainingEnrolment.findMany({ where: { courseId: enrolment.course.id } });
      expect(enrolment.course.enrolled).toBe(all.filter((e) => e.status !== 'DROPPED').length);
      expect(enrolment.course.completed).toBe(all.filter((e) => e.status === 'COMPLETED').length);
    }
  });
});
