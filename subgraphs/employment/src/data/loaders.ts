import { byKey, groupByKey } from '@hub/database';
import DataLoader from 'dataloader';
import type { EmploymentDb } from './db';
import type {
  BaseRow,
  CertificationRow,
  CourseRow,
  DisputeRow,
  EpisodeRow,
  GroupRow,
  InsuranceRow,
  JobFairEmployerRow,
  JobFairRow,
  LabourForceMemberRow,
  LoanRow,
  OrganisationMemberRow,
  OrganisationRow,
  PlacementRow,
  RegistrationRow,
  RetireeRow,
  StatusPeriodRow,
  SubsidyRow,
  TrainingEnrolmentRow,
  VisitRow,
} from './models';
import { rollUpTargets } from '../domain/targets';
import { regionStatistics, targetActuals, type RegionStatistics, type TargetActuals } from './statistics';
import type { PensionCertification } from '../generated/prisma/client';
import { dateValue as dbDate } from '@hub/scalars';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record, so it is unknown (and must not reach a uuid column). */
export const isUuid = (id: string): boolean => UUID.test(id);

const uuids = (ids: readonly string[]): string[] => ids.filter(isUuid);

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: EmploymentDb) {
  const courseById = new DataLoader<string, CourseRow | null>(async (ids) =>
    byKey(ids, await prisma.trainingCourse.findMany({ where: { id: { in: uuids(ids) } } }), (c) => c.id),
  );
  /** A course's enrolments still on it or completed, and those completed. */
  const courseCounts = new DataLoader<string, { enrolled: number; completed: number }>(async (ids) => {
    const rows = await prisma.trainingEnrolment.groupBy({ by: ['courseId', 'status'], where: { courseId: { in: uuids(ids) } }, _count: { _all: true } });
    return ids.map((id) => {
      const of = (status: string): number => rows.find((r) => r.courseId === id && r.status === status)?._count._all ?? 0;
      return { enrolled: of('ENROLLED') + of('COMPLETED'), completed: of('COMPLETED') };
    });
  });
  const byPerson = <T extends { personId: string }>(find: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, T[]>(async (ids) => groupByKey(ids, await find(uuids(ids)), (r) => r.personId));
  return {
    memberByPersonId: new DataLoader<string, LabourForceMemberRow | null>(async (ids) =>
      byKey(ids, await prisma.labourForceMember.findMany({ where: { personId: { in: uuids(ids) } } }), (m) => m.personId),
    ),
    membersByHouseholdId: new DataLoader<string, LabourForceMemberRow[]>(async (ids) =>
      groupByKey(ids, await prisma.labourForceMember.findMany({ where: { householdId: { in: uuids(ids) } } }), (m) => m.householdId),
    ),
    /** A person's status periods, earliest first. */
    statusPeriodsByPersonId: byPerson<StatusPeriodRow>((ids) =>
      prisma.employmentStatusPeriod.findMany({ where: { personId: { in: ids } }, orderBy: [{ startDate: 'asc' }, { id: 'asc' }] }),
    ),
    /** A household's zero-employment episodes, earliest first. */
    episodesByHouseholdId: new DataLoader<string, EpisodeRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.zeroEmploymentEpisode.findMany({ where: { householdId: { in: uuids(ids) } }, orderBy: [{ aroseOn: 'asc' }, { id: 'asc' }] }),
        (e) => e.householdId,
      ),
    ),
    registrationsByPersonId: byPerson<RegistrationRow>((ids) =>
      prisma.employmentRegistration.findMany({ where: { personId: { in: ids } }, orderBy: [{ startDate: 'desc' }, { createdAt: 'desc' }] }),
    ),
    certificationsByPersonId: byPerson<CertificationRow>((ids) =>
      prisma.difficultyCertification.findMany({ where: { personId: { in: ids } }, orderBy: [{ certifiedOn: 'desc' }, { id: 'asc' }] }),
    ),
    placementsByPersonId: byPerson<PlacementRow>((ids) => prisma.placement.findMany({ where: { personId: { in: ids } }, orderBy: [{ placedOn: 'desc' }, { id: 'asc' }] })),
    subsidiesByPersonId: byPerson<SubsidyRow>((ids) =>
      prisma.flexibleEmploymentSubsidy.findMany({ where: { personId: { in: ids } }, orderBy: [{ period: 'desc' }, { appliedOn: 'desc' }] }),
    ),
    /**
     * A person's training enrolments, latest first, read with their course and its enrolment counts in one statement
     * (primed into courseById and courseCounts), so a page holding enrolments sends no second statement for them.
     */
    trainingByPersonId: new DataLoader<string, TrainingEnrolmentRow[]>(async (ids) => {
      const rows = await prisma.$queryRaw<
        {
          id: string;
          course_id: string;
          person_id: string;
          household_id: string;
          region_code: string;
          enrolled_on: string;
          status: TrainingEnrolmentRow['status'];
          completed_on: string | null;
          certificate_number: string | null;
          course: { id: string; region_code: string; kind: CourseRow['kind']; name: string; provider: string; starts_on: string; ends_on: string; capacity: number };
          course_enrolled: number;
          course_completed: number;
        }[]
      >`
        SELECT e.id::text, e.course_id::text, e.person_id::text, e.household_id::text, e.region_code, e.enrolled_on::text, e.status::text,
               e.completed_on::text, e.certificate_number,
               json_build_object('id', c.id, 'region_code', c.region_code, 'kind', c.kind, 'name', c.name, 'provider', c.provider,
                                 'starts_on', c.starts_on, 'ends_on', c.ends_on, 'capacity', c.capacity) AS course,
               counts.enrolled AS course_enrolled, counts.completed AS course_completed
          FROM "employment"."training_enrolment" e
          JOIN "employment"."training_course" c ON c.id = e.course_id
          CROSS JOIN LATERAL (SELECT (count(*) FILTER (WHERE s.status IN ('ENROLLED', 'COMPLETED')))::int AS enrolled,
                                     (count(*) FILTER (WHERE s.status = 'COMPLETED'))::int AS completed
                                FROM "employment"."training_enrolment" s WHERE s.course_id = e.course_id) counts
         WHERE e.person_id = ANY(${uuids(ids)}::uuid[])
         ORDER BY e.enrolled_on DESC, e.id ASC`;
      const enrolments = rows.map((r): TrainingEnrolmentRow => {
        const c = r.course;
        courseById.prime(c.id, {
          id: c.id,
          regionCode: c.region_code,
          kind: c.kind,
          name: c.name,
          provider: c.provider,
          startsOn: dbDate(c.starts_on),
          endsOn: dbDate(c.ends_on),
          capacity: c.capacity,
        });
        courseCounts.prime(c.id, { enrolled: r.course_enrolled, completed: r.course_completed });
        return {
          id: r.id,
          courseId: r.course_id,
          personId: r.person_id,
          householdId: r.household_id,
          regionCode: r.region_code,
          enrolledOn: dbDate(r.enrolled_on),
          status: r.status,
          completedOn: r.completed_on === null ? null : dbDate(r.completed_on),
          certificateNumber: r.certificate_number,
        };
      });
      return groupByKey(ids, enrolments, (e) => e.personId);
    }),
    loansByPersonId: byPerson<LoanRow>((ids) => prisma.microLoan.findMany({ where: { personId: { in: ids } }, orderBy: [{ appliedOn: 'desc' }, { id: 'asc' }] })),
    organisationMembershipsByPersonId: byPerson<OrganisationMemberRow>((ids) =>
      prisma.informalOrganisationMember.findMany({ where: { personId: { in: ids } }, orderBy: [{ joinedOn: 'desc' }, { id: 'asc' }] }),
    ),
    disputesByApplicantId: new DataLoader<string, DisputeRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.labourDispute.findMany({ where: { applicantPersonId: { in: uuids(ids) } }, orderBy: [{ receivedOn: 'desc' }, { id: 'asc' }] }),
        (d) => d.applicantPersonId!,
      ),
    ),
    insuranceByPersonId: byPerson<InsuranceRow>((ids) =>
      prisma.insuranceEnrolment.findMany({ where: { personId: { in: ids } }, orderBy: [{ year: 'desc' }, { scheme: 'asc' }] }),
    ),
    pensionCertificationsByPersonId: byPerson<PensionCertification>((ids) => prisma.pensionCertification.findMany({ where: { personId: { in: ids } } })),
    retireeByPersonId: new DataLoader<string, RetireeRow | null>(async (ids) =>
      byKey(ids, await prisma.retiree.findMany({ where: { personId: { in: uuids(ids) } } }), (r) => r.personId),
    ),
    visitsByHouseholdId: new DataLoader<string, VisitRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.assistanceVisit.findMany({ where: { householdId: { in: uuids(ids) } }, orderBy: [{ visitedOn: 'desc' }, { id: 'asc' }] }),
        (v) => v.householdId,
      ),
    ),
    courseById,
    courseCounts,
    employersByJobFairId: new DataLoader<string, JobFairEmployerRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.jobFairEmployer.findMany({ where: { jobFairId: { in: uuids(ids) } }, orderBy: [{ positionsOffered: 'desc' }, { employerName: 'asc' }] }),
        (e) => e.jobFairId,
      ),
    ),
    organisationById: new DataLoader<string, OrganisationRow | null>(async (ids) =>
      byKey(ids, await prisma.informalOrganisation.findMany({ where: { id: { in: uuids(ids) } } }), (o) => o.id),
    ),
    membersByOrganisationId: new DataLoader<string, OrganisationMemberRow[]>(async (ids) =>
      groupByKey(
        ids,
        await prisma.informalOrganisationMember.findMany({ where: { organisationId: { in: uuids(ids) } }, orderBy: [{ joinedOn: 'asc' }, { id: 'asc' }] }),
        (m) => m.organisationId,
      ),
    ),
    jobFairById: new DataLoader<string, JobFairRow | null>(async (ids) => byKey(ids, await prisma.jobFair.findMany({ where: { id: { in: uuids(ids) } } }), (f) => f.id)),
    loanById: new DataLoader<string, LoanRow | null>(async (ids) => byKey(ids, await prisma.microLoan.findMany({ where: { id: { in: uuids(ids) } } }), (l) => l.id)),
    disputeById: new DataLoader<string, DisputeRow | null>(async (ids) => byKey(ids, await prisma.labourDispute.findMany({ where: { id: { in: uuids(ids) } } }), (d) => d.id)),
    baseById: new DataLoader<string, BaseRow | null>(async (ids) =>
      byKey(ids, await prisma.entrepreneurshipBase.findMany({ where: { id: { in: uuids(ids) } } }), (b) => b.id),
    ),
    groupById: new DataLoader<string, GroupRow | null>(async (ids) =>
      byKey(ids, await prisma.selfManagementGroup.findMany({ where: { id: { in: uuids(ids) } } }), (g) => g.id),
    ),
    groupMemberCounts: new DataLoader<string, number>(async (ids) => {
      const rows = await prisma.retiree.groupBy({ by: ['groupId'], where: { groupId: { in: uuids(ids) } }, _count: { _all: true } });
      return ids.map((id) => rows.find((r) => r.groupId === id)?._count._all ?? 0);
    }),
    regionStatistics: new DataLoader<string, RegionStatistics>((codes) => regionStatistics(prisma, codes)),
    /** Keyed by `${regionCode}|${year}`. */
    targetActuals: new DataLoader<string, TargetActuals>((keys) => targetActuals(prisma, keys)),
    /** Targets per `${regionCode}|${year}`: the region's own, else rolled up from the regions below (see rollUpTargets). */
    targetsByRegionYear: new DataLoader<string, Map<string, bigint>>(async (keys) => {
      const pairs = keys.map((k) => k.split('|') as [string, string]);
      const rows = await prisma.employmentTarget.findMany({ where: { OR: pairs.map(([regionCode, year]) => ({ regionCode: { startsWith: regionCode }, year: Number(year) })) } });
      return pairs.map(([code, year]) => rollUpTargets(code, rows.filter((r) => r.year === Number(year) && r.regionCode.startsWith(code))));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
