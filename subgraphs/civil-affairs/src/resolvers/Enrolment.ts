import { toIsoDate } from '@hub/scalars';
import type { AssistanceEnrolmentResolvers, DisabilityRecordResolvers } from '../generated/resolvers-types';
import type { EnrolmentRow } from '../data/models';
import { reviewDue } from '../domain/review';
import { monthlyAmount, standardInForce } from '../domain/standards';
import { standardOf } from '../data/commands/rows';
import { normalisedStatus, type EnrolmentState } from '../domain/status';

export function enrolmentState(e: EnrolmentRow): EnrolmentState {
  return { status: e.status, terminationReason: e.terminationReason, startDate: toIsoDate(e.startDate), endDate: e.endDate ? toIsoDate(e.endDate) : null };
}

export const AssistanceEnrolment: AssistanceEnrolmentResolvers = {
  household: (e) => (e.householdId ? { id: e.householdId } : null),
  person: (e) => (e.personId ? { id: e.personId } : null),
  startDate: (e) => toIsoDate(e.startDate),
  endDate: (e) => (e.endDate ? toIsoDate(e.endDate) : null),
  programmeStatus: (e) => e.status,
  status: (e, _args, { today }) => normalisedStatus(enrolmentState(e), today),
  lastReviewedOn: (e) => (e.lastReviewedOn ? toIsoDate(e.lastReviewedOn) : null),
  reviewDue: (e) => (e.status === 'TERMINATED' ? null : reviewDue(toIsoDate(e.startDate), e.lastReviewedOn ? toIsoDate(e.lastReviewedOn) : null)),
};

export const DisabilityRecord: DisabilityRecordResolvers = {
  issuedDate: (d) => toIsoDate(d.issuedDate),
  severeDisabilitySubsidy: async (d, _args, { loaders, today }) => {
    const standard = standardInForce((await loaders.standardsByProgramme.load('SEVERE_DISABILITY_SUBSIDY')).map(standardOf), 'SEVERE_DISABILITY_SUBSIDY', d.regionCode, today, d.grade);
    return standard ? monthlyAmount(standard) : null;
  },
  mentalMedicationSubsidy: async (d, _args, { loaders, today }) => {
    if (d.category !== 'MENTAL' && d.category !== 'MULTIPLE') return null;
    const standard = standardInForce((await loaders.standardsByProgramme.load('MENTAL_DISABILITY_MEDICATION')).map(standardOf), 'MENTAL_DISABILITY_MEDICATION', d.regionCode, today);
    return standard ? monthlyAmount(standard) : null;
  },
};
