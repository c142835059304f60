import type { Programme } from './standards';

export const PERSONAL_PROGRAMMES: readonly Programme[] = ['TEKUN_DISPERSED', 'TEKUN_CENTRALISED', 'SEVERE_DISABILITY_SUBSIDY', 'MENTAL_DISABILITY_MEDICATION', 'ORPHAN_BASIC_LIVING'];

export interface PersonFacts {
  deceased: boolean;
  disability: { category: string; grade: number } | null;
  /** Programmes the person is enrolled in today (active or suspended). */
  currentProgrammes: readonly string[];
}

export interface Refusal {
  field: string;
  code: 'INVALID' | 'RULE_VIOLATION' | 'DUPLICATE';
  message: string;
}

/** Why a person cannot be enrolled in a personal programme, or null when they can. */
export function personalEnrolmentRefusal(programme: Programme, facts: PersonFacts): Refusal | null {
  if (!PERSONAL_PROGRAMMES.includes(programme)) {
    return { field: 'programme', code: 'INVALID', message: `${programme} is a household programme: enrol through a dibao application` };
  }
  if (facts.deceased) return { field: 'personId', code: 'RULE_VIOLATION', message: 'a death is recorded for this person' };
  if (facts.currentProgrammes.includes(programme)) return { field: 'programme', code: 'DUPLICATE', message: `the person is already enrolled in ${programme}` };
  if (programme.startsWith('TEKUN_') && facts.currentProgrammes.some((p) => p.startsWith('TEKUN_'))) {
    return { field: 'programme', code: 'RULE_VIOLATION', message: '特困 support is either dispersed or centralised: end the other enrolment first' };
  }
  if (programme === 'SEVERE_DISABILITY_SUBSIDY' && (!facts.disability || facts.disability.grade > 3)) {
    return { field: 'personId', code: 'RULE_VIOLATION', message: 'the severe-disability subsidy needs a disability certificate of grade 1, 2 or 3' };
  }
  if (programme === 'MENTAL_DISABILITY_MEDICATION' && facts.disability?.category !== 'MENTAL' && facts.disability?.category !== 'MULTIPLE') {
    return { field: 'personId', code: 'RULE_VIOLATION', message: 'the medication subsidy needs a mental (or multiple) disability certificate' };
  }
  return null;
}
