import { domainError, type DomainError } from './errors';

export type ResidentTagKind = 'ELDERLY_LIVING_ALONE' | 'LEFT_BEHIND_CHILD' | 'DISABLED';

/** Age from which a resident living alone counts as elderly (老年人, 60 周岁). */
export const ELDERLY_AGE = 60;
/** Age under which a child can be a left-behind child (留守儿童, 不满 16 周岁). */
export const CHILD_AGE_LIMIT = 16;

/** Whether a tag fits the person: an elderly resident living alone is 60+ in a one-person household; a left-behind child is under 16. */
export function checkResidentTag(kind: ResidentTagKind, age: number, householdSize: number): DomainError[] {
  if (kind === 'ELDERLY_LIVING_ALONE') {
    const errors: DomainError[] = [];
    if (age < ELDERLY_AGE) errors.push(domainError(['input', 'kind'], 'RULE_VIOLATION', `an elderly resident is at least ${ELDERLY_AGE}, this person is ${age}`));
    if (householdSize !== 1) errors.push(domainError(['input', 'kind'], 'RULE_VIOLATION', `living alone means a one-person household, this one has ${householdSize}`));
    return errors;
  }
  if (kind === 'LEFT_BEHIND_CHILD' && age >= CHILD_AGE_LIMIT) {
    return [domainError(['input', 'kind'], 'RULE_VIOLATION', `a left-behind child is under ${CHILD_AGE_LIMIT}, this person is ${age}`)];
  }
  return [];
}
