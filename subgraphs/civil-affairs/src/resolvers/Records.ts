import { toIsoDate } from '@hub/scalars';
import type {
  AssistanceEnrolmentConnectionResolvers,
  AssistancePaymentConnectionResolvers,
  DibaoApplicationConnectionResolvers,
  AssistancePaymentResolvers,
  AssistanceStandardResolvers,
  DeathRecordResolvers,
  PayrollRunResolvers,
} from '../generated/resolvers-types';
import { monthlyAmount } from '../domain/standards';

export const AssistanceStandard: AssistanceStandardResolvers = {
  effectiveFrom: (s) => toIsoDate(s.effectiveFrom),
  monthlyAmount: (s) => monthlyAmount({ amountFen: s.amount, period: s.period }),
};

export const PayrollRun: PayrollRunResolvers = {
  runAt: (run) => run.runAt,
};

export const DeathRecord: DeathRecordResolvers = {
  person: (d) => ({ id: d.personId }),
  dateOfDeath: (d) => toIsoDate(d.dateOfDeath),
  funeralDate: (d) => (d.funeralDate ? toIsoDate(d.funeralDate) : null),
};

export const AssistancePayment: AssistancePaymentResolvers = {
  enrolment: async (p, _args, { loaders }) => (await loaders.enrolmentById.load(p.enrolmentId))!,
  paidOn: (p) => toIsoDate(p.paidOn),
};

export const AssistanceEnrolmentConnection: AssistanceEnrolmentConnectionResolvers = {
  totalCount: (page) => page.count(),
};

export const DibaoApplicationConnection: DibaoApplicationConnectionResolvers = {
  totalCount: (page) => page.count(),
};

export const AssistancePaymentConnection: AssistancePaymentConnectionResolvers = {
  totalCount: (page, _args, { loaders }) => loaders.paymentCountByHouseholdId.load(page.householdId),
};
