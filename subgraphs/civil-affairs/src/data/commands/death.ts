import { toIsoDate } from '@hub/scalars';
import type { RecordDeathInput } from '../../generated/resolvers-types';
import { deathEffects } from '../../domain/death';
import type { CivilAffairsDb } from '../db';
import type { DeathRow, EnrolmentRow, PaymentRow } from '../models';
import { periodOf } from '../../domain/payroll';
import { newId, runMutation, UserErrors, type MutationResult, type Tx } from './support';
import { atDeathOf, toDate } from './rows';

export interface DeathResult {
  death: DeathRow;
  affected: EnrolmentRow[];
  toRecover: PaymentRow[];
}

/** Months after the death paid before it was recorded: personal programmes and households the death ended. */
function paymentsToRecover(tx: Tx, death: DeathRow, affected: EnrolmentRow[]): Promise<PaymentRow[]> {
  const ended = affected.filter((e) => e.status === 'TERMINATED').map((e) => e.id);
  return tx.payment.findMany({ where: { enrolmentId: { in: ended }, period: { gt: periodOf(toIsoDate(death.dateOfDeath)) } }, orderBy: [{ period: 'asc' }, { id: 'asc' }] });
}

/** A replay answers the death and the enrolments it changed, in the first answer's order: the key keeps all their ids. */
async function reloadDeath(tx: Tx, resultId: string): Promise<DeathResult | null> {
  const [deathId, ...enrolmentIds] = resultId.split(',');
  const [death, rows] = await Promise.all([tx.deathRecord.findUnique({ where: { id: deathId! } }), tx.enrolment.findMany({ where: { id: { in: enrolmentIds } } })]);
  const byId = new Map(rows.map((e) => [e.id, e]));
  const affected = enrolmentIds.flatMap((id) => byId.get(id) ?? []);
  if (!death || affected.length !== enrolmentIds.length) return null;
  return { death, affected, toRecover: await paymentsToRecover(tx, death, affected) };
}

/** Records a death; the person's enrolments end with reason DECEASED on the day of death (in force until then). */
export async function recordDeath(db: CivilAffairsDb, input: RecordDeathInput, today: string): Promise<MutationResult<DeathResult>> {
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
    return { death, affected, toRecover: await paymentsToRecover(tx, death, affected) };
  }, {
    operation: 'recordDeath',
    input,
    resultId: ({ death, affected }) => [death.id, ...affected.map((e) => e.id)].join(','),
    reload: reloadDeath,
  });
}
