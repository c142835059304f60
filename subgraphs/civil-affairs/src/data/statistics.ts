import { Prisma, type PrismaClient } from '../generated/prisma/client';

import { comparisonPeriods, cremationRate, dibaoFigures, spendingFigures, type EnrolmentAggregate, type SpendingAggregate } from '../domain/statistics';
import type { RegionStatistics } from './models';

export interface StatisticsKey {
  code: string;
  /** YYYY-MM-DD */
  asOf: string;
  /** Region-code prefixes the figures cover: the region itself, or the caller's subtrees inside it (visiblePrefixes). */
  prefixes: string[];
}

type Programme = RegionStatistics['spendingByProgramme'][number]['programme'];

/**
 * Figures for many regions on one day in four statements, whatever the number of regions: each statement
 * joins the asked regions, each with its LIKE patterns (the prefixes the caller may see), to the records
 * whose community code matches one of them.
 */
export async function loadStatistics(prisma: PrismaClient, keys: StatisticsKey[], asOf: string): Promise<Map<string, RegionStatistics>> {
  const byCode = new Map(keys.map((k) => [k.code, k.prefixes]));
  const codes = [...byCode.keys()];
  // One row per region: its patterns joined by spaces (a text[] of text[] cannot be unnested row by row).
  const patterns = codes.map((code) => byCode.get(code)!.map((prefix) => `${prefix}%`).join(' '));
  const regions = Prisma.sql`unnest(${codes}::text[], ${patterns}::text[]) AS u(code, patterns) CROSS JOIN LATERAL (SELECT string_to_array(u.patterns, ' ') AS likes) l`;
  const day = new Date(`${asOf}T00:00:00Z`);
  const yearStart = new Date(`${asOf.slice(0, 4)}-01-01T00:00:00Z`);
  const periods = comparisonPeriods(asOf);
  const [enrolments, payments, grades, others] = await Promise.all([
    // Enrolments in force that day: started, not yet ended, not suspended.
    prisma.$queryRaw<{ code: string; programme: Programme; enrolments: bigint; persons: bigint; monthly: bigint }[]>`
      SELECT u.code, e.programme, count(*) AS enrolments, sum(e.member_count) AS persons, sum(e.monthly_amount_fen) AS monthly
        FROM ${regions}
        JOIN "civil_affairs"."enrolment" e ON e.region_code LIKE ANY(l.likes)
       WHERE e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day}) AND e.status <> 'SUSPENDED'
         AND NOT (e.status = 'TERMINATED' AND e.end_date IS NULL)
       GROUP BY u.code, e.programme`,
    prisma.$queryRaw<{ code: string; programme: Programme; month: bigint; ytd: bigint; last_year: bigint }[]>`
      SELECT u.code, p.programme,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.period = ${periods.month}), 0) AS month,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.period BETWEEN ${periods.yearStart} AND ${periods.month}), 0) AS ytd,
             coalesce(sum(p.amount_fen) FILTER (WHERE p.period BETWEEN ${periods.lastYearStart} AND ${periods.lastYearMonth}), 0) AS last_year
        FROM ${regions}
        JOIN "civil_affairs"."payment" p ON p.region_code LIKE ANY(l.likes)
       WHERE p.period BETWEEN ${periods.lastYearStart} AND ${periods.month}
       GROUP BY u.code, p.programme`,
    prisma.$queryRaw<{ code: string; grade: number; persons: bigint }[]>`
      SELECT u.code, d.grade, count(DISTINCT e.person_id) AS persons
        FROM ${regions}
        JOIN "civil_affairs"."enrolment" e ON e.region_code LIKE ANY(l.likes)
        JOIN "civil_affairs"."disability_record" d ON d.person_id = e.person_id
       WHERE e.programme = 'SEVERE_DISABILITY_SUBSIDY' AND e.start_date <= ${day} AND (e.end_date IS NULL OR e.end_date >= ${day})
         AND e.status <> 'SUSPENDED' AND NOT (e.status = 'TERMINATED' AND e.end_date IS NULL)
       GROUP BY u.code, d.grade`,
    prisma.$queryRaw<
      {
        code: string;
        medical_claims: bigint;
        medical_fen: bigint;
        temporary_grants: bigint;
        temporary_fen: bigint;
        deaths: bigint;
        cremated: bigint;
        condolence_households: bigint;
        condolence_fen: bigint;
        plaques: bigint;
        special_care: bigint;
        houses: bigint;
        rooms: bigint;
        rebuilt: bigint;
        beds: bigint;
        residents: bigint;
      }[]
    >`
      SELECT u.code,
             (SELECT count(*) FROM "civil_affairs"."medical_assistance" m WHERE m.region_code LIKE ANY(l.likes) AND m.claim_date BETWEEN ${yearStart} AND ${day}) AS medical_claims,
             (SELECT coalesce(sum(m.amount_fen), 0) FROM "civil_affairs"."medical_assistance" m WHERE m.region_code LIKE ANY(l.likes) AND m.claim_date BETWEEN ${yearStart} AND ${day}) AS medical_fen,
             (SELECT count(*) FROM "civil_affairs"."temporary_assistance" t WHERE t.region_code LIKE ANY(l.likes) AND t.granted_on BETWEEN ${yearStart} AND ${day}) AS temporary_grants,
             (SELECT coalesce(sum(t.cash_fen + t.in_kind_value_fen), 0) FROM "civil_affairs"."temporary_assistance" t WHERE t.region_code LIKE ANY(l.likes) AND t.granted_on BETWEEN ${yearStart} AND ${day}) AS temporary_fen,
             (SELECT count(*) FROM "civil_affairs"."death_record" d WHERE d.region_code LIKE ANY(l.likes) AND d.date_of_death BETWEEN ${yearStart} AND ${day}) AS deaths,
             (SELECT count(*) FROM "civil_affairs"."death_record" d WHERE d.region_code LIKE ANY(l.likes) AND d.date_of_death BETWEEN ${yearStart} AND ${day} AND d.funeral_type = 'CREMATED') AS cremated,
             (SELECT count(DISTINCT c.household_id) FROM "civil_affairs"."condolence" c WHERE c.region_code LIKE ANY(l.likes) AND c.visited_on BETWEEN ${yearStart} AND ${day}) AS condolence_households,
             (SELECT coalesce(sum(c.cash_fen + c.vouchers_fen + c.in_kind_value_fen), 0) FROM "civil_affairs"."condolence" c WHERE c.region_code LIKE ANY(l.likes) AND c.visited_on BETWEEN ${yearStart} AND ${day}) AS condolence_fen,
             (SELECT count(*) FROM "civil_affairs"."glory_plaque" g WHERE g.region_code LIKE ANY(l.likes) AND g.issued_on BETWEEN ${yearStart} AND ${day}) AS plaques,
             (SELECT count(*) FROM "civil_affairs"."special_care_recipient" s WHERE s.region_code LIKE ANY(l.likes) AND s.registered_on <= ${day}) AS special_care,
             (SELECT count(*) FROM "civil_affairs"."house_rebuilding" h WHERE h.region_code LIKE ANY(l.likes) AND h.reported_on BETWEEN ${yearStart} AND ${day}) AS houses,
             (SELECT coalesce(sum(h.collapsed_rooms), 0) FROM "civil_affairs"."house_rebuilding" h WHERE h.region_code LIKE ANY(l.likes) AND h.reported_on BETWEEN ${yearStart} AND ${day}) AS rooms,
             (SELECT count(*) FROM "civil_affairs"."house_rebuilding" h WHERE h.region_code LIKE ANY(l.likes) AND h.reported_on BETWEEN ${yearStart} AND ${day} AND h.completed_on <= ${day}) AS rebuilt,
             (SELECT coalesce(sum(i.capacity), 0) FROM "civil_affairs"."care_institution" i WHERE i.region_code LIKE ANY(l.likes)) AS beds,
             (SELECT count(*) FROM "civil_affairs"."care_residence" cr JOIN "civil_affairs"."care_institution" i ON i.id = cr.institution_id
               WHERE i.region_code LIKE ANY(l.likes) AND cr.admitted_on <= ${day} AND (cr.left_on IS NULL OR cr.left_on > ${day})) AS residents
        FROM ${regions}`,
  ]);
  const result = new Map<string, RegionStatistics>();
  for (const code of codes) {
    const enrolled: EnrolmentAggregate[] = enrolments
      .filter((r) => r.code === code)
      .map((r) => ({ programme: r.programme, enrolments: Number(r.enrolments), persons: Number(r.persons), monthlyFen: BigInt(r.monthly) }));
    const spent: SpendingAggregate[] = payments
      .filter((r) => r.code === code)
      .map((r) => ({ programme: r.programme, monthFen: BigInt(r.month), yearToDateFen: BigInt(r.ytd), sameTimeLastYearFen: BigInt(r.last_year) }))
      .sort((a, b) => a.programme.localeCompare(b.programme));
    const dibao = dibaoFigures(enrolled);
    const spending = spendingFigures(spent);
    const other = others.find((r) => r.code === code)!;
    const count = (programme: string) => enrolled.find((r) => r.programme === programme)?.enrolments ?? 0;
    result.set(code, {
      asOf,
      urbanDibaoHouseholds: dibao.urbanHouseholds,
      ruralDibaoHouseholds: dibao.ruralHouseholds,
      urbanDibaoPersons: dibao.urbanPersons,
      ruralDibaoPersons: dibao.ruralPersons,
      averageMonthlyDibaoSubsidy: dibao.averageMonthlySubsidyPerPersonFen,
      spendingThisMonth: spending.total.monthFen,
      spendingYearToDate: spending.total.yearToDateFen,
      spendingSameTimeLastYear: spending.total.sameTimeLastYearFen,
      spendingChangePercent: spending.total.changePercent,
      spendingByProgramme: spending.byProgramme.map((s) => ({
        programme: s.programme as Programme,
        thisMonth: s.monthFen,
        yearToDate: s.yearToDateFen,
        sameTimeLastYear: s.sameTimeLastYearFen,
        changePercent: s.changePercent,
      })),
      tekunDispersed: count('TEKUN_DISPERSED'),
      tekunCentralised: count('TEKUN_CENTRALISED'),
      medicalAssistanceClaims: Number(other.medical_claims),
      medicalAssistanceAmount: BigInt(other.medical_fen),
      temporaryAssistanceGrants: Number(other.temporary_grants),
      temporaryAssistanceAmount: BigInt(other.temporary_fen),
      disabledPersonsSubsidised: grades
        .filter((r) => r.code === code)
        .map((r) => ({ grade: r.grade, persons: Number(r.persons) }))
        .sort((a, b) => a.grade - b.grade),
      deathsYearToDate: Number(other.deaths),
      cremationRate: cremationRate(Number(other.cremated), Number(other.deaths)),
      condolenceHouseholds: Number(other.condolence_households),
      condolenceAmount: BigInt(other.condolence_fen),
      gloryPlaquesIssued: Number(other.plaques),
      specialCareRecipients: Number(other.special_care),
      housesCollapsed: Number(other.houses),
      roomsCollapsed: Number(other.rooms),
      housesRebuilt: Number(other.rebuilt),
      careInstitutionBeds: Number(other.beds),
      careInstitutionResidents: Number(other.residents),
    });
  }
  return result;
}

