// Field resolvers of the programme records: references to entities, money in fen, derived flags.
import { filterVisible } from '@hub/access';
import type { Resolvers } from '../generated/resolvers-types';
import { today } from '../domain/dates';

export const records: Resolvers = {
  EmploymentDifficulty: {
    certified: (view) => view.certification !== null,
  },
  DifficultyCertification: {
    status: (c) => (c.endedOn === null ? 'ACTIVE' : 'ENDED'),
  },
  AssistanceVisit: {
    household: (visit) => ({ id: visit.householdId }),
    person: (visit) => (visit.personId ? { id: visit.personId } : null),
  },
  Placement: {
    person: (placement) => ({ id: placement.personId }),
  },
  FlexibleEmploymentSubsidy: {
    person: (subsidy) => ({ id: subsidy.personId }),
    amount: (subsidy) => subsidy.amountFen,
  },
  TrainingCourse: {
    enrolled: async (course, _args, { loaders }) => (await loaders.courseCounts.load(course.id)).enrolled,
    completed: async (course, _args, { loaders }) => (await loaders.courseCounts.load(course.id)).completed,
  },
  TrainingEnrolment: {
    course: async (enrolment, _args, { loaders }) => (await loaders.courseById.load(enrolment.courseId))!,
    person: (enrolment) => ({ id: enrolment.personId }),
  },
  JobFair: {
    employers: (fair, _args, { loaders }) => loaders.employersByJobFairId.load(fair.id),
    positionsOffered: async (fair, _args, { loaders }) => (await loaders.employersByJobFairId.load(fair.id)).reduce((sum, e) => sum + e.positionsOffered, 0),
  },
  JobFairEmployer: {
    name: (employer) => employer.employerName,
    creditCode: (employer) => employer.employerCreditCode,
  },
  MicroLoan: {
    person: (loan) => ({ id: loan.personId }),
    amount: (loan) => loan.amountFen,
  },
  InformalOrganisation: {
    currentMembers: async (org, _args, { loaders }) => (await loaders.membersByOrganisationId.load(org.id)).filter((m) => m.leftOn === null).length,
    // Who works there is person-level: only the memberships (by the person's region) inside the caller's jurisdiction.
    members: async (org, _args, { caller, loaders }) => filterVisible(caller, await loaders.membersByOrganisationId.load(org.id), (m) => m.regionCode),
  },
  InformalOrganisationMembership: {
    organisation: async (member, _args, { loaders }) => (await loaders.organisationById.load(member.organisationId))!,
    person: (member) => ({ id: member.personId }),
  },
  IncubatedEnterprise: {
    founder: (enterprise) => (enterprise.founderPersonId ? { id: enterprise.founderPersonId } : null),
    base: (enterprise, _args, { loaders }) => (enterprise.baseId ? loaders.baseById.load(enterprise.baseId) : null),
    annualTax: (enterprise) => enterprise.annualTaxFen,
  },
  PublicityArticle: {
    level: (article) => article.level as 'NATIONAL' | 'PROVINCIAL' | 'MUNICIPAL' | 'DISTRICT',
  },
  InsuranceEnrolment: {
    contribution: (enrolment) => enrolment.contributionFen,
    status: (enrolment) => (enrolment.year >= Number(today().slice(0, 4)) ? 'ACTIVE' : 'ENDED'),
  },
  SelfManagementGroup: {
    memberCount: (group, _args, { loaders }) => loaders.groupMemberCounts.load(group.id),
  },
  Retirement: {
    selfManagementGroup: (retiree, _args, { loaders }) => (retiree.groupId ? loaders.groupById.load(retiree.groupId) : null),
    monthlyPension: (retiree) => retiree.monthlyPensionFen,
  },
  LabourDispute: {
    applicant: (dispute) => (dispute.applicantPersonId ? { id: dispute.applicantPersonId } : null),
    claim: (dispute) => dispute.claimFen,
  },
};
