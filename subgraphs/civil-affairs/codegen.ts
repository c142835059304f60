import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/civil-affairs.graphql',
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
          CivilAffairsStatistics: '../data/models#RegionStatistics',
          Household: '../data/models#HouseholdRef',
          Person: '../data/models#PersonRef',
          AssistanceEnrolment: '../data/models#EnrolmentRow',
          DisabilityRecord: '../data/models#DisabilityRow',
          DeathRecord: '../data/models#DeathRow',
          AssistanceStandard: '../data/models#StandardRow',
          AssistancePayment: '../data/models#PaymentRow',
          AssistancePaymentConnection: '../data/models#PaymentPage',
          AssistanceEnrolmentConnection: '../data/models#EnrolmentPage',
          DibaoApplicationConnection: '../data/models#ApplicationPage',
          PayrollRun: '../data/models#PayrollRunResult',
          DibaoApplication: '../data/models#ApplicationRow',
          ApplicationStep: '../data/models#StepRow',
          ConflictOfInterest: '../data/models#ApplicationRow',
          ConflictFiling: '../data/models#FilingRow',
          ReliefOfficer: '../data/models#OfficerRow',
          OfficerRelative: '../data/models#OfficerRelativeRow',
          MedicalAssistanceClaim: '../data/models#MedicalRow',
          TemporaryAssistanceGrant: '../data/models#TemporaryRow',
          CareInstitution: '../data/models#InstitutionRow',
          CareResidence: '../data/models#ResidenceRow',
          SpecialCareRecipient: '../data/models#SpecialCareRow',
          GloryPlaque: '../data/models#PlaqueRow',
          Condolence: '../data/models#CondolenceRow',
          HouseRebuilding: '../data/models#RebuildingRow',
        },
      },
    },
  },
};

export default config;
