import type { CodegenConfig } from '@graphql-codegen/cli';

// Resolver types generated from this subgraph's SDL; object types map to the rows in src/data/models.ts.
const config: CodegenConfig = {
  overwrite: true,
  silent: true,
  schema: '../../schema/employment.graphql',
  generates: {
    'src/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        federation: true,
        useIndexSignature: true,
        enumsAsTypes: true,
        contextType: '../context#Context',
        // Date accepts Prisma's @db.Date values: the scalar serializes a JS Date as its UTC calendar day.
        scalars: { Money: 'bigint', Date: 'Date | string', DateTime: 'Date | string' },
        mappers: {
          Region: '../data/models#RegionRef',
          Household: '../data/models#HouseholdRef',
          Person: '../data/models#PersonRef',
          EmploymentStatusPeriod: '../data/models#StatusPeriodRow',
          ZeroEmploymentFamily: '../data/models#ZeroEmploymentView',
          ZeroEmploymentEpisode: '../data/models#EpisodeRow',
          EmploymentTargetProgress: '../data/models#TargetProgressView',
          EmploymentStatistics: '../data/statistics#RegionStatistics',
          EmploymentRegistration: '../data/models#RegistrationRow',
          EmploymentDifficulty: '../data/models#DifficultyView',
          DifficultyCertification: '../data/models#CertificationRow',
          AssistanceVisit: '../data/models#VisitRow',
          Placement: '../data/models#PlacementRow',
          FlexibleEmploymentSubsidy: '../data/models#SubsidyRow',
          TrainingCourse: '../data/models#CourseRow',
          TrainingEnrolment: '../data/models#TrainingEnrolmentRow',
          JobFair: '../data/models#JobFairRow',
          JobFairEmployer: '../data/models#JobFairEmployerRow',
          MicroLoan: '../data/models#LoanRow',
          InformalOrganisation: '../data/models#OrganisationRow',
          InformalOrganisationMembership: '../data/models#OrganisationMemberRow',
          EntrepreneurshipBase: '../data/models#BaseRow',
          IncubatedEnterprise: '../data/models#EnterpriseRow',
          PublicityArticle: '../data/models#ArticleRow',
          InsuranceEnrolment: '../data/models#InsuranceRow',
          SelfManagementGroup: '../data/models#GroupRow',
          Retirement: '../data/models#RetireeRow',
          PensionEligibility: '../data/models#PensionEligibilityView',
          LabourDispute: '../data/models#DisputeRow',
          LabourInspection: '../data/models#InspectionRow',
          JobFairConnection: '../data/models#Page<JobFairRow>',
          TrainingCourseConnection: '../data/models#Page<CourseRow>',
          MicroLoanConnection: '../data/models#Page<LoanRow>',
          FlexibleEmploymentSubsidyConnection: '../data/models#Page<SubsidyRow>',
          InformalOrganisationConnection: '../data/models#Page<OrganisationRow>',
          IncubatedEnterpriseConnection: '../data/models#Page<EnterpriseRow>',
          EntrepreneurshipBaseConnection: '../data/models#Page<BaseRow>',
          LabourDisputeConnection: '../data/models#Page<DisputeRow>',
          LabourInspectionConnection: '../data/models#Page<InspectionRow>',
        },
      },
    },
  },
};

export default config;
