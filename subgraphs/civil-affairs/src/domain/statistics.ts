import { divideRoundHalfUp } from './money';

/** Change on a previous figure in percent with two places, e.g. 56.87 for 比去年同期增长56.87%; null without a base. */
export function changePercent(current: bigint, previous: bigint): number | null {
  if (previous === 0n) return null;
  return Number(divideRoundHalfUp((current - previous) * 10_000n, previous)) / 100;
}

/** Cremation rate (火化率) in percent with one place; null when nobody died. */
export function cremationRate(cremated: number, deaths: number): number | null {
  if (deaths === 0) return null;
  return Number(divideRoundHalfUp(BigInt(cremated) * 1000n, BigInt(deaths))) / 10;
}

/** Average monthly subsidy per person (人均补差), rounded to the fen; null when nobody is covered. */
export function averagePerPerson(totalMonthlyFen: bigint, persons: number): bigint | null {
  return persons === 0 ? null : divideRoundHalfUp(totalMonthlyFen, BigInt(persons));
}

/** The months compared: this month, this year to date and the same months of last year (YYYY-MM). */
export function comparisonPeriods(asOf: string): { month: string; yearStart: string; lastYearStart: string; lastYearMonth: string } {
  const year = Number(asOf.slice(0, 4));
  const month = asOf.slice(5, 7);
  return { month: `${year}-${month}`, yearStart: `${year}-01`, lastYearStart: `${year - 1}-01`, lastYearMonth: `${year - 1}-${month}` };
}

export interface EnrolmentAggregate {
  programme: string;
  enrolments: number;
  persons: number;
  monthlyFen: bigint;
}

export interface SpendingAggregate {
  programme: string;
  monthFen: bigint;
  yearToDateFen: bigint;
  sameTimeLastYearFen: bigint;
}

export interface ProgrammeSpending extends SpendingAggregate {
  changePercent: number | null;
}

export interface DibaoFigures {
  urbanHouseholds: number;
  ruralHouseholds: number;
  urbanPersons: number;
  ruralPersons: number;
  averageMonthlySubsidyPerPersonFen: bigint | null;
}

/** Dibao households and persons by urban/rural, and the average subsidy per person, from enrolments in force. */
export function dibaoFigures(rows: readonly EnrolmentAggregate[]): DibaoFigures {
  const urban = rows.find((r) => r.programme === 'URBAN_DIBAO');
  const rural = rows.find((r) => r.programme === 'RURAL_DIBAO');
  const persons = (urban?.persons ?? 0) + (rural?.persons ?? 0);
  return {
    urbanHouseholds: urban?.enrolments ?? 0,
    ruralHouseholds: rural?.enrolments ?? 0,
    urbanPersons: urban?.persons ?? 0,
    ruralPersons: rural?.persons ?? 0,
    averageMonthlySubsidyPerPersonFen: averagePerPerson((urban?.monthlyFen ?? 0n) + (rural?.monthlyFen ?? 0n), persons),
  };
}

/** Spending per programme with its change on last year, plus the total over programmes. */
export function spendingFigures(rows: readonly SpendingAggregate[]): { byProgramme: ProgrammeSpending[]; total: ProgrammeSpending } {
  const byProgramme = rows.map((r) => ({ ...r, changePercent: changePercent(r.yearToDateFen, r.sameTimeLastYearFen) }));
  const sum = (pick: (r: SpendingAggregate) => bigint) => rows.reduce((total, r) => total + pick(r), 0n);
  const yearToDateFen = sum((r) => r.yearToDateFen);
  const sameTimeLastYearFen = sum((r) => r.sameTimeLastYearFen);
  return {
    byProgramme,
    total: { programme: 'ALL', monthFen: sum((r) => r.monthFen), yearToDateFen, sameTimeLastYearFen, changePercent: changePercent(yearToDateFen, sameTimeLastYearFen) },
  };
}
