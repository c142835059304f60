import type { MutationResolvers } from '../../generated/resolvers-types';
import { labourMutations } from './labour';
import { organisationMutations } from './organisations';
import { programmeMutations } from './programmes';

export const Mutation: MutationResolvers = { ...labourMutations, ...programmeMutations, ...organisationMutations };
