import type { HouseholdResolvers, PersonResolvers } from '../generated/resolvers-types';
import { todayIso } from '../domain/dates';
import { isCurrent } from './HighRisk';

export const Person: PersonResolvers = {
  // Persons are community's: any id is accepted here and simply has no safety rows when unknown.
  __resolveReference: ({ id }) => ({ id }),
  injuries: (person, _args, { loaders }) => loaders.injuriesByPersonId.load(person.id),
  highRisk: async (person, _args, { loaders }) => {
    const today = todayIso();
    return (await loaders.highRiskByPersonId.load(person.id)).some((m) => isCurrent(m, today));
  },
  highRiskEntries: (person, _args, { loaders }) => loaders.highRiskByPersonId.load(person.id),
};

export const Household: HouseholdResolvers = {
  __resolveReference: ({ id }) => ({ id }),
  injuries: (household, _args, { loaders }) => loaders.injuriesByHouseholdId.load(household.id),
  highRiskEntries: (household, _args, { loaders }) => loaders.highRiskByHouseholdId.load(household.id),
};
