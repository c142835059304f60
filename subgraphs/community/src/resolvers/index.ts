import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { Household, HouseholdConnection, HouseholdMember } from './Household';
import { Person } from './Person';
import { Query } from './Query';
import { Grid, Region } from './Region';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query,
  Region,
  Grid,
  Household,
  HouseholdMember,
  HouseholdConnection,
  Person,
};
