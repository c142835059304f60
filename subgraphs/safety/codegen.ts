import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/safety.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        scalars: { Money: 'bigint', Date: 'string', DateTime: 'Date | string' },
        mappers: {
          Region: '../data/models#RegionRef',
          Person: '../data/models#PersonRef',
          Household: '../data/models#HouseholdRef',
          InjuryRecord: '../data/models#InjuryRecordRow',
          InjuryRecordConnection: '../data/models#InjuryRecordPage',
          InjuryStatistics: '../data/models#InjuryStatisticsModel',
          InjuryStatisticsGroup: '../data/models#InjuryGroupModel',
          SafetyStatistics: '../data/models#SafetyStatisticsModel',
          Programme: '../data/models#ProgrammeRow',
          ProgrammePhase: '../data/models#ProgrammePhaseRow',
          WorkingGroup: '../data/models#WorkingGroupRow',
          WorkingGroupMember: '../data/models#WorkingGroupMemberRow',
          Hazard: '../data/models#HazardRow',
          HazardConnection: '../data/models#HazardPage',
          HighRiskGroup: '../data/models#HighRiskGroupRow',
          HighRiskMember: '../data/models#HighRiskMemberRow',
          HighRiskMemberConnection: '../data/models#HighRiskMemberPage',
          InterventionProject: '../data/models#InterventionProjectRow',
          ProjectIndicator: '../data/models#ProjectIndicatorRow',
          ProjectActivity: '../data/models#ProjectActivityRow',
          EmergencyPlan: '../data/models#EmergencyPlanRow',
          EmergencyPlanVersion: '../data/models#EmergencyPlanVersionRow',
          Drill: '../data/models#DrillRow',
          CorrectiveAction: '../data/models#CorrectiveActionRow',
          Review: '../data/models#ReviewRow',
        },
      },
    },
  },
};

export default config;
