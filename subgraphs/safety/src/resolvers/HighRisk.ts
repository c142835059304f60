import { toIsoDate } from '@hub/scalars';
import type { HighRiskGroupResolvers, HighRiskMemberConnectionResolvers, HighRiskMemberResolvers } from '../generated/resolvers-types';
import { jurisdictionWhere } from '../data/jurisdiction';
import type { HighRiskMemberRow } from '../data/models';
import { todayIso } from '../domain/dates';
import { paginate } from './pagination';

/** An entry counts from its first day through its last day. */
export function isCurrent(member: Pick<HighRiskMemberRow, 'since' | 'until'>, today: string): boolean {
  return toIsoDate(member.since) <= today && (member.until === null || toIsoDate(member.until) >= today);
}

export const HighRiskGroup: HighRiskGroupResolvers = {
  currentCount: (group, _args, { loaders }) => loaders.highRiskCurrentCount.load(group.id),
  members: (group, args, { caller, db }) => {
    // A town's group spans several communities: only the entries inside the jurisdiction are listed.
    const where = { groupId: group.id, ...jurisdictionWhere(caller) };
    return paginate(
      args,
      // Current entries first (until IS NULL sorts first when descending), then by first day.
      (skip, take) => db.prisma.highRiskMember.findMany({ where, orderBy: [{ until: { sort: 'desc', nulls: 'first' } }, { since: 'asc' }, { id: 'asc' }], skip, take }),
      () => db.prisma.highRiskMember.count({ where }),
    );
  },
};

export const HighRiskMember: HighRiskMemberResolvers = {
  group: async (member, _args, { loaders }) => (await loaders.highRiskGroupById.load(member.groupId))!,
  person: (member) => (member.personId ? { id: member.personId } : null),
  household: (member) => (member.householdId ? { id: member.householdId } : null),
  region: (member) => ({ code: member.regionCode }),
  since: (member) => toIsoDate(member.since),
  until: (member) => (member.until ? toIsoDate(member.until) : null),
  current: (member) => isCurrent(member, todayIso()),
};

export const HighRiskMemberConnection: HighRiskMemberConnectionResolvers = {
  totalCount: (page) => page.count(),
};
