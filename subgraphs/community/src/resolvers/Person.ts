import type { PersonResolvers } from '../generated/resolvers-types';
import { toIsoDate } from '@hub/scalars';
import { ageOn } from '../domain/age';
import { maskIdNumber, maskPhone } from '@hub/identifiers';

export const Person: PersonResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.personById.load(id),
  birthDate: (person) => toIsoDate(person.birthDate),
  age: (person) => ageOn(toIsoDate(person.birthDate)),
  // Masked by default (domain.md): unmasked reads come with the access model's pii:read scope.
  idNumber: (person) => maskIdNumber(person.idNumber),
  phone: (person) => (person.phone ? maskPhone(person.phone) : null),
  household: async (person, _args, { loaders }) => {
    const membership = await loaders.currentMembershipByPersonId.load(person.id);
    return membership ? loaders.householdById.load(membership.householdId) : null;
  },
  relationToHead: async (person, _args, { loaders }) => (await loaders.currentMembershipByPersonId.load(person.id))?.relation ?? null,
};
