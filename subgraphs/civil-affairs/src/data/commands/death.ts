import { toIsoDate } from '@hub/scalars';
import type { RecordDeathInput } from '../../generated/resolvers-types';
import { deathEffects } from '../../domain/death';
import type { CivilAffairsDb } from '../db';
import type { DeathRow, EnrolmentRow, PaymentRow } from '../models';
import { periodOf } from '../../domain/payroll';
import { newId, runMutation, UserErrors, type MutationResult } from './support';
import { atDeathOf, toDate } from './rows';

/** Records a death; the person's enrolments end with reason DECEASED on the day of death (in force until then). */
export async function recordDeath(db: CivilAffairsDb, input: RecordDeathInput, today: string): Promise<MutationResult<{ death: DeathRow; affected: EnrolmentRow[]; toRecover: PaymentRow[] }>> {
  const errors = new UserErrors();
  errors.uuid('personId', input.personId);
  errors.region('regionCode', input.regionCode, { community: true });
  const dateOfDeath = errors.date('dateOfDeath', input.dateOfDeath, { notAfter: today });
  const funeralDate = input.funeralDate === null || input.funeralDate === undefined ? null : errors.date('funeralDate', input.funeralDate);
  if (dateOfDeath && funeralDate && funeralDate < dateOfDeath) errors.add('funeralDate', 'INVALID', 'the funeral cannot be before the death');
  return runMutation(db, errors, async (tx) => {
    if (await tx.deathRecord.findUnique({ where: { personId: input.personId } })) {
      errors.add('personId', 'DUPLICATE', 'a death is already recorded for this person');
      return null;
    }
    const death = await tx.deathRecord.create({
      data: {
        id: newId(),
        personId: input.personId,
        regionCode: input.regionCode,
        dateOfDeath: toDate(dateOfDeath!),
        funeralType: input.funeralType,
        funeralDate: funeralDate ? toDate(funeralDate) : null,
      },
    });
    const enrolments = await tx.enrolment.findMany({ where: { personId: input.personId } });
    const affected: EnrolmentRow[] = [];
    for (const effect of deathEffects(enrolments.map(atDeathOf), input.personId, dateOfDeath!)) {
      const data =
        effect.action === 'TERMINATE'
          ? { status: 'TERMINATED' as const, terminationReason: 'DECEASED' as const, endDate: toDate(effect.endDate) }
          : { memberCount: effect.memberCount, monthlyAmount: effect.monthlyAmountFen };
      affected.push(await tx.enrolment.update({ where: { id: effect.id }, data }));
    }
    // A resident of a care institution leaves it on the day of death, freeing the bed.
    const stay = await tx.careResidence.findFirst({ where: { personId: input.personId, leftOn: null } });
    if (stay && toIsoDate(stay.admittedOn) > dateOfDeath!) {
      errors.add('dateOfDeath', 'INVALID', `the person was admitted to a care institution on ${toIsoDate(stay.admittedOn)}, after this day`);
      return null;
    }
    if (stay) await tx.careResidence.update({ where: { id: stay.id }, data: { leftOn: toDate(dateOfDeath!) } });
    // Months after the death paid before it was recorded: personal programmes and households the death ended.
    const ended = affected.filter((e) => e.status === 'TERMINATED').map((e) => e.id);
    const toRecover = await tx.payment.findMany({ where: { enrolmentId: { in: ended }, period: { gt: periodOf(dateOfDeath!) } }, orderBy: [{ period: 'asc' }, { id: 'asc' }] });
    return { death, affected, toRecover };
  });
}
