import { toIsoDate } from '@hub/scalars';
import type { InjuryRecordConnectionResolvers, InjuryRecordResolvers } from '../generated/resolvers-types';

export const InjuryRecord: InjuryRecordResolvers = {
  person: (record) => (record.personId ? { id: record.personId } : null),
  household: (record) => (record.householdId ? { id: record.householdId } : null),
  region: (record) => ({ code: record.regionCode }),
  injuryDate: (record) => toIsoDate(record.injuryDate),
  recordedAt: (record) => record.createdAt,
};

export const InjuryRecordConnection: InjuryRecordConnectionResolvers = {
  totalCount: (page) => page.count(),
};
