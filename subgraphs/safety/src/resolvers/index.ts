import { scalarResolvers } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import { CorrectiveAction, Drill, EmergencyPlan, EmergencyPlanVersion, Review } from './Emergency';
import { Hazard, HazardConnection } from './Hazard';
import { HighRiskGroup, HighRiskMember, HighRiskMemberConnection } from './HighRisk';
import { InjuryRecord, InjuryRecordConnection } from './Injury';
import { Mutation } from './Mutation';
import { Household, Person } from './Person';
import { Programme, ProgrammePhase, WorkingGroup, WorkingGroupMember } from './Programme';
import { InterventionProject, ProjectActivity, ProjectIndicator } from './Project';
import { Query } from './Query';
import { DateScalar } from './scalars';
import { InjuryStatistics, InjuryStatisticsGroup, Region } from './Region';

export const resolvers: Resolvers = {
  Date: DateScalar,
  DateTime: scalarResolvers.DateTime,
  Query,
  Mutation,
  Region,
  Person,
  Household,
  InjuryRecord,
  InjuryRecordConnection,
  InjuryStatistics,
  InjuryStatisticsGroup,
  Programme,
  ProgrammePhase,
  WorkingGroup,
  WorkingGroupMember,
  Hazard,
  HazardConnection,
  HighRiskGroup,
  HighRiskMember,
  HighRiskMemberConnection,
  InterventionProject,
  ProjectIndicator,
  ProjectActivity,
  EmergencyPlan,
  EmergencyPlanVersion,
  Drill,
  CorrectiveAction,
  Review,
};
