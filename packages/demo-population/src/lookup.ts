import { ageOn } from './calendar';
import type { DemoHousehold, DemoPerson, DemoPopulation } from './population';

/** Indexes over a population that every subgraph's demo loader needs: built once, shared by the loaders. */
export interface PopulationLookup {
  personById: ReadonlyMap<string, DemoPerson>;
  householdById: ReadonlyMap<string, DemoHousehold>;
  /** Age in whole years on the population's today (ageOn), by person id. */
  ageToday: ReadonlyMap<string, number>;
  /** Households by community code, in the population's order. */
  householdsByCommunity: ReadonlyMap<string, readonly DemoHousehold[]>;
}

const lookups = new WeakMap<DemoPopulation, PopulationLookup>();

/** The population's lookup, built on first use; the population must not change afterwards (the loaders only read it). */
export function lookup(population: DemoPopulation): PopulationLookup {
  let found = lookups.get(population);
  if (!found) {
    const personById = new Map<string, DemoPerson>();
    const ageToday = new Map<string, number>();
    for (const person of population.persons) {
      personById.set(person.id, person);
      ageToday.set(person.id, ageOn(person.birthDate, population.today));
    }
    const householdById = new Map<string, DemoHousehold>();
    const householdsByCommunity = new Map<string, DemoHousehold[]>();
    for (const household of population.households) {
      householdById.set(household.id, household);
      const list = householdsByCommunity.get(household.regionCode);
      if (list) list.push(household);
      else householdsByCommunity.set(household.regionCode, [household]);
    }
    found = { personById, householdById, ageToday, householdsByCommunity };
    lookups.set(population, found);
  }
  return found;
}
