import { ageOn, daysBetween } from './dates';
import { retirementAge, type Gender } from './labourForce';

export type DifficultyCategory = 'ZERO_EMPLOYMENT_FAMILY' | 'DISABLED' | 'DIBAO_FAMILY' | 'AGE_40_50' | 'LONG_TERM_UNEMPLOYED' | 'LAND_LOST_FARMER' | 'OTHER';

/** Categories only the office can state; every other one is derived from records when read. */
export const STATED_CATEGORIES: readonly DifficultyCategory[] = ['LAND_LOST_FARMER', 'OTHER'];

/** Order in which categories are listed (the seed's and the domain map's order). */
const ORDER: readonly DifficultyCategory[] = ['ZERO_EMPLOYMENT_FAMILY', 'DISABLED', 'DIBAO_FAMILY', 'AGE_40_50', 'LONG_TERM_UNEMPLOYED', 'LAND_LOST_FARMER', 'OTHER'];

/** A year of continuous registered unemployment makes a person long-term unemployed (长期失业). */
export const LONG_TERM_UNEMPLOYMENT_DAYS = 365;

export interface DifficultyFacts {
  /** Day the categories are read for. */
  day: string;
  birthDate: string | null;
  gender: Gender | null;
  statedCategories: readonly DifficultyCategory[];
  /** The person's household is a zero-employment family today (employment's own record). */
  zeroEmploymentFamily: boolean;
  /** Start of the current registered-unemployment status, if the person is registered unemployed. */
  registeredUnemployedSince: string | null;
  /** Civil affairs' disability grade (1–4), read through federation; null or undefined when none. */
  disabilityGrade: number | null | undefined;
  /** Civil affairs' dibao fact for the person's household, read through federation. */
  receivesDibao: boolean | null | undefined;
}

/** 4050 人员: women aged 40 or more, men aged 50 or more. */
export function isAge4050(birthDate: string, gender: Gender, day: string): boolean {
  // 4050人员: women from 40, men from 50, until they reach retirement age (then they are retirees, not job seekers).
  const age = ageOn(birthDate, day);
  return age >= (gender === 'FEMALE' ? 40 : 50) && age < retirementAge(gender);
}

/** The categories that apply on a day: stated ones plus those derived from records, including civil affairs' facts. */
export function difficultyCategories(facts: DifficultyFacts): DifficultyCategory[] {
  const found = new Set<DifficultyCategory>(facts.statedCategories.filter((c) => STATED_CATEGORIES.includes(c)));
  if (facts.zeroEmploymentFamily) found.add('ZERO_EMPLOYMENT_FAMILY');
  if (facts.disabilityGrade !== null && facts.disabilityGrade !== undefined) found.add('DISABLED');
  if (facts.receivesDibao === true) found.add('DIBAO_FAMILY');
  if (facts.birthDate && facts.gender && isAge4050(facts.birthDate, facts.gender, facts.day)) found.add('AGE_40_50');
  if (facts.registeredUnemployedSince && daysBetween(facts.registeredUnemployedSince, facts.day) >= LONG_TERM_UNEMPLOYMENT_DAYS) found.add('LONG_TERM_UNEMPLOYED');
  return ORDER.filter((c) => found.has(c));
}
