import { byKey, groupByKey } from '@hub/database';
import DataLoader from 'dataloader';
import type { CivilAffairsDb } from './db';
import { loadStatistics, type StatisticsKey } from './statistics';
import type { RegionStatistics } from './models';
import type { CondolenceRow, InstitutionRow, MedicalRow, PlaqueRow, RebuildingRow, ResidenceRow, SpecialCareRow, TemporaryRow } from './models';
import type { ApplicationRow, DeathRow, DisabilityRow, EnrolmentRow, FilingRow, OfficerRelativeRow, OfficerRow, PaymentRow, StandardRow, StepRow } from './models';

/** A page request of one parent's list: `after` is the decoded cursor. */
export interface PageKey {
  parentId: string;
  first: number;
  after: { key: string; id: string } | null;
}

interface RawPayment {
  id: string;
  enrolment_id: string;
  programme: PaymentRow['programme'];
  household_id: string | null;
  person_id: string | null;
  region_code: string;
  period: string;
  amount_fen: bigint;
  paid_on: Date;
  payroll_run_id: string;
}

const paymentOf = (r: RawPayment): PaymentRow => ({
  id: r.id,
  enrolmentId: r.enrolment_id,
  programme: r.programme,
  householdId: r.household_id,
  personId: r.person_id,
  regionCode: r.region_code,
  period: r.period,
  amount: r.amount_fen,
  paidOn: r.paid_on,
  payrollRunId: r.payroll_run_id,
});

const NEWEST_FIRST = [{ startDate: 'desc' as const }, { id: 'asc' as const }];

/** One set per request: every entity reference and relation is batched into one statement per kind. */
export function createLoaders({ prisma }: CivilAffairsDb) {
  return {
    enrolmentById: new DataLoader<string, EnrolmentRow | null>(async (ids) =>
      byKey(ids, await prisma.enrolment.findMany({ where: { id: { in: [...ids] } } }), (e) => e.id),
    ),
    enrolmentsByHouseholdId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { householdId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.householdId),
    ),
    enrolmentsByPersonId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { personId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.personId),
    ),
    disabilityByPersonId: new DataLoader<string, DisabilityRow | null>(async (ids) =>
      byKey(ids, await prisma.disabilityRecord.findMany({ where: { personId: { in: [...ids] } } }), (d) => d.personId),
    ),
    /** first + 1 payments per household after the cursor, newest month first: one statement per distinct page request. */
    paymentPagesByHousehold: new DataLoader<PageKey, PaymentRow[], string>(
      async (keys) => {
        const groups = new Map<string, PageKey[]>();
        for (const key of keys) {
          const group = `${key.first}|${key.after?.key ?? ''}|${key.after?.id ?? ''}`;
          groups.set(group, [...(groups.get(group) ?? []), key]);
        }
        const pages = new Map<PageKey, PaymentRow[]>();
        for (const group of groups.values()) {
          const { first, after } = group[0]!;
          const ids = group.map((k) => k.parentId);
          const rows = await prisma.$queryRaw<(RawPayment & { rn: bigint })[]>`
            SELECT * FROM (
              SELECT p.*, row_number() OVER (PARTITION BY p.household_id ORDER BY p.period DESC, p.id DESC) AS rn
                FROM "civil_affairs"."payment" p
               WHERE p.household_id = ANY(${ids}::uuid[])
                 AND (${after === null} OR (p.period, p.id) < (${after?.key ?? ''}, ${after?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid))
            ) t
             WHERE t.rn <= ${first + 1}
             ORDER BY t.period DESC, t.id DESC`;
          const byHousehold = groupByKey(ids, rows.map(paymentOf), (p) => p.householdId);
          group.forEach((key, i) => pages.set(key, byHousehold[i]!));
        }
        return keys.map((key) => pages.get(key)!);
      },
      { cacheKeyFn: (k) => `${k.parentId}|${k.first}|${k.after?.key ?? ''}|${k.after?.id ?? ''}` },
    ),
    paymentCountByHouseholdId: new DataLoader<string, number>(async (ids) => {
      const rows = await prisma.payment.groupBy({ by: ['householdId'], where: { householdId: { in: [...ids] } }, _count: { _all: true } });
      const map = new Map(rows.map((r) => [r.householdId, r._count._all]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
    standardsByProgramme: new DataLoader<string, StandardRow[]>(async (programmes) =>
      groupByKey(
        programmes,
        await prisma.assistanceStandard.findMany({ where: { programme: { in: programmes as StandardRow['programme'][] } }, orderBy: [{ effectiveFrom: 'desc' }, { regionCode: 'asc' }] }),
        (s) => s.programme,
      ),
    ),
    applicationById: new DataLoader<string, ApplicationRow | null>(async (ids) =>
      byKey(ids, await prisma.dibaoApplication.findMany({ where: { id: { in: [...ids] } } }), (a) => a.id),
    ),
    applicationsByHouseholdId: new DataLoader<string, ApplicationRow[]>(async (ids) =>
      groupByKey(ids, await prisma.dibaoApplication.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ submittedOn: 'desc' }, { id: 'asc' }] }), (a) => a.householdId),
    ),
    stepsByApplicationId: new DataLoader<string, StepRow[]>(async (ids) =>
      groupByKey(ids, await prisma.applicationStep.findMany({ where: { applicationId: { in: [...ids] } }, orderBy: [{ date: 'asc' }, { createdAt: 'asc' }] }), (s) => s.applicationId),
    ),
    filingByApplicationId: new DataLoader<string, FilingRow | null>(async (ids) =>
      byKey(ids, await prisma.conflictFiling.findMany({ where: { applicationId: { in: [...ids] } } }), (f) => f.applicationId),
    ),
    officerById: new DataLoader<string, OfficerRow | null>(async (ids) =>
      byKey(ids, await prisma.reliefOfficer.findMany({ where: { id: { in: [...ids] } } }), (o) => o.id),
    ),
    relativesByOfficerId: new DataLoader<string, OfficerRelativeRow[]>(async (ids) =>
      groupByKey(ids, await prisma.officerRelative.findMany({ where: { officerId: { in: [...ids] } }, orderBy: { id: 'asc' } }), (r) => r.officerId),
    ),
    /** Whether a person is a near relative of any relief officer. */
    isOfficerRelative: new DataLoader<string, boolean>(async (ids) => {
      const rows = await prisma.officerRelative.findMany({ where: { personId: { in: [...ids] } }, select: { personId: true } });
      const set = new Set(rows.map((r) => r.personId));
      return ids.map((id) => set.has(id));
    }),
    medicalByPersonId: new DataLoader<string, MedicalRow[]>(async (ids) =>
      groupByKey(ids, await prisma.medicalAssistance.findMany({ where: { personId: { in: [...ids] } }, orderBy: [{ claimDate: 'desc' }, { id: 'asc' }] }), (m) => m.personId),
    ),
    temporaryByHouseholdId: new DataLoader<string, TemporaryRow[]>(async (ids) =>
      groupByKey(ids, await prisma.temporaryAssistance.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ grantedOn: 'desc' }, { id: 'asc' }] }), (t) => t.householdId),
    ),
    condolencesByHouseholdId: new DataLoader<string, CondolenceRow[]>(async (ids) =>
      groupByKey(ids, await prisma.condolence.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ visitedOn: 'desc' }, { id: 'asc' }] }), (c) => c.householdId),
    ),
    plaqueByHouseholdId: new DataLoader<string, PlaqueRow | null>(async (ids) =>
      byKey(ids, await prisma.gloryPlaque.findMany({ where: { householdId: { in: [...ids] } } }), (p) => p.householdId),
    ),
    rebuildingsByHouseholdId: new DataLoader<string, RebuildingRow[]>(async (ids) =>
      groupByKey(ids, await prisma.houseRebuilding.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ reportedOn: 'desc' }, { id: 'asc' }] }), (r) => r.householdId),
    ),
    rebuildingById: new DataLoader<string, RebuildingRow | null>(async (ids) =>
      byKey(ids, await prisma.houseRebuilding.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id),
    ),
    specialCareByPersonId: new DataLoader<string, SpecialCareRow | null>(async (ids) =>
      byKey(ids, await prisma.specialCareRecipient.findMany({ where: { personId: { in: [...ids] } } }), (s) => s.personId),
    ),
    specialCareByHouseholdId: new DataLoader<string, SpecialCareRow[]>(async (ids) =>
      groupByKey(ids, await prisma.specialCareRecipient.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ registeredOn: 'asc' }, { id: 'asc' }] }), (s) => s.householdId),
    ),
    institutionById: new DataLoader<string, InstitutionRow | null>(async (ids) =>
      byKey(ids, await prisma.careInstitution.findMany({ where: { id: { in: [...ids] } } }), (i) => i.id),
    ),
    currentResidentsByInstitutionId: new DataLoader<string, ResidenceRow[]>(async (ids) =>
      groupByKey(ids, await prisma.careResidence.findMany({ where: { institutionId: { in: [...ids] }, leftOn: null }, orderBy: [{ admittedOn: 'asc' }, { id: 'asc' }] }), (r) => r.institutionId),
    ),
    currentResidenceByPersonId: new DataLoader<string, ResidenceRow | null>(async (ids) =>
      byKey(ids, await prisma.careResidence.findMany({ where: { personId: { in: [...ids] }, leftOn: null } }), (r) => r.personId),
    ),
    /** Region figures: four statements per distinct day, however many regions are asked. */
    statisticsByRegion: new DataLoader<StatisticsKey, RegionStatistics, string>(
      async (keys) => {
        const days = [...new Set(keys.map((k) => k.asOf))];
        const byDay = new Map<string, Map<string, RegionStatistics>>();
        for (const day of days) byDay.set(day, await loadStatistics(prisma, [...new Set(keys.filter((k) => k.asOf === day).map((k) => k.code))], day));
        return keys.map((k) => byDay.get(k.asOf)!.get(k.code)!);
      },
      { cacheKeyFn: (k) => `${k.code}|${k.asOf}` },
    ),
    deathByPersonId: new DataLoader<string, DeathRow | null>(async (ids) =>
      byKey(ids, await prisma.deathRecord.findMany({ where: { personId: { in: [...ids] } } }), (d) => d.personId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
