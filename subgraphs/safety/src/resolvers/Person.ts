import type { HouseholdResolvers, PersonResolvers } from '../generated/resolvers-types';
import type { Context } from '../context';
import { todayIso } from '../domain/dates';
import { isCurrent } from './HighRisk';

/**
 * The audit row of a household-level read names the household (the directive notes it) and the persons
 * of the records returned, which only the records know.
 */
function noteRecordPersons<T extends { personId: string | null }>(context: Context, field: string, rows: T[]): T[] {
  for (const row of rows) if (row.personId) context.audit.note('DISABILITY', field, row.personId);
  return rows;
}

// Persons and households are community's and safety stores no home region for them: a reference resolves
// to its key alone (so an unknown or out-of-jurisdiction id looks like a person without safety records),
// and every record below is limited, in its loader, to the region codes of the caller's jurisdiction
// (injury_record.region_code, high_risk_member.region_code).
export const Person: PersonResolvers = {
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
  injuries: async (household, _args, context) => noteRecordPersons(context, 'Household.injuries', await context.loaders.injuriesByHouseholdId.load(household.id)),
  highRiskEntries: (household, _args, { loaders }) => loaders.highRiskByHouseholdId.load(household.id),
};
