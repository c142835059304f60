import { toIsoDate } from '@hub/scalars';
import type { InjuryRecordResolvers } from '../generated/resolvers-types';

export const InjuryRecord: InjuryRecordResolvers = {
  person: (record) => (record.personId ? { id: record.personId } : null),
  region: (record) => ({ code: record.regionCode }),
  injuryDate: (record) => toIsoDate(record.injuryDate),
  recordedAt: (record) => record.createdAt,
};
