import type { HouseholdResolvers, ZeroEmploymentEpisodeResolvers } from '../generated/resolvers-types';
import { visibleHousehold } from './access';
import type { Context } from '../context';

/**
 * Every field answers null for a household the caller may not see (judged by its members' labour-force records):
 * fields are reached through __resolveReference and directly from AssistanceVisit.household alike. The check runs
 * beside the field's own load, so every load is issued at once and batches the same way however the answers arrive.
 */
async function ifVisible<T>(id: string, context: Context, load: (id: string) => Promise<T>): Promise<T | null> {
  const [visible, value] = await Promise.all([visibleHousehold(context, id), load(id)]);
  return visible ? value : null;
}

export const Household: HouseholdResolvers = {
  __resolveReference: async (reference, context) => ((await visibleHousehold(context, reference.id)) ? reference : null),
  zeroEmploymentFamily: async ({ id }, _args, context) => {
    const episodes = await ifVisible(id, context, (key) => context.loaders.episodesByHouseholdId.load(key));
    if (!episodes) return null;
    const latest = episodes.at(-1);
    return { current: latest !== undefined && latest.resolvedOn === null, arose: latest?.aroseOn ?? null, resolved: latest?.resolvedOn ?? null };
  },
  zeroEmploymentEpisodes: ({ id }, _args, context) => ifVisible(id, context, (key) => context.loaders.episodesByHouseholdId.load(key)),
  assistanceVisits: async ({ id }, _args, context) => {
    const visits = await ifVisible(id, context, (key) => context.loaders.visitsByHouseholdId.load(key));
    return visits && visits.length > 0 ? visits : null;
  },
};

export const ZeroEmploymentEpisode: ZeroEmploymentEpisodeResolvers = {
  arose: (episode) => episode.aroseOn,
  resolved: (episode) => episode.resolvedOn,
};
