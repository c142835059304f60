import type { HouseholdResolvers } from '../generated/resolvers-types';
import { isDibao, normalisedStatus } from '../domain/status';
import { filingRequired } from '../domain/workflow';
import { enrolmentState } from './Enrolment';
import { decodeCursor, encodeCursor, pageInfo, pageSize } from './pagination';

export const Household: HouseholdResolvers = {
  // Community owns the household: it is answered from this subgraph's own rows in the caller's jurisdiction,
  // and reads as unknown when this subgraph knows it only in other regions.
  __resolveReference: async ({ id, hasCadreNearRelative }, { loaders }) => ((await loaders.householdReachable.load(id)) ? { id, hasCadreNearRelative } : null),
  assistanceEnrolments: (household, _args, { loaders }) => loaders.enrolmentsByHouseholdId.load(household.id),
  receivesDibao: async (household, _args, { loaders, today }) =>
    (await loaders.enrolmentsByHouseholdId.load(household.id)).some(
      (e) => isDibao(e.programme) && normalisedStatus(enrolmentState(e), today) === 'ACTIVE',
    ),
  currentAssistanceEnrolments: async (household, _args, { loaders, today }) =>
    (await loaders.enrolmentsByHouseholdId.load(household.id)).filter((e) => ['ACTIVE', 'SUSPENDED'].includes(normalisedStatus(enrolmentState(e), today))),
  dibaoApplications: (household, _args, { loaders }) => loaders.applicationsByHouseholdId.load(household.id),
  // One batched statement whether or not the household has applied (no second wave for the applicants' relatives).
  conflictOfInterestFilingRequired: async (household, _args, { loaders }) =>
    filingRequired(household.hasCadreNearRelative ?? null, await loaders.officerRelativeInLatestApplicationByHouseholdId.load(household.id)),
  temporaryAssistance: (household, _args, { loaders }) => loaders.temporaryByHouseholdId.load(household.id),
  condolences: (household, _args, { loaders }) => loaders.condolencesByHouseholdId.load(household.id),
  specialCareRecipients: (household, _args, { loaders }) => loaders.specialCareByHouseholdId.load(household.id),
  gloryPlaque: (household, _args, { loaders }) => loaders.plaqueByHouseholdId.load(household.id),
  houseRebuildings: (household, _args, { loaders }) => loaders.rebuildingsByHouseholdId.load(household.id),
  assistancePayments: async (household, args, { loaders }) => {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after);
    const rows = await loaders.paymentPagesByHousehold.load({ parentId: household.id, first, after });
    return { householdId: household.id, ...pageInfo(rows, first, after, (p) => encodeCursor(p.period, p.id)) };
  },
};
