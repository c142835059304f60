import { toIsoDate } from '@hub/scalars';
import type {
  ApplicationStepResolvers,
  ConflictFilingResolvers,
  ConflictOfInterestResolvers,
  DibaoApplicationResolvers,
  OfficerRelativeResolvers,
  ReliefOfficerResolvers,
} from '../generated/resolvers-types';
import type { ApplicationRow } from '../data/models';
import type { Context } from '../context';
import { subsidyOn, suggestedCategory } from '../data/commands/applications';
import { conflictedMembers, enrolmentAllowedFrom } from '../domain/workflow';

async function relatedMembers(application: ApplicationRow, { loaders }: Context): Promise<string[]> {
  const flags = await loaders.isOfficerRelative.loadMany(application.memberIds);
  return conflictedMembers(application.memberIds, application.memberIds.filter((_, i) => flags[i] === true));
}

export const DibaoApplication: DibaoApplicationResolvers = {
  household: (a) => ({ id: a.householdId }),
  applicant: (a) => ({ id: a.applicantId }),
  members: (a) => a.memberIds.map((id) => ({ id })),
  proposedMonthlySubsidy: async (a, _args, { loaders, today }) => subsidyOn(a, await loaders.standardsByProgramme.load(a.programme), today),
  suggestedCategory: (a) => suggestedCategory(a),
  submittedOn: (a) => toIsoDate(a.submittedOn),
  publicityStartedOn: (a) => (a.publicityStartedOn ? toIsoDate(a.publicityStartedOn) : null),
  enrolmentAllowedFrom: (a) => (a.publicityStartedOn ? enrolmentAllowedFrom(toIsoDate(a.publicityStartedOn)) : null),
  steps: (a, _args, { loaders }) => loaders.stepsByApplicationId.load(a.id),
  conflictOfInterest: (a) => a,
  enrolment: (a, _args, { loaders }) => (a.enrolmentId ? loaders.enrolmentById.load(a.enrolmentId) : null),
};

export const ConflictOfInterest: ConflictOfInterestResolvers = {
  relatedPersons: async (a, _args, context) => (await relatedMembers(a, context)).map((id) => ({ id })),
  filing: (a, _args, { loaders }) => loaders.filingByApplicationId.load(a.id),
  approvalBlocked: async (a, _args, context) => (await relatedMembers(a, context)).length > 0 && (await context.loaders.filingByApplicationId.load(a.id)) === null,
};

export const ApplicationStep: ApplicationStepResolvers = {
  date: (s) => toIsoDate(s.date),
};

export const ConflictFiling: ConflictFilingResolvers = {
  relatedPersons: (f) => f.relatedPersonIds.map((id) => ({ id })),
  filedOn: (f) => toIsoDate(f.filedOn),
};

export const ReliefOfficer: ReliefOfficerResolvers = {
  relatives: (o, _args, { loaders }) => loaders.relativesByOfficerId.load(o.id),
};

export const OfficerRelative: OfficerRelativeResolvers = {
  person: (r) => ({ id: r.personId }),
};
