import type { SetAssistanceStandardInput } from '../../generated/resolvers-types';
import type { CivilAffairsDb } from '../db';
import type { StandardRow } from '../models';
import { byId, newId, runMutation, UserErrors, type MutationResult } from './support';
import { toDate } from './rows';

const PREFIX = /^\d{4}(\d{2}(\d{3}(\d{3})?)?)?$/;

export async function setAssistanceStandard(db: CivilAffairsDb, input: SetAssistanceStandardInput): Promise<MutationResult<StandardRow>> {
  const errors = new UserErrors();
  if (!PREFIX.test(input.regionCode)) errors.add('regionCode', 'INVALID', 'regionCode must be a 4-digit city prefix or a 6/9/12-digit division code');
  else if (input.regionCode.length > 4) errors.region('regionCode', input.regionCode);
  const effectiveFrom = errors.date('effectiveFrom', input.effectiveFrom);
  errors.money('amount', input.amount);
  const grade = input.grade ?? null;
  if (grade !== null && (!Number.isInteger(grade) || grade < 1 || grade > 4)) errors.add('grade', 'INVALID', 'grade must be 1, 2, 3 or 4');
  if (grade !== null && input.programme !== 'SEVERE_DISABILITY_SUBSIDY') errors.add('grade', 'INVALID', 'only the severe-disability subsidy depends on the grade');
  return runMutation(db, errors, async (tx) => {
    const existing = await tx.assistanceStandard.findFirst({
      where: { programme: input.programme, regionCode: input.regionCode, effectiveFrom: toDate(effectiveFrom!), grade },
    });
    if (existing) {
      errors.add('effectiveFrom', 'DUPLICATE', 'a standard for this programme, region, grade and day is already published');
      return null;
    }
    return tx.assistanceStandard.create({
      data: { id: newId(), programme: input.programme, regionCode: input.regionCode, effectiveFrom: toDate(effectiveFrom!), amount: input.amount, period: input.period, grade },
    });
  }, byId('setAssistanceStandard', input, (tx, id) => tx.assistanceStandard.findUnique({ where: { id } })));
}
