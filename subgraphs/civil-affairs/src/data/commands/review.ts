import { toIsoDate } from '@hub/scalars';
import type { RecordEnrolmentReviewInput } from '../../generated/resolvers-types';
import { monthlyAmount, standardInForce } from '../../domain/standards';
import { isDibao } from '../../domain/status';
import { dibaoSubsidy } from '../../domain/subsidy';
import type { CivilAffairsDb } from '../db';
import type { EnrolmentRow } from '../models';
import { byId, runMutation, UserErrors, type MutationResult, type Sees } from './support';
import { standardOf, toDate } from './rows';

/** The annual review (年度重审): records the day and, for dibao, the income found; no gap left ends the enrolment. */
export async function recordEnrolmentReview(db: CivilAffairsDb, input: RecordEnrolmentReviewInput, today: string, sees: Sees): Promise<MutationResult<EnrolmentRow>> {
  const errors = new UserErrors();
  errors.uuid('enrolmentId', input.enrolmentId);
  const reviewedOn = errors.date('reviewedOn', input.reviewedOn, { notAfter: today });
  const income = input.perCapitaIncome ?? null;
  if (income !== null) errors.money('perCapitaIncome', income);
  const members = input.memberCount ?? null;
  if (members !== null && (!Number.isInteger(members) || members < 1 || members > 20)) errors.add('memberCount', 'INVALID', 'memberCount must be 1 to 20');
  return runMutation(db, errors, async (tx) => {
    const e = await tx.enrolment.findUnique({ where: { id: input.enrolmentId } });
    if (!e || !sees(e.regionCode)) {
      errors.add('enrolmentId', 'NOT_FOUND', 'no enrolment has this id');
      return null;
    }
    if (e.status === 'TERMINATED') {
      errors.add('enrolmentId', 'INVALID_TRANSITION', 'a terminated enrolment is not reviewed');
      return null;
    }
    if (reviewedOn! < toIsoDate(e.startDate)) {
      errors.add('reviewedOn', 'INVALID', 'a review cannot be before the enrolment started');
      return null;
    }
    if (!isDibao(e.programme) && (income !== null || members !== null)) {
      errors.add(income !== null ? 'perCapitaIncome' : 'memberCount', 'INVALID', 'income and members are reviewed for dibao only');
      return null;
    }
    if (!isDibao(e.programme) || (income === null && members === null)) {
      return tx.enrolment.update({ where: { id: e.id }, data: { lastReviewedOn: toDate(reviewedOn!) } });
    }
    const perCapita = income ?? e.perCapitaIncome;
    if (perCapita === null) {
      errors.add('perCapitaIncome', 'REQUIRED', 'the enrolment has no recorded income: give the income found');
      return null;
    }
    const standard = standardInForce((await tx.assistanceStandard.findMany({ where: { programme: e.programme } })).map(standardOf), e.programme, e.regionCode, reviewedOn!);
    if (!standard) {
      errors.add('reviewedOn', 'RULE_VIOLATION', `no ${e.programme} standard is in force on ${reviewedOn}`);
      return null;
    }
    const memberCount = members ?? e.memberCount;
    const amount = dibaoSubsidy(monthlyAmount(standard), perCapita, memberCount);
    return tx.enrolment.update({
      where: { id: e.id },
      data:
        amount === 0n
          ? { lastReviewedOn: toDate(reviewedOn!), perCapitaIncome: perCapita, memberCount, status: 'TERMINATED', terminationReason: 'INCOME_ABOVE_STANDARD', endDate: toDate(reviewedOn!) }
          : { lastReviewedOn: toDate(reviewedOn!), perCapitaIncome: perCapita, memberCount, monthlyAmount: amount },
    });
  }, byId('recordEnrolmentReview', input, (tx, id) => tx.enrolment.findUnique({ where: { id } })));
}
