import type { HouseholdResolvers, ZeroEmploymentEpisodeResolvers } from '../generated/resolvers-types';

export const Household: HouseholdResolvers = {
  __resolveReference: (reference) => reference,
  zeroEmploymentFamily: async ({ id }, _args, { loaders }) => {
    const [members, episodes] = await Promise.all([loaders.membersByHouseholdId.load(id), loaders.episodesByHouseholdId.load(id)]);
    if (members.length === 0 && episodes.length === 0) return null;
    const latest = episodes.at(-1);
    return { current: latest !== undefined && latest.resolvedOn === null, arose: latest?.aroseOn ?? null, resolved: latest?.resolvedOn ?? null };
  },
  zeroEmploymentEpisodes: async ({ id }, _args, { loaders }) => {
    const [members, episodes] = await Promise.all([loaders.membersByHouseholdId.load(id), loaders.episodesByHouseholdId.load(id)]);
    return members.length === 0 && episodes.length === 0 ? null : episodes;
  },
  assistanceVisits: async ({ id }, _args, { loaders }) => {
    const visits = await loaders.visitsByHouseholdId.load(id);
    return visits.length > 0 ? visits : null;
  },
};

export const ZeroEmploymentEpisode: ZeroEmploymentEpisodeResolvers = {
  arose: (episode) => episode.aroseOn,
  resolved: (episode) => episode.resolvedOn,
};
