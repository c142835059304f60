import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { AssistanceEnrolment, DisabilityRecord } from './Enrolment';
import { Household } from './Household';
import { Person } from './Person';
import { Query } from './Query';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Household,
  Person,
  AssistanceEnrolment,
  DisabilityRecord,
};
