import { toIsoDate } from '@hub/scalars';
import type { DeathRow, EnrolmentRow, StandardRow } from '../models';
import type { Standard } from '../../domain/standards';
import type { PayableEnrolment } from '../../domain/payroll';
import type { EnrolmentAtDeath } from '../../domain/death';
import { toDate } from '../../domain/dates';

export { toDate };

export function standardOf(row: StandardRow): Standard & { id: string } {
  return { id: row.id, programme: row.programme, regionCode: row.regionCode, effectiveFrom: toIsoDate(row.effectiveFrom), amountFen: row.amount, period: row.period, grade: row.grade };
}

export function payableOf(row: EnrolmentRow): PayableEnrolment {
  return {
    programme: row.programme,
    status: row.status,
    startDate: toIsoDate(row.startDate),
    endDate: row.endDate ? toIsoDate(row.endDate) : null,
    memberCount: row.memberCount,
    monthlyAmountFen: row.monthlyAmount,
    perCapitaIncomeFen: row.perCapitaIncome,
    regionCode: row.regionCode,
  };
}

export function atDeathOf(row: EnrolmentRow): EnrolmentAtDeath {
  return { ...payableOf(row), id: row.id, personId: row.personId };
}

export const deathDate = (row: DeathRow | null | undefined): string | null => (row ? toIsoDate(row.dateOfDeath) : null);
