import type { HouseholdResolvers, ZeroEmploymentEpisodeResolvers } from '../generated/resolvers-types';
import { visibleHousehold } from './access';

// Every field answers null for a household the caller may not see (by its members' labour-force records): fields
// are reached through __resolveReference and directly from AssistanceVisit.household alike.
export const Household: HouseholdResolvers = {
  __resolveReference: async (reference, context) => ((await visibleHousehold(context, reference.id)) ? reference : null),
  zeroEmploymentFamily: async ({ id }, _args, context) => {
    if (!(await visibleHousehold(context, id))) return null;
    const episodes = await context.loaders.episodesByHouseholdId.load(id);
    const latest = episodes.at(-1);
    return { current: latest !== undefined && latest.resolvedOn === null, arose: latest?.aroseOn ?? null, resolved: latest?.resolvedOn ?? null };
  },
  zeroEmploymentEpisodes: async ({ id }, _args, context) => ((await visibleHousehold(context, id)) ? context.loaders.episodesByHouseholdId.load(id) : null),
  assistanceVisits: async ({ id }, _args, context) => {
    if (!(await visibleHousehold(context, id))) return null;
    const visits = await context.loaders.visitsByHouseholdId.load(id);
    return visits.length > 0 ? visits : null;
  },
};

export const ZeroEmploymentEpisode: ZeroEmploymentEpisodeResolvers = {
  arose: (episode) => episode.aroseOn,
  resolved: (episode) => episode.resolvedOn,
};
