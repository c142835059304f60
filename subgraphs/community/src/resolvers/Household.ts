import type { HouseholdConnectionResolvers, HouseholdMemberResolvers, HouseholdResolvers } from '../generated/resolvers-types';
import { toIsoDate } from '@hub/scalars';

export const Household: HouseholdResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.householdById.load(id),
  region: async (household, _args, { loaders }) => (await loaders.regionByCode.load(household.regionCode))!,
  grid: (household, _args, { loaders }) => (household.gridId ? loaders.gridById.load(household.gridId) : null),
  members: (household, _args, { loaders }) => loaders.currentMembersByHouseholdId.load(household.id),
  head: async (household, _args, { loaders }) => {
    const head = (await loaders.currentMembersByHouseholdId.load(household.id)).find((m) => m.relation === 'HEAD');
    return head ? loaders.personById.load(head.personId) : null;
  },
  size: async (household, _args, { loaders }) => (await loaders.currentMembersByHouseholdId.load(household.id)).length,
};

export const HouseholdMember: HouseholdMemberResolvers = {
  person: async (membership, _args, { loaders }) => (await loaders.personById.load(membership.personId))!,
  since: (membership) => toIsoDate(membership.startDate),
  until: (membership) => (membership.endDate ? toIsoDate(membership.endDate) : null),
};

export const HouseholdConnection: HouseholdConnectionResolvers = {
  totalCount: (page, _args, { db }) => db.prisma.household.count({ where: { regionCode: { startsWith: page.regionCode } } }),
};
