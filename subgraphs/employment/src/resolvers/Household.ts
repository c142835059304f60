import { toIsoDate } from '@hub/scalars';
import type { HouseholdResolvers, ZeroEmploymentFamilyResolvers } from '../generated/resolvers-types';

export const Household: HouseholdResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  zeroEmploymentFamily: async ({ id }, _args, { loaders }) => {
    const [members, episodes] = await Promise.all([loaders.membersByHouseholdId.load(id), loaders.episodesByHouseholdId.load(id)]);
    if (members.length === 0 && episodes.length === 0) return null;
    const latest = episodes.at(-1);
    return { current: latest !== undefined && latest.resolvedOn === null, arose: latest?.aroseOn ?? null, resolved: latest?.resolvedOn ?? null };
  },
};

export const ZeroEmploymentFamily: ZeroEmploymentFamilyResolvers = {
  arose: (view) => (view.arose ? toIsoDate(view.arose) : null),
  resolved: (view) => (view.resolved ? toIsoDate(view.resolved) : null),
};
