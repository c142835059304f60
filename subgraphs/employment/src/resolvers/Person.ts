import { toIsoDate } from '@hub/scalars';
import type { EmploymentStatusPeriodResolvers, PersonResolvers } from '../generated/resolvers-types';

export const Person: PersonResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  employmentStatus: async ({ id }, _args, { loaders }) => (await loaders.statusPeriodsByPersonId.load(id)).find((p) => p.endDate === null) ?? null,
  employmentHistory: async ({ id }, _args, { loaders }) => {
    const periods = await loaders.statusPeriodsByPersonId.load(id);
    return periods.length > 0 ? periods : null;
  },
};

export const EmploymentStatusPeriod: EmploymentStatusPeriodResolvers = {
  since: (period) => toIsoDate(period.startDate),
  until: (period) => (period.endDate ? toIsoDate(period.endDate) : null),
};
