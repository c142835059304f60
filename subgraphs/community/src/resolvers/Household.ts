import type { HouseholdConnectionResolvers, HouseholdMemberResolvers, HouseholdResolvers } from '../generated/resolvers-types';
import { toIsoDate } from '@hub/scalars';
import type { CadreRow } from '../data/models';
import { isSupervisionActive } from '../domain/supervision';

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
  memberHistory: (household, _args, { loaders }) => loaders.membershipsByHouseholdId.load(household.id),
  honours: (household, _args, { loaders }) => loaders.honoursByHouseholdId.load(household.id),
  cadreRelations: async (household, _args, { loaders }) => {
    const members = await loaders.currentMembersByHouseholdId.load(household.id);
    return (await loaders.servingCadreRelationsByPersonId.loadMany(members.map((m) => m.personId))).flatMap((r) => (r instanceof Error ? [] : r));
  },
  hasCadreNearRelative: async (household, _args, { loaders }) => {
    const ids = (await loaders.currentMembersByHouseholdId.load(household.id)).map((m) => m.personId);
    const [relations, terms] = await Promise.all([loaders.servingCadreRelationsByPersonId.loadMany(ids), loaders.cadresByPersonId.loadMany(ids)]);
    for (const result of [...relations, ...terms]) if (result instanceof Error) throw result;
    const serving = (terms as CadreRow[][]).flat().some((c) => isSupervisionActive({ startDate: toIsoDate(c.startDate), endDate: c.endDate ? toIsoDate(c.endDate) : null }, loaders.today));
    return serving || (relations as unknown[][]).some((r) => r.length > 0);
  },
};

export const HouseholdMember: HouseholdMemberResolvers = {
  person: async (membership, _args, { loaders }) => (await loaders.personById.load(membership.personId))!,
  since: (membership) => toIsoDate(membership.startDate),
  until: (membership) => (membership.endDate ? toIsoDate(membership.endDate) : null),
  endReason: (membership) => membership.endReason ?? null,
};

export const HouseholdConnection: HouseholdConnectionResolvers = {
  totalCount: (page, _args, { db }) => db.prisma.household.count({ where: { regionCode: { startsWith: page.regionCode } } }),
};
