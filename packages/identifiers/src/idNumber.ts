/** Citizen ID numbers (公民身份号码) after GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence, check character. */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type IdNumberProblem = 'LENGTH' | 'CHARACTERS' | 'BIRTH_DATE' | 'CHECK_DIGIT';

export type IdNumberCheck =
  | { valid: true; normalized: string; birthDate: string; gender: 'MALE' | 'FEMALE'; regionCode: string }
  | { valid: false; problem: IdNumberProblem; message: string };

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Validates an ID number; `today` bounds the birth date (no one is born in the future or before 1900). */
export function checkIdNumber(input: string, today: Date = new Date()): IdNumberCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { valid: false, problem: 'LENGTH', message: `an ID number has 18 characters, this one has ${value.length}` };
  if (!/^\d{17}[\dX]$/.test(value)) {
    return { valid: false, problem: 'CHARACTERS', message: 'an ID number is 17 digits followed by a digit or X' };
  }
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = Date.UTC(year, month - 1, day);
  if (year < 1900 || !isRealDate(year, month, day) || birth > today.getTime()) {
    return { valid: false, problem: 'BIRTH_DATE', message: `the birth date ${value.slice(6, 14)} in the ID number is not a real past date` };
  }
  if (checkCharacter(value.slice(0, 17)) !== value[17]) {
    return { valid: false, problem: 'CHECK_DIGIT', message: 'the check character of the ID number does not match (GB 11643-1999)' };
  }
  return {
    valid: true,
    normalized: value,
    birthDate: `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`,
    gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    regionCode: value.slice(0, 6),
  };
}

/** Builds a valid ID number from its parts; used by the demo-data generator. */
export function composeIdNumber(regionCode: string, birthDate: string, sequence: number, gender: 'MALE' | 'FEMALE'): string {
  // The last sequence digit is odd for men and even for women: flip its lowest bit to match.
  let seq = Math.abs(Math.trunc(sequence)) % 1000;
  if ((seq % 2 === 1) !== (gender === 'MALE')) seq ^= 1;
  const first17 = `${regionCode.slice(0, 6)}${birthDate.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** 110101********1234: region kept, birth date and sequence hidden. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '*'.repeat(idNumber.length);
}

/** 138****5678 for an 11-digit mobile number. */
export function maskPhone(phone: string): string {
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '*'.repeat(phone.length);
}
