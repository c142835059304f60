import { dayBucket, requireSummaryPrefix, sumSummaryRanges, upTo, type BucketRange } from '@hub/database';
import { Prisma, type PrismaClient } from '../generated/prisma/client';
import { Programme as PROGRAMME } from '../generated/prisma/enums';

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

/** The client or a transaction of it: statistics read raw SQL only. */
export type RawQueries = Pick<PrismaClient, '$queryRaw' | '$queryRawUnsafe'>;

const PROGRAMMES = Object.values(PROGRAMME);

/** A period 'YYYY-MM' as the summary buckets it: YYYYMM. */
export const periodBucket = (period: string): number => Number(period.replace('-', ''));

/** What an enrolment contributes to the figures of the days it is in force. */
const ENROLMENT_MEASURES = ['ENROLMENTS', 'PERSONS', 'MONTHLY'];

/**
 * What the summary adds up for a day: per programme, enrolments in force that day (started up to it less no longer
 * in force up to it), the payments of the day's month, of its year up to that month, of last year up to the same
 * month, and how many payments all those periods hold (a programme is listed only when there are some); medical
 * assistance claims from the year's first day to the day.
 */
export function summaryRanges(asOf: string): BucketRange[] {
  const periods = comparisonPeriods(asOf);
  const [month, yearStart, lastYearStart, lastYearMonth] = [periods.month, periods.yearStart, periods.lastYearStart, periods.lastYearMonth].map(periodBucket) as [number, number, number, number];
  const yearFirstDay = dayBucket(`${asOf.slice(0, 4)}-01-01`);
  return [
    ...PROGRAMMES.flatMap((programme): BucketRange[] => [
      ...ENROLMENT_MEASURES.flatMap((measure) => [
        ...upTo(`${measure}_STARTED/${programme}`, asOf, `${measure}/${programme}`, 1),
        ...upTo(`${measure}_ENDED/${programme}`, asOf, `${measure}/${programme}`, -1),
      ]),
      { figure: `PAYMENT_FEN/${programme}`, from: month, to: month, into: `MONTH/${programme}`, sign: 1 },
      { figure: `PAYMENT_FEN/${programme}`, from: yearStart, to: month, into: `YTD/${programme}`, sign: 1 },
      { figure: `PAYMENT_FEN/${programme}`, from: lastYearStart, to: lastYearMonth, into: `LAST_YEAR/${programme}`, sign: 1 },
      { figure: `PAYMENTS/${programme}`, from: lastYearStart, to: month, into: `PAYMENTS/${programme}`, sign: 1 },
    ]),
    { figure: 'MEDICAL_FEN', from: yearFirstDay, to: dayBucket(asOf), into: 'MEDICAL_FEN', sign: 1 },
    { figure: 'MEDICAL_CLAIMS', from: yearFirstDay, to: dayBucket(asOf), into: 'MEDICAL_CLAIMS', sign: 1 },
  ];
}

/**
 * A region's prefixes as the summary answers them: checked (the summary is kept for region codes and jurisdiction
 * roots of 2, 4, 6, 9 or 12 digits), and without those inside another one of the list, whose rows it already counts.
 */
export function summaryPrefixes(prefixes: readonly string[]): string[] {
  prefixes.forEach(requireSummaryPrefix);
  const unique = [...new Set(prefixes)];
  return unique.filter((prefix) => !unique.some((other) => other !== prefix && prefix.startsWith(other)));
}

/** The ranges added up for every asked region over its prefixes, in one statement of index ranges (sumSummaryRanges). */
function sumSummary(prisma: RawQueries, keys: readonly StatisticsKey[], ranges: readonly BucketRange[]): Promise<Map<string, Map<string, bigint>>> {
  return sumSummaryRanges(prisma, 'civil_affairs', keys.flatMap((k) => summaryPrefixes(k.prefixes).map((prefix) => [k.code, prefix] as const)), ranges);
}

/**
 * Figures for many regions on one day in three statements, whatever the number of regions. Enrolments in force,
 * spending and medical assistance come from the maintained summary (sumSummary: index ranges of each prefix the
 * caller may see); the other statements join the asked regions, each with its LIKE patterns (those prefixes), to
 * the records whose community code matches one of them.
 */
export async function loadStatistics(prisma: RawQueries, keys: StatisticsKey[], asOf: string): Promise<Map<string, RegionStatistics>> {
  const byCode = new Map(keys.map((k) => [k.code, k.prefixes]));
  const codes = [...byCode.keys()];
  // One row per region: its patterns joined by spaces (a text[] of text[] cannot be unnested row by row).
  const patterns = codes.map((code) => byCode.get(code)!.map((prefix) => `${prefix}%`).join(' '));
  const regions = Prisma.sql`unnest(${codes}::text[], ${patterns}::text[]) AS u(code, patterns) CROSS JOIN LATERAL (SELECT string_to_array(u.patterns, ' ') AS likes) l`;
  const day = new Date(`${asOf}T00:00:00Z`);
  const yearStart = new Date(`${asOf.slice(0, 4)}-01-01T00:00:00Z`);
  const [summary, grades, others] = await Promise.all([
    sumSummary(prisma, keys, summaryRanges(asOf)),
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
    const sums = summary.get(code);
    const sum = (figure: string): bigint => sums?.get(figure) ?? 0n;
    // Enrolments in force that day: started, not yet ended, not suspended; programmes with none are not listed.
    const enrolled: EnrolmentAggregate[] = PROGRAMMES.filter((programme) => sum(`ENROLMENTS/${programme}`) !== 0n).map((programme) => ({
      programme,
      enrolments: Number(sum(`ENROLMENTS/${programme}`)),
      persons: Number(sum(`PERSONS/${programme}`)),
      monthlyFen: sum(`MONTHLY/${programme}`),
    }));
    // A programme is listed when it has payments in the compared periods, as the scan it replaces listed them.
    const spent: SpendingAggregate[] = PROGRAMMES.filter((programme) => sum(`PAYMENTS/${programme}`) > 0n)
      .map((programme) => ({ programme, monthFen: sum(`MONTH/${programme}`), yearToDateFen: sum(`YTD/${programme}`), sameTimeLastYearFen: sum(`LAST_YEAR/${programme}`) }))
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
      medicalAssistanceClaims: Number(sum('MEDICAL_CLAIMS')),
      medicalAssistanceAmount: sum('MEDICAL_FEN'),
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

