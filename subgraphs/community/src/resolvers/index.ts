import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { Household, HouseholdConnection, HouseholdMember } from './Household';
import { Person } from './Person';
import { Query } from './Query';
import { Grid, Region } from './Region';
import { governanceResolvers } from './Governance';
import { GovernanceQuery } from './GovernanceQuery';
import { AccessAuditQuery } from './AccessAudit';
import { householdMutations } from './mutations/households';
import { registerMutations } from './mutations/registers';
import { disputeMutations } from './mutations/disputes';
import { organisationMutations } from './mutations/organisations';
import { correctionMutations } from './mutations/corrections';

export const resolvers: Resolvers = {
  ...scalarResolvers,
  Query: { ...Query, ...GovernanceQuery, ...AccessAuditQuery },
  Mutation: { ...householdMutations, ...registerMutations, ...disputeMutations, ...organisationMutations, ...correctionMutations },
  Region,
  Grid,
  Household,
  HouseholdMember,
  HouseholdConnection,
  Person,
  ...governanceResolvers,
};
