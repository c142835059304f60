import type { PersonResolvers } from '../generated/resolvers-types';

export const Person: PersonResolvers = {
  // Persons are community's: any id is accepted here and simply has no safety rows when unknown.
  __resolveReference: ({ id }) => ({ id }),
  injuries: (person, _args, { loaders }) => loaders.injuriesByPersonId.load(person.id),
};
