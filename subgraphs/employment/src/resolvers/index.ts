import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { Household, ZeroEmploymentEpisode } from './Household';
import { Mutation } from './mutations';
import { EmploymentStatusPeriod, Person } from './Person';
import { Query } from './Query';
import { records } from './Records';
import { EmploymentStatistics, EmploymentTargetProgress, Region } from './Region';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  ...records,
  Query,
  Mutation,
  Region,
  EmploymentStatistics,
  EmploymentTargetProgress,
  Household,
  ZeroEmploymentEpisode,
  Person,
  EmploymentStatusPeriod,
};
