import type { PersonResolvers } from '../generated/resolvers-types';

export const Person: PersonResolvers = {
  // Community owns the person; this subgraph answers for them unless it knows them only in other regions
  // (and every record below is narrowed to the caller's jurisdiction by the loaders).
  __resolveReference: async ({ id }, { loaders }) => ((await loaders.personReachable.load(id)) ? { id } : null),
  disability: (person, _args, { loaders }) => loaders.disabilityByPersonId.load(person.id),
  disabilityGrade: async (person, _args, { loaders }) => (await loaders.disabilityByPersonId.load(person.id))?.grade ?? null,
  deceased: async (person, _args, { loaders }) => (await loaders.deathByPersonId.load(person.id)) !== null,
  assistanceEnrolments: (person, _args, { loaders }) => loaders.enrolmentsByPersonId.load(person.id),
  death: (person, _args, { loaders }) => loaders.deathByPersonId.load(person.id),
  medicalAssistance: (person, _args, { loaders }) => loaders.medicalByPersonId.load(person.id),
  specialCare: (person, _args, { loaders }) => loaders.specialCareByPersonId.load(person.id),
  careResidence: (person, _args, { loaders }) => loaders.currentResidenceByPersonId.load(person.id),
  isReliefOfficerRelative: (person, _args, { loaders }) => loaders.isOfficerRelative.load(person.id),
};
