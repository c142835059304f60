import type { RunMonthlyPayrollInput } from '../../generated/resolvers-types';
import { isPeriod, payableInPeriod, paymentAmount, periodBounds, periodOf } from '../../domain/payroll';
import type { CivilAffairsDb } from '../db';
import type { PayrollRun } from '../../generated/prisma/client';
import type { PayrollRunResult } from '../models';
import { newId, runMutation, UserErrors, type MutationResult, type Tx } from './support';
import { deathDate, payableOf, standardOf, toDate } from './rows';

/** A run with the month's totals over its region as they stand now. */
async function withTotals(tx: Tx, run: PayrollRun): Promise<PayrollRunResult> {
  const totals = await tx.payment.aggregate({ where: { period: run.period, regionCode: { startsWith: run.regionCode } }, _count: { _all: true }, _sum: { amount: true } });
  return { ...run, paymentsInPeriod: totals._count._all, amountInPeriod: totals._sum.amount ?? 0n };
}

/**
 * Pays every enrolment in force in the region's subtree for the month, one payment per enrolment and month
 * (unique key), at the standard in force on the month's first day. A second run finds everything paid.
 */
export async function runMonthlyPayroll(db: CivilAffairsDb, input: RunMonthlyPayrollInput, today: string): Promise<MutationResult<PayrollRunResult>> {
  const errors = new UserErrors();
  if (!isPeriod(input.period)) errors.add('period', 'INVALID', `period must be YYYY-MM, got "${input.period}"`);
  else if (input.period > periodOf(today)) errors.add('period', 'INVALID', `${input.period} has not begun: months are paid from ${periodOf(today)} back`);
  errors.region('regionCode', input.regionCode);
  return runMutation(db, errors, async (tx) => {
    const { first, last } = periodBounds(input.period);
    const enrolments = await tx.enrolment.findMany({
      where: {
        regionCode: { startsWith: input.regionCode },
        status: { in: ['IN_PAYMENT', 'TERMINATED'] },
        startDate: { lte: toDate(last) },
        OR: [{ endDate: null }, { endDate: { gte: toDate(first) } }],
      },
    });
    const ids = enrolments.map((e) => e.id);
    const personIds = [...new Set(enrolments.flatMap((e) => (e.personId ? [e.personId] : [])))];
    const [paid, deaths, disabilities, standards] = await Promise.all([
      tx.payment.findMany({ where: { period: input.period, enrolmentId: { in: ids } }, select: { enrolmentId: true } }),
      tx.deathRecord.findMany({ where: { personId: { in: personIds } } }),
      tx.disabilityRecord.findMany({ where: { personId: { in: personIds } }, select: { personId: true, grade: true } }),
      tx.assistanceStandard.findMany(),
    ]);
    const alreadyPaid = new Set(paid.map((p) => p.enrolmentId));
    const deathByPerson = new Map(deaths.map((d) => [d.personId, d]));
    const gradeByPerson = new Map(disabilities.map((d) => [d.personId, d.grade]));
    const rules = standards.map(standardOf);
    const runId = newId();
    const payments = enrolments
      .filter((e) => !alreadyPaid.has(e.id))
      .filter((e) => payableInPeriod(payableOf(e), input.period, e.personId ? deathDate(deathByPerson.get(e.personId)) : null))
      .map((e) => ({
        id: newId(),
        enrolmentId: e.id,
        programme: e.programme,
        householdId: e.householdId,
        personId: e.personId,
        regionCode: e.regionCode,
        period: input.period,
        amount: paymentAmount(payableOf(e), rules, input.period, e.programme === 'SEVERE_DISABILITY_SUBSIDY' && e.personId ? (gradeByPerson.get(e.personId) ?? null) : null),
        paidOn: toDate(today),
        payrollRunId: runId,
      }));
    const { count } = await tx.payment.createMany({ data: payments, skipDuplicates: true });
    if (count !== payments.length) {
      errors.add('period', 'CONFLICT', 'another payroll run for this month paid some of these enrolments at the same time; run it again');
      return null;
    }
    // The current month's run brings each enrolment's monthly amount up to the standard it was paid at.
    if (input.period === periodOf(today) && payments.length > 0) {
      await tx.$executeRaw`
        UPDATE "civil_affairs"."enrolment" e SET monthly_amount_fen = v.amount
          FROM unnest(${payments.map((p) => p.enrolmentId)}::uuid[], ${payments.map((p) => p.amount.toString())}::bigint[]) AS v(id, amount)
         WHERE e.id = v.id AND e.monthly_amount_fen <> v.amount`;
    }
    const amount = payments.reduce((sum, p) => sum + p.amount, 0n);
    return withTotals(tx, await tx.payrollRun.create({ data: { id: runId, period: input.period, regionCode: input.regionCode, paymentsCreated: count, amount } }));
  }, {
    operation: 'runMonthlyPayroll',
    input,
    resultId: (run) => run.id,
    reload: async (tx, id) => {
      const run = await tx.payrollRun.findUnique({ where: { id } });
      return run ? withTotals(tx, run) : null;
    },
  });
}

