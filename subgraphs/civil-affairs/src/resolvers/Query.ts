import type { QueryResolvers } from '../generated/resolvers-types';
import { isUuid } from './ids';

export const Query: QueryResolvers = {
  assistanceEnrolment: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.enrolmentById.load(id) : null),
};
