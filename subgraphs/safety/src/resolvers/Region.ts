import type { RegionResolvers } from '../generated/resolvers-types';

export const Region: RegionResolvers = {
  __resolveReference: ({ code }) => ({ code }),
};
