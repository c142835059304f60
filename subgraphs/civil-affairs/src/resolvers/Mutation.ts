import { inJurisdiction, requireInJurisdiction, type Caller } from '@hub/access';
import type { MutationResolvers } from '../generated/resolvers-types';
import type { MutationResult, Sees } from '../data/commands/support';
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

/**
 * A region code a mutation would write under: outside the caller's jurisdiction the mutation is refused
 * (FORBIDDEN) before anything is read or written. A code that is not digits is left to the input checks,
 * which refuse it as INVALID.
 */
function refuseOutsideJurisdiction(caller: Caller, regionCode: string, field = 'regionCode'): void {
  if (/^\d+$/.test(regionCode)) requireInJurisdiction(caller, regionCode, field);
}

const seesFor = (caller: Caller): Sees => (regionCode) => inJurisdiction(caller, regionCode);

/**
 * A result the caller may not see reads as unknown: this happens only when an idempotency key replays a
 * record another officer's request created or changed outside this caller's jurisdiction.
 */
async function seenOnly<T>(result: MutationResult<T>, field: string, record: string, seen: (value: T) => boolean | Promise<boolean>): Promise<MutationResult<T>> {
  if (result.value === null || (await seen(result.value))) return result;
  return { value: null, userErrors: [{ field: ['input', field], code: 'NOT_FOUND', message: `no ${record} has this id` }] };
}

export const Mutation: MutationResolvers = {
  setAssistanceStandard: async (_parent, { input }, { caller, db }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await setAssistanceStandard(db, input);
    return { assistanceStandard: value, userErrors };
  },
  enrolBeneficiary: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await enrolBeneficiary(db, input, today);
    return { assistanceEnrolment: value, userErrors };
  },
  suspendEnrolment: async (_parent, { input }, { caller, db }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await suspendEnrolment(db, input, sees), 'enrolmentId', 'enrolment', (e) => sees(e.regionCode));
    return { assistanceEnrolment: value, userErrors };
  },
  resumeEnrolment: async (_parent, { input }, { caller, db }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await resumeEnrolment(db, input, sees), 'enrolmentId', 'enrolment', (e) => sees(e.regionCode));
    return { assistanceEnrolment: value, userErrors };
  },
  terminateEnrolment: async (_parent, { input }, { caller, db }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await terminateEnrolment(db, input, sees), 'enrolmentId', 'enrolment', (e) => sees(e.regionCode));
    return { assistanceEnrolment: value, userErrors };
  },
  runMonthlyPayroll: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await runMonthlyPayroll(db, input, today);
    return { payrollRun: value, userErrors };
  },
  recordDeath: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await recordDeath(db, input, today);
    // The death ends the person's enrolments everywhere; the answer shows those the caller may see.
    const sees = seesFor(caller);
    return {
      deathRecord: value?.death ?? null,
      affectedEnrolments: (value?.affected ?? []).filter((e) => sees(e.regionCode)),
      paymentsToRecover: (value?.toRecover ?? []).filter((p) => sees(p.regionCode)),
      userErrors,
    };
  },
  recordEnrolmentReview: async (_parent, { input }, { caller, db, today }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await recordEnrolmentReview(db, input, today, sees), 'enrolmentId', 'enrolment', (e) => sees(e.regionCode));
    return { assistanceEnrolment: value, userErrors };
  },
  submitDibaoApplication: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await submitDibaoApplication(db, input, today);
    return { dibaoApplication: value, userErrors };
  },
  advanceDibaoApplication: async (_parent, { input }, { caller, db, today, cadreRelatives }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await advanceDibaoApplication(db, input, today, cadreRelatives, sees), 'applicationId', 'application', (a) => sees(a.regionCode));
    return { dibaoApplication: value, userErrors };
  },
  rejectDibaoApplication: async (_parent, { input }, { caller, db, today }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await rejectDibaoApplication(db, input, today, sees), 'applicationId', 'application', (a) => sees(a.regionCode));
    return { dibaoApplication: value, userErrors };
  },
  fileConflictOfInterest: async (_parent, { input }, { caller, db, today, loaders }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await fileConflictOfInterest(db, input, today, sees), 'applicationId', 'application', async (f) => (await loaders.applicationById.load(f.applicationId)) !== null);
    return { conflictFiling: value, userErrors };
  },
  registerReliefOfficer: async (_parent, { input }, { caller, db }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await registerReliefOfficer(db, input);
    return { reliefOfficer: value, userErrors };
  },
  recordDisability: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await recordDisability(db, input, today, seesFor(caller));
    return { disabilityRecord: value, userErrors };
  },
  recordMedicalAssistance: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await recordMedicalAssistance(db, input, today);
    return { medicalAssistanceClaim: value, userErrors };
  },
  grantTemporaryAssistance: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await grantTemporaryAssistance(db, input, today);
    return { temporaryAssistanceGrant: value, userErrors };
  },
  registerCareInstitution: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await registerCareInstitution(db, input, today);
    return { careInstitution: value, userErrors };
  },
  admitToCareInstitution: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await admitToCareInstitution(db, input, today, seesFor(caller));
    return { careResidence: value, userErrors };
  },
  dischargeFromCareInstitution: async (_parent, { input }, { caller, db, today, loaders }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await dischargeFromCareInstitution(db, input, today, sees), 'residenceId', 'stay', async (r) => (await loaders.institutionById.load(r.institutionId)) !== null);
    return { careResidence: value, userErrors };
  },
  registerSpecialCareRecipient: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await registerSpecialCareRecipient(db, input, today);
    return { specialCareRecipient: value, userErrors };
  },
  issueGloryPlaque: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await issueGloryPlaque(db, input, today);
    return { gloryPlaque: value, userErrors };
  },
  recordCondolence: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await recordCondolence(db, input, today);
    return { condolence: value, userErrors };
  },
  reportHouseCollapse: async (_parent, { input }, { caller, db, today }) => {
    refuseOutsideJurisdiction(caller, input.regionCode);
    const { value, userErrors } = await reportHouseCollapse(db, input, today);
    return { houseRebuilding: value, userErrors };
  },
  advanceHouseRebuilding: async (_parent, { input }, { caller, db, today }) => {
    const sees = seesFor(caller);
    const { value, userErrors } = await seenOnly(await advanceHouseRebuilding(db, input, today, sees), 'rebuildingId', 'rebuilding case', (r) => sees(r.regionCode));
    return { houseRebuilding: value, userErrors };
  },
};
