import { addDays } from './dates';
import { domainError, type DomainError } from './errors';

export type Relation = 'HEAD' | 'SPOUSE' | 'CHILD' | 'PARENT' | 'GRANDCHILD' | 'SIBLING' | 'OTHER';
export type EndReason = 'LEFT' | 'MOVED' | 'DECEASED' | 'RELATION_CHANGED';

export interface CurrentMember {
  membershipId: string;
  personId: string;
  relation: Relation;
  /** YYYY-MM-DD */
  startDate: string;
}

/** What to write: memberships to close (last day `endDate`) and memberships to open from `startDate`. */
export interface MembershipPlan {
  end: { membershipId: string; endDate: string; reason: EndReason }[];
  start: { personId: string; relation: Relation; startDate: string }[];
}

export type MembershipChange =
  | { kind: 'JOIN'; personId: string; relation: Relation }
  | { kind: 'LEAVE'; personId: string; reason: 'LEFT' | 'MOVED' | 'DECEASED'; newHeadPersonId?: string | null }
  | { kind: 'CHANGE_HEAD'; newHeadPersonId: string; formerHeadRelation: Relation };

export type PlanResult = { ok: true; plan: MembershipPlan } | { ok: false; errors: DomainError[] };

const fail = (...errors: DomainError[]): PlanResult => ({ ok: false, errors });

/**
 * Plans a change to one household's current members (户籍成员变动) effective on `date`: closed memberships
 * end the day before, new ones start on it. Afterwards the household has exactly one head, or no members
 * at all: the head leaves only when another member is named head (domain.md), and a household's first
 * member is its head.
 */
export function planMembershipChange(members: readonly CurrentMember[], change: MembershipChange, date: string): PlanResult {
  const plan: MembershipPlan = { end: [], start: [] };
  const lastDay = addDays(date, -1);
  const byPerson = new Map(members.map((m) => [m.personId, m]));
  const head = members.find((m) => m.relation === 'HEAD');
  const close = (member: CurrentMember, reason: EndReason): DomainError | null => {
    if (member.startDate > lastDay) return domainError(['input', 'effectiveDate'], 'INVALID', `must be after ${member.startDate}, when the current membership began`);
    plan.end.push({ membershipId: member.membershipId, endDate: lastDay, reason });
    return null;
  };

  if (change.kind === 'JOIN') {
    if (byPerson.has(change.personId)) return fail(domainError(['input', 'personId'], 'DUPLICATE', 'the person is already a member of this household'));
    if (members.length === 0 && change.relation !== 'HEAD') return fail(domainError(['input', 'relation'], 'RULE_VIOLATION', 'the first member of a household is its head'));
    if (members.length > 0 && change.relation === 'HEAD') return fail(domainError(['input', 'relation'], 'RULE_VIOLATION', 'the household has a head: change the head instead'));
    plan.start.push({ personId: change.personId, relation: change.relation, startDate: date });
  } else if (change.kind === 'LEAVE') {
    const leaver = byPerson.get(change.personId);
    if (!leaver) return fail(domainError(['input', 'personId'], 'NOT_FOUND', 'the person is not a current member of this household'));
    const others = members.filter((m) => m.personId !== change.personId);
    const newHeadId = change.newHeadPersonId ?? null;
    if (leaver.relation !== 'HEAD' && newHeadId) return fail(domainError(['input', 'newHeadPersonId'], 'INVALID', 'a new head is named only when the head leaves'));
    const error = close(leaver, change.reason);
    if (error) return fail(error);
    if (leaver.relation === 'HEAD' && others.length > 0) {
      if (!newHeadId) return fail(domainError(['input', 'newHeadPersonId'], 'REQUIRED', 'the head is leaving: name another member as head'));
      const successor = byPerson.get(newHeadId);
      if (!successor || successor.personId === leaver.personId) return fail(domainError(['input', 'newHeadPersonId'], 'INVALID', 'the new head must be another current member'));
      const closeError = close(successor, 'RELATION_CHANGED');
      if (closeError) return fail(closeError);
      plan.start.push({ personId: successor.personId, relation: 'HEAD', startDate: date });
    }
  } else {
    if (!head) return fail(domainError(['input', 'householdId'], 'RULE_VIOLATION', 'the household has no current head'));
    const successor = byPerson.get(change.newHeadPersonId);
    if (!successor) return fail(domainError(['input', 'newHeadPersonId'], 'NOT_FOUND', 'the new head must be a current member'));
    if (successor.relation === 'HEAD') return fail(domainError(['input', 'newHeadPersonId'], 'INVALID', 'the person is already the head'));
    if (change.formerHeadRelation === 'HEAD') return fail(domainError(['input', 'formerHeadRelation'], 'INVALID', 'the former head takes another relation'));
    for (const member of [head, successor]) {
      const error = close(member, 'RELATION_CHANGED');
      if (error) return fail(error);
    }
    plan.start.push({ personId: successor.personId, relation: 'HEAD', startDate: date }, { personId: head.personId, relation: change.formerHeadRelation, startDate: date });
  }

  const after = membersAfter(members, plan);
  const heads = after.filter((m) => m.relation === 'HEAD').length;
  if (after.length > 0 && heads !== 1) return fail(domainError(['input'], 'RULE_VIOLATION', `a household has exactly one head, this change leaves ${heads}`));
  return { ok: true, plan };
}

/** The current members once a plan is applied (for the invariant check and for tests). */
export function membersAfter(members: readonly CurrentMember[], plan: MembershipPlan): { personId: string; relation: Relation }[] {
  const ended = new Set(plan.end.map((e) => e.membershipId));
  return [...members.filter((m) => !ended.has(m.membershipId)), ...plan.start];
}
