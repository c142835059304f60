import type { MutationResolvers } from '../generated/resolvers-types';
import { recordDeath } from '../data/commands/death';
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
    return { deathRecord: value?.death ?? null, affectedEnrolments: value?.affected ?? [], userErrors };
  },
};
