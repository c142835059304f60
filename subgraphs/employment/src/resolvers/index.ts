import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { Household, ZeroEmploymentFamily } from './Household';
import { EmploymentStatusPeriod, Person } from './Person';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Household,
  ZeroEmploymentFamily,
  Person,
  EmploymentStatusPeriod,
};
