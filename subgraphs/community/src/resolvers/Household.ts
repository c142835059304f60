import type { HouseholdConnectionResolvers, HouseholdMemberResolvers, HouseholdResolvers } from '../generated/resolvers-types';
import { toIsoDate } from '@hub/scalars';
import type { CadreRow } from '../data/models';
import { isSupervisionActive } from '../domain/supervision';
import { regionWhere, visibleRecord } from './access';
import { visibleCadreRelations } from './Person';

export const Household: HouseholdResolvers = {
  __resolveReference: async ({ id }, { caller, loaders }) => visibleRecord(caller, await loaders.householdById.load(id)),
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
  // Declarations by cadres of the caller's jurisdiction; hasCadreNearRelative below counts every community's cadres.
  cadreRelations: async (household, _args, context) => {
    const members = await context.loaders.currentMembersByHouseholdId.load(household.id);
    const relations = await context.loaders.servingCadreRelationsByPersonId.loadMany(members.map((m) => m.personId));
    for (const result of relations) if (result instanceof Error) throw result;
    return visibleCadreRelations(context, (relations as Awaited<ReturnType<typeof context.loaders.servingCadreRelationsByPersonId.load>>[]).flat());
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
  totalCount: (page, _args, { db }) => db.prisma.household.count({ where: regionWhere(page.prefixes) }),
};
