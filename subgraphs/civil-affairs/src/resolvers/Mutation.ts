import type { MutationResolvers } from '../generated/resolvers-types';
import {
  advanceDibaoApplication,
  fileConflictOfInterest,
  registerReliefOfficer,
  rejectDibaoApplication,
  submitDibaoApplication,
} from '../data/commands/applications';
import { recordDeath } from '../data/commands/death';
import {
  admitToCareInstitution,
  advanceHouseRebuilding,
  dischargeFromCareInstitution,
  grantTemporaryAssistance,
  issueGloryPlaque,
  recordCondolence,
  recordDisability,
  recordMedicalAssistance,
  registerCareInstitution,
  registerSpecialCareRecipient,
  reportHouseCollapse,
} from '../data/commands/records';
import { recordEnrolmentReview } from '../data/commands/review';
import { enrolBeneficiary, resumeEnrolment, suspendEnrolment, terminateEnrolment } from '../data/commands/enrolments';
import { runMonthlyPayroll } from '../data/commands/payroll';
import { setAssistanceStandard } from '../data/commands/standards';

export const Mutation: MutationResolvers = {
  setAssistanceStandard: async (_parent, { input }, { db }) => {
    const { value, userErrors } = await setAssistanceStandard(db, input);
    return { assistanceStandard: value, userErrors };
  },
  enrolBeneficiary: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await enrolBeneficiary(db, input, today);
    return { assistanceEnrolment: value, userErrors };
  },
  suspendEnrolment: async (_parent, { input }, { db }) => {
    const { value, userErrors } = await suspendEnrolment(db, input);
    return { assistanceEnrolment: value, userErrors };
  },
  resumeEnrolment: async (_parent, { input }, { db }) => {
    const { value, userErrors } = await resumeEnrolment(db, input);
    return { assistanceEnrolment: value, userErrors };
  },
  terminateEnrolment: async (_parent, { input }, { db }) => {
    const { value, userErrors } = await terminateEnrolment(db, input);
    return { assistanceEnrolment: value, userErrors };
  },
  runMonthlyPayroll: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await runMonthlyPayroll(db, input, today);
    return { payrollRun: value, userErrors };
  },
  recordDeath: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await recordDeath(db, input, today);
    return { deathRecord: value?.death ?? null, affectedEnrolments: value?.affected ?? [], paymentsToRecover: value?.toRecover ?? [], userErrors };
  },
  recordEnrolmentReview: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await recordEnrolmentReview(db, input, today);
    return { assistanceEnrolment: value, userErrors };
  },
  submitDibaoApplication: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await submitDibaoApplication(db, input, today);
    return { dibaoApplication: value, userErrors };
  },
  advanceDibaoApplication: async (_parent, { input }, { db, today, cadreRelatives }) => {
    const { value, userErrors } = await advanceDibaoApplication(db, input, today, cadreRelatives);
    return { dibaoApplication: value, userErrors };
  },
  rejectDibaoApplication: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await rejectDibaoApplication(db, input, today);
    return { dibaoApplication: value, userErrors };
  },
  fileConflictOfInterest: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await fileConflictOfInterest(db, input, today);
    return { conflictFiling: value, userErrors };
  },
  registerReliefOfficer: async (_parent, { input }, { db }) => {
    const { value, userErrors } = await registerReliefOfficer(db, input);
    return { reliefOfficer: value, userErrors };
  },
  recordDisability: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await recordDisability(db, input, today);
    return { disabilityRecord: value, userErrors };
  },
  recordMedicalAssistance: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await recordMedicalAssistance(db, input, today);
    return { medicalAssistanceClaim: value, userErrors };
  },
  grantTemporaryAssistance: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await grantTemporaryAssistance(db, input, today);
    return { temporaryAssistanceGrant: value, userErrors };
  },
  registerCareInstitution: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await registerCareInstitution(db, input, today);
    return { careInstitution: value, userErrors };
  },
  admitToCareInstitution: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await admitToCareInstitution(db, input, today);
    return { careResidence: value, userErrors };
  },
  dischargeFromCareInstitution: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await dischargeFromCareInstitution(db, input, today);
    return { careResidence: value, userErrors };
  },
  registerSpecialCareRecipient: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await registerSpecialCareRecipient(db, input, today);
    return { specialCareRecipient: value, userErrors };
  },
  issueGloryPlaque: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await issueGloryPlaque(db, input, today);
    return { gloryPlaque: value, userErrors };
  },
  recordCondolence: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await recordCondolence(db, input, today);
    return { condolence: value, userErrors };
  },
  reportHouseCollapse: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await reportHouseCollapse(db, input, today);
    return { houseRebuilding: value, userErrors };
  },
  advanceHouseRebuilding: async (_parent, { input }, { db, today }) => {
    const { value, userErrors } = await advanceHouseRebuilding(db, input, today);
    return { houseRebuilding: value, userErrors };
  },
};
