import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/community.graphql',
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
          Region: '../data/models#RegionRow',
          Grid: '../data/models#GridRow',
          Household: '../data/models#HouseholdRow',
          Person: '../data/models#PersonRow',
          HouseholdMember: '../data/models#MembershipRow',
          HouseholdConnection: '../data/models#HouseholdPage',
          ResidentTag: '../data/models#ResidentTagRow',
          HouseholdHonour: '../data/models#HouseholdHonourRow',
          FloatingRegistration: '../data/models#FloatingRegistrationRow',
          SupervisionFile: '../data/models#SupervisionFileRow',
          SupervisionVisit: '../data/models#SupervisionVisitRecord',
          Dispute: '../data/models#DisputeRow',
          DisputeParty: '../data/models#DisputePartyRow',
          MediationSession: '../data/models#MediationSessionRow',
          PetitionVisit: '../data/models#PetitionVisitRow',
          GovernanceOrganisation: '../data/models#GovernanceOrganisationRow',
          OrganisationMember: '../data/models#OrganisationMemberRow',
          PatrolLog: '../data/models#PatrolLogRow',
          CommunityVolunteer: '../data/models#VolunteerRow',
          Cadre: '../data/models#CadreRow',
          CadreRelation: '../data/models#CadreRelativeRow',
          WorkAdmission: '../data/models#WorkAdmissionRow',
          CommunityStatistics: '../data/models#CommunityStatisticsRow',
          AccessAuditEntry: '../data/models#AccessAuditEntryRow',
          DisputeConnection: '../data/models#Page<DisputeRow>',
          PetitionVisitConnection: '../data/models#Page<PetitionVisitRow>',
          SupervisionFileConnection: '../data/models#Page<SupervisionFileRow>',
          FloatingRegistrationConnection: '../data/models#Page<FloatingRegistrationRow>',
          PatrolLogConnection: '../data/models#Page<PatrolLogRow>',
          WorkAdmissionConnection: '../data/models#Page<WorkAdmissionRow>',
        },
      },
    },
  },
};

export default config;
