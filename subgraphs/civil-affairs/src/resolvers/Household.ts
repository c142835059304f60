import type { HouseholdResolvers } from '../generated/resolvers-types';
import { isDibao, normalisedStatus } from '../domain/status';
import { enrolmentState } from './Enrolment';

export const Household: HouseholdResolvers = {
  // Community owns the household: any id it hands over is answered from this subgraph's own rows.
  __resolveReference: ({ id }) => ({ id }),
  assistanceEnrolments: (household, _args, { loaders }) => loaders.enrolmentsByHouseholdId.load(household.id),
  receivesDibao: async (household, _args, { loaders, today }) =>
    (await loaders.enrolmentsByHouseholdId.load(household.id)).some(
      (e) => isDibao(e.programme) && normalisedStatus(enrolmentState(e), today) === 'ACTIVE',
    ),
};
