import { filterVisible, inJurisdiction, prismaRegionWhere, visibleOrNull, type Caller } from '@hub/access';
import { byKey, groupByKey } from '@hub/database';
import { dateValue } from '@hub/scalars';
import DataLoader from 'dataloader';
import { Prisma } from '../generated/prisma/client';
import type { CivilAffairsDb } from './db';
import { loadStatistics, type StatisticsKey } from './statistics';
import { applicationsWithStandards, disabilityRecordsWithStandards, STANDARD_ORDER, type ApplicationsWithRelations, type WithStandards } from './with-standards';
import { enrolmentJson, enrolmentOfJson, STEP_ORDER, type EnrolmentJson } from './related-json';
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
  /** The payment's enrolment, from the same statement. */
  enrolment: EnrolmentJson;
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (id: string): boolean => UUID.test(id);

/** Rows that carry the region code of the beneficiary's community (or of an office or institution). */
interface Regional {
  regionCode: string;
}

const regionOf = (row: Regional): string => row.regionCode;

/**
 * One set per request, for one caller: every entity reference and relation is batched into one statement
 * per kind, and every record outside the caller's jurisdiction is left out (by id: null), so that no entry
 * point (root field, relation, `_entities`) reaches it.
 */
export function createLoaders(db: CivilAffairsDb, caller: Caller) {
  const { prisma } = db;
  const visible = <T extends Regional>(rows: T[]): T[] => filterVisible(caller, rows, regionOf);
  const visibleOne = <T extends Regional>(row: T | null): T | null => visibleOrNull(caller, row, regionOf);
  // LIKE patterns of the caller's subtrees, for raw statements (roots are digit prefixes; anything else matches nothing).
  const ownRegions = caller.jurisdiction.filter((root) => /^\d+$/.test(root)).map((root) => `${root}%`);
  const institutionById = new DataLoader<string, InstitutionRow | null>(async (ids) =>
    byKey(ids, await prisma.careInstitution.findMany({ where: { id: { in: [...ids] } } }), (i) => i.id).map(visibleOne),
  );
  const standardsByProgramme = new DataLoader<string, StandardRow[]>(async (programmes) =>
    groupByKey(programmes, await prisma.assistanceStandard.findMany({ where: { programme: { in: programmes as StandardRow['programme'][] } }, orderBy: STANDARD_ORDER }), (s) => s.programme),
  );
  /** The rows, once the standards that came with them are primed: their amounts then need no statement of their own. */
  const primingStandards = <Row>({ rows, standards }: WithStandards<Row>): Row[] => {
    for (const [programme, list] of standards) standardsByProgramme.prime(programme, list);
    return rows;
  };
  const enrolmentById = new DataLoader<string, EnrolmentRow | null>(async (ids) =>
    byKey(ids, await prisma.enrolment.findMany({ where: { id: { in: [...ids] } } }), (e) => e.id).map(visibleOne),
  );
  const stepsByApplicationId = new DataLoader<string, StepRow[]>(async (ids) =>
    groupByKey(ids, await prisma.applicationStep.findMany({ where: { applicationId: { in: [...ids] } }, orderBy: STEP_ORDER }), (s) => s.applicationId),
  );
  /** An enrolment read with its parent, primed as enrolmentById would answer it (null outside the jurisdiction). */
  const primeEnrolment = (enrolment: EnrolmentRow): void => {
    enrolmentById.prime(enrolment.id, visibleOne(enrolment));
  };
  const filingByApplicationId = new DataLoader<string, FilingRow | null>(async (ids) =>
    byKey(ids, await prisma.conflictFiling.findMany({ where: { applicationId: { in: [...ids] } } }), (f) => f.applicationId),
  );
  /** Whether a person is a near relative of any relief officer, wherever the officer works (the conflict of interest does not stop at a border). */
  const isOfficerRelative = new DataLoader<string, boolean>(async (ids) => {
    const rows = await prisma.officerRelative.findMany({ where: { personId: { in: [...ids] } }, select: { personId: true } });
    const set = new Set(rows.map((r) => r.personId));
    return ids.map((id) => set.has(id));
  });
  /**
   * The applications, once their standards, enrolments, steps, filings and their members' officer-relative flags are
   * primed: an application's fields then need no second statement.
   */
  const primingRelations = (found: ApplicationsWithRelations): ApplicationRow[] => {
    for (const enrolment of found.enrolments) primeEnrolment(enrolment);
    for (const [applicationId, steps] of found.stepsByApplicationId) stepsByApplicationId.prime(applicationId, steps);
    for (const [applicationId, filing] of found.filingByApplicationId) filingByApplicationId.prime(applicationId, filing);
    for (const [personId, related] of found.officerRelativeByPersonId) isOfficerRelative.prime(personId, related);
    return primingStandards(found);
  };
  return {
    /**
     * Whether this subgraph may answer for each person: yes when it holds no record of them (nothing to
     * show), or when at least one of its records of them lies in the caller's jurisdiction; a person known
     * here only in other regions is out of reach (their entity reads as null).
     */
    personReachable: new DataLoader<string, boolean>(async (keys) => {
      const ids = keys.filter(isUuid);
      const rows = await prisma.$queryRaw<{ id: string; region_code: string }[]>`
        SELECT person_id::text AS id, region_code FROM "civil_affairs"."enrolment" WHERE person_id = ANY(${ids}::uuid[])
        UNION SELECT person_id::text, region_code FROM "civil_affairs"."disability_record" WHERE person_id = ANY(${ids}::uuid[])
        UNION SELECT person_id::text, region_code FROM "civil_affairs"."death_record" WHERE person_id = ANY(${ids}::uuid[])
        UNION SELECT person_id::text, region_code FROM "civil_affairs"."medical_assistance" WHERE person_id = ANY(${ids}::uuid[])
        UNION SELECT person_id::text, region_code FROM "civil_affairs"."special_care_recipient" WHERE person_id = ANY(${ids}::uuid[])
        UNION SELECT r.person_id::text, i.region_code FROM "civil_affairs"."care_residence" r
                JOIN "civil_affairs"."care_institution" i ON i.id = r.institution_id WHERE r.person_id = ANY(${ids}::uuid[])`;
      return reachable(caller, keys, rows);
    }),
    /** Like personReachable, for households: from every record this subgraph keeps of a household. */
    householdReachable: new DataLoader<string, boolean>(async (keys) => {
      const ids = keys.filter(isUuid);
      const rows = await prisma.$queryRaw<{ id: string; region_code: string }[]>`
        SELECT household_id::text AS id, region_code FROM "civil_affairs"."enrolment" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."dibao_application" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."temporary_assistance" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."condolence" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."special_care_recipient" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."glory_plaque" WHERE household_id = ANY(${ids}::uuid[])
        UNION SELECT household_id::text, region_code FROM "civil_affairs"."house_rebuilding" WHERE household_id = ANY(${ids}::uuid[])`;
      return reachable(caller, keys, rows);
    }),
    enrolmentById,
    enrolmentsByHouseholdId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { householdId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.householdId).map(visible),
    ),
    enrolmentsByPersonId: new DataLoader<string, EnrolmentRow[]>(async (ids) =>
      groupByKey(ids, await prisma.enrolment.findMany({ where: { personId: { in: [...ids] } }, orderBy: NEWEST_FIRST }), (e) => e.personId).map(visible),
    ),
    /** With the disability subsidies' standards (primed), so a page's subsidies need no second statement. */
    disabilityByPersonId: new DataLoader<string, DisabilityRow | null>(async (ids) =>
      byKey(ids, primingStandards(await disabilityRecordsWithStandards(db, [...ids])), (d) => d.personId).map(visibleOne),
    ),
    /**
     * first + 1 payments per household after the cursor, newest month first: one statement per distinct page request,
     * which brings each payment's enrolment too (primed into enrolmentById).
     */
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
            SELECT t.*, ${enrolmentJson(Prisma.sql`t.enrolment_id`)} AS enrolment FROM (
              SELECT p.*, row_number() OVER (PARTITION BY p.household_id ORDER BY p.period DESC, p.id DESC) AS rn
                FROM "civil_affairs"."payment" p
               WHERE p.household_id = ANY(${ids}::uuid[]) AND p.region_code LIKE ANY(${ownRegions}::text[])
                 AND (${after === null} OR (p.period, p.id) < (${after?.key ?? ''}, ${after?.id ?? '00000000-0000-0000-0000-000000000000'}::uuid))
            ) t
             WHERE t.rn <= ${first + 1}
             ORDER BY t.period DESC, t.id DESC`;
          for (const row of rows) primeEnrolment(enrolmentOfJson(row.enrolment));
          const byHousehold = groupByKey(ids, rows.map(paymentOf), (p) => p.householdId);
          group.forEach((key, i) => pages.set(key, byHousehold[i]!));
        }
        return keys.map((key) => pages.get(key)!);
      },
      { cacheKeyFn: (k) => `${k.parentId}|${k.first}|${k.after?.key ?? ''}|${k.after?.id ?? ''}` },
    ),
    paymentCountByHouseholdId: new DataLoader<string, number>(async (ids) => {
      const rows = await prisma.payment.groupBy({ by: ['householdId'], where: { householdId: { in: [...ids] }, ...prismaRegionWhere(caller.jurisdiction, 'regionCode') }, _count: { _all: true } });
      const map = new Map(rows.map((r) => [r.householdId, r._count._all]));
      return ids.map((id) => map.get(id) ?? 0);
    }),
    standardsByProgramme,
    // Applications come with their programmes' standards, their enrolments and their steps (primed): the proposed
    // subsidy, the enrolment and the steps need no second statement.
    applicationById: new DataLoader<string, ApplicationRow | null>(async (ids) =>
      byKey(ids, primingRelations(await applicationsWithStandards(db, 'id', [...ids])), (a) => a.id).map(visibleOne),
    ),
    applicationsByHouseholdId: new DataLoader<string, ApplicationRow[]>(async (ids) =>
      groupByKey(ids, primingRelations(await applicationsWithStandards(db, 'household_id', [...ids])), (a) => a.householdId).map(visible),
    ),
    /**
     * Whether a member of the household's latest visible dibao application is a near relative of any relief officer:
     * one statement with the applications, so the conflict-of-interest flag needs no second wave for households
     * that have applied (latest = the first of applicationsByHouseholdId's order).
     */
    officerRelativeInLatestApplicationByHouseholdId: new DataLoader<string, boolean>(async (ids) => {
      const rows = await prisma.$queryRaw<{ household_id: string; region_code: string; officer_relative: boolean }[]>`
        SELECT a.household_id::text AS household_id, a.region_code,
               EXISTS (SELECT 1 FROM "civil_affairs"."officer_relative" r WHERE r.person_id = ANY(a.member_ids)) AS officer_relative
          FROM "civil_affairs"."dibao_application" a
         WHERE a.household_id = ANY(${[...ids]}::uuid[])
         ORDER BY a.submitted_on DESC, a.id ASC`;
      const latest = new Map<string, boolean>();
      for (const row of filterVisible(caller, rows, (r) => r.region_code)) if (!latest.has(row.household_id)) latest.set(row.household_id, row.officer_relative);
      return ids.map((id) => latest.get(id) ?? false);
    }),
    stepsByApplicationId,
    filingByApplicationId,
    officerById: new DataLoader<string, OfficerRow | null>(async (ids) =>
      byKey(ids, await prisma.reliefOfficer.findMany({ where: { id: { in: [...ids] } } }), (o) => o.id).map(visibleOne),
    ),
    relativesByOfficerId: new DataLoader<string, OfficerRelativeRow[]>(async (ids) =>
      groupByKey(ids, await prisma.officerRelative.findMany({ where: { officerId: { in: [...ids] } }, orderBy: { id: 'asc' } }), (r) => r.officerId),
    ),
    isOfficerRelative,
    medicalByPersonId: new DataLoader<string, MedicalRow[]>(async (ids) =>
      groupByKey(ids, await prisma.medicalAssistance.findMany({ where: { personId: { in: [...ids] } }, orderBy: [{ claimDate: 'desc' }, { id: 'asc' }] }), (m) => m.personId).map(visible),
    ),
    temporaryByHouseholdId: new DataLoader<string, TemporaryRow[]>(async (ids) =>
      groupByKey(ids, await prisma.temporaryAssistance.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ grantedOn: 'desc' }, { id: 'asc' }] }), (t) => t.householdId).map(visible),
    ),
    condolencesByHouseholdId: new DataLoader<string, CondolenceRow[]>(async (ids) =>
      groupByKey(ids, await prisma.condolence.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ visitedOn: 'desc' }, { id: 'asc' }] }), (c) => c.householdId).map(visible),
    ),
    plaqueByHouseholdId: new DataLoader<string, PlaqueRow | null>(async (ids) =>
      byKey(ids, await prisma.gloryPlaque.findMany({ where: { householdId: { in: [...ids] } } }), (p) => p.householdId).map(visibleOne),
    ),
    rebuildingsByHouseholdId: new DataLoader<string, RebuildingRow[]>(async (ids) =>
      groupByKey(ids, await prisma.houseRebuilding.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ reportedOn: 'desc' }, { id: 'asc' }] }), (r) => r.householdId).map(visible),
    ),
    rebuildingById: new DataLoader<string, RebuildingRow | null>(async (ids) =>
      byKey(ids, await prisma.houseRebuilding.findMany({ where: { id: { in: [...ids] } } }), (r) => r.id).map(visibleOne),
    ),
    specialCareByPersonId: new DataLoader<string, SpecialCareRow | null>(async (ids) =>
      byKey(ids, await prisma.specialCareRecipient.findMany({ where: { personId: { in: [...ids] } } }), (s) => s.personId).map(visibleOne),
    ),
    specialCareByHouseholdId: new DataLoader<string, SpecialCareRow[]>(async (ids) =>
      groupByKey(ids, await prisma.specialCareRecipient.findMany({ where: { householdId: { in: [...ids] } }, orderBy: [{ registeredOn: 'asc' }, { id: 'asc' }] }), (s) => s.householdId).map(visible),
    ),
    institutionById,
    currentResidentsByInstitutionId: new DataLoader<string, ResidenceRow[]>(async (ids) =>
      groupByKey(ids, await prisma.careResidence.findMany({ where: { institutionId: { in: [...ids] }, leftOn: null }, orderBy: [{ admittedOn: 'asc' }, { id: 'asc' }] }), (r) => r.institutionId),
    ),
    /** A stay counts where the institution is: it is seen by whoever may see the institution. */
    currentResidenceByPersonId: new DataLoader<string, ResidenceRow | null>(async (ids) => {
      // The institution comes in the same statement (primed into institutionById): no second wave for persons in care.
      const rows = await prisma.$queryRaw<
        {
          id: string;
          institution_id: string;
          person_id: string;
          admitted_on: string;
          centralised_support: boolean;
          name: string;
          credit_code: string;
          region_code: string;
          capacity: number;
          opened_on: string | null;
          created_at_ms: number;
        }[]
      >`
        SELECT r.id::text, r.institution_id::text, r.person_id::text, r.admitted_on::text, r.centralised_support,
               i.name, i.credit_code, i.region_code, i.capacity, i.opened_on::text,
               (extract(epoch FROM i.created_at) * 1000)::float8 AS created_at_ms
          FROM "civil_affairs"."care_residence" r JOIN "civil_affairs"."care_institution" i ON i.id = r.institution_id
         WHERE r.person_id = ANY(${[...ids]}::uuid[]) AND r.left_on IS NULL`;
      const stays: ResidenceRow[] = [];
      for (const r of rows) {
        const institution: InstitutionRow = {
          id: r.institution_id,
          name: r.name,
          creditCode: r.credit_code,
          regionCode: r.region_code,
          capacity: r.capacity,
          openedOn: r.opened_on ? dateValue(r.opened_on) : null,
          createdAt: new Date(r.created_at_ms),
        };
        institutionById.prime(institution.id, visibleOne(institution));
        // A stay counts where the institution is: it is seen by whoever may see the institution.
        if (inJurisdiction(caller, institution.regionCode)) {
          stays.push({ id: r.id, institutionId: r.institution_id, personId: r.person_id, admittedOn: dateValue(r.admitted_on), leftOn: null, centralisedSupport: r.centralised_support });
        }
      }
      return byKey(ids, stays, (s) => s.personId);
    }),
    /** Region figures over the prefixes the caller may see: three statements per distinct day, however many regions are asked. */
    statisticsByRegion: new DataLoader<StatisticsKey, RegionStatistics, string>(
      async (keys) => {
        const days = [...new Set(keys.map((k) => k.asOf))];
        const byDay = new Map<string, Map<string, RegionStatistics>>();
        for (const day of days) byDay.set(day, await loadStatistics(prisma, keys.filter((k) => k.asOf === day), day));
        return keys.map((k) => byDay.get(k.asOf)!.get(k.code)!);
      },
      { cacheKeyFn: (k) => `${k.code}|${k.asOf}` },
    ),
    deathByPersonId: new DataLoader<string, DeathRow | null>(async (ids) =>
      byKey(ids, await prisma.deathRecord.findMany({ where: { personId: { in: [...ids] } } }), (d) => d.personId).map(visibleOne),
    ),
  };
}

/** Per id: reachable when no region is on record for it, or one of them lies in the jurisdiction. */
function reachable(caller: Caller, ids: readonly string[], rows: { id: string; region_code: string }[]): boolean[] {
  const regions = new Map<string, string[]>();
  for (const row of rows) regions.set(row.id, [...(regions.get(row.id) ?? []), row.region_code]);
  return ids.map((id) => {
    const known = regions.get(id);
    return known === undefined || known.some((code) => inJurisdiction(caller, code));
  });
}

export type Loaders = ReturnType<typeof createLoaders>;
