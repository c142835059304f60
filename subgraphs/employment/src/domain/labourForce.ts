import { addDays, ageOn, birthdayAt } from './dates';

export type Gender = 'MALE' | 'FEMALE';
export type EmploymentStatus =
  | 'EMPLOYED'
  | 'FLEXIBLY_EMPLOYED'
  | 'REGISTERED_UNEMPLOYED'
  | 'UNEMPLOYED'
  | 'RETIRED'
  | 'STUDENT'
  | 'UNABLE_TO_WORK'
  | 'NOT_IN_LABOUR_FORCE';

/** Working age (劳动年龄) starts at 16 for everyone. */
export const WORKING_AGE_FROM = 16;

/** Statutory retirement age as the labour statistics count it: men 60, women 55 (法定退休年龄). */
export function retirementAge(gender: Gender): number {
  return gender === 'MALE' ? 60 : 55;
}

export function isOfWorkingAge(birthDate: string, gender: Gender, day: string): boolean {
  const age = ageOn(birthDate, day);
  return age >= WORKING_AGE_FROM && age < retirementAge(gender);
}

export const EMPLOYED_STATUSES: readonly EmploymentStatus[] = ['EMPLOYED', 'FLEXIBLY_EMPLOYED'];
export const UNEMPLOYED_STATUSES: readonly EmploymentStatus[] = ['REGISTERED_UNEMPLOYED', 'UNEMPLOYED'];

export const isEmployed = (status: EmploymentStatus | null): boolean => status !== null && EMPLOYED_STATUSES.includes(status);
export const isUnemployed = (status: EmploymentStatus | null): boolean => status !== null && UNEMPLOYED_STATUSES.includes(status);

/** What the zero-employment rule needs to know of one household member on one day. */
export interface MemberOnDay {
  birthDate: string;
  gender: Gender;
  /** The member's status that day; null when none is recorded. */
  status: EmploymentStatus | null;
}

/**
 * A member the rule counts: of working age, able to work and in the labour force. Members unable to work are
 * excluded, and so are students, early retirees and homemakers: they are not looking for work (无就业意愿).
 */
export function countsForZeroEmployment(member: MemberOnDay, day: string): boolean {
  return isOfWorkingAge(member.birthDate, member.gender, day) && (isEmployed(member.status) || isUnemployed(member.status));
}

/**
 * Zero-employment family (零就业家庭): at least one member counts, and every member who counts is unemployed.
 */
export function isZeroEmploymentFamily(members: readonly MemberOnDay[], day: string): boolean {
  const counted = members.filter((m) => countsForZeroEmployment(m, day));
  return counted.length > 0 && counted.every((m) => isUnemployed(m.status));
}

/** One period of a member's history; `until` is the last day, null while current. */
export interface StatusPeriod {
  status: EmploymentStatus;
  since: string;
  until: string | null;
}

export interface MemberHistory {
  birthDate: string;
  gender: Gender;
  periods: readonly StatusPeriod[];
}

export function statusOn(periods: readonly StatusPeriod[], day: string): EmploymentStatus | null {
  const period = periods.find((p) => p.since <= day && (p.until === null || day <= p.until));
  return period?.status ?? null;
}

export interface Episode {
  arose: string;
  resolved: string | null;
}

/**
 * The zero-employment episodes a household's histories imply up to `through`: the rule is evaluated on every day
 * something can change (a period starts or ends, a member turns 16 or reaches retirement age).
 */
export function zeroEmploymentEpisodes(members: readonly MemberHistory[], through: string): Episode[] {
  const days = new Set<string>();
  for (const m of members) {
    days.add(birthdayAt(m.birthDate, WORKING_AGE_FROM));
    days.add(birthdayAt(m.birthDate, retirementAge(m.gender)));
    for (const p of m.periods) {
      days.add(p.since);
      if (p.until !== null) days.add(addDays(p.until, 1));
    }
  }
  const episodes: Episode[] = [];
  let open: Episode | null = null;
  for (const day of [...days].filter((d) => d <= through).sort()) {
    const zero = isZeroEmploymentFamily(
      members.map((m) => ({ birthDate: m.birthDate, gender: m.gender, status: statusOn(m.periods, day) })),
      day,
    );
    if (zero && !open) {
      open = { arose: day, resolved: null };
      episodes.push(open);
    } else if (!zero && open) {
      open.resolved = day;
      open = null;
    }
  }
  return episodes;
}

/** What to record when a household is re-evaluated on `day`: a new episode, the open one resolved, or nothing. */
export type EpisodeChange = { kind: 'ARISE'; day: string } | { kind: 'RESOLVE'; day: string } | null;

export function episodeChange(hasOpenEpisode: boolean, isZeroNow: boolean, day: string): EpisodeChange {
  if (isZeroNow && !hasOpenEpisode) return { kind: 'ARISE', day };
  if (!isZeroNow && hasOpenEpisode) return { kind: 'RESOLVE', day };
  return null;
}
