import type { PersonResolvers } from '../generated/resolvers-types';
import { ageOn, toIsoDate } from '@hub/scalars';
import type { DisputeRow } from '../data/models';
import { maskIdNumber, maskPhone } from '@hub/identifiers';

export const Person: PersonResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.personById.load(id),
  birthDate: (person) => toIsoDate(person.birthDate),
  age: (person) => ageOn(toIsoDate(person.birthDate), toIsoDate(new Date())),
  // Masked by default (domain.md): unmasked reads come with the access model's pii:read scope.
  idNumber: (person) => maskIdNumber(person.idNumber),
  phone: (person) => (person.phone ? maskPhone(person.phone) : null),
  household: async (person, _args, { loaders }) => {
    const membership = await loaders.currentMembershipByPersonId.load(person.id);
    return membership ? loaders.householdById.load(membership.householdId) : null;
  },
  relationToHead: async (person, _args, { loaders }) => (await loaders.currentMembershipByPersonId.load(person.id))?.relation ?? null,
  tags: (person, _args, { loaders }) => loaders.currentTagsByPersonId.load(person.id),
  floatingRegistrations: (person, _args, { loaders }) => loaders.floatingRegistrationsByPersonId.load(person.id),
  // Requires the supervision:read scope once the access model lands (schema description says so).
  supervisionFile: (person, _args, { loaders }) => loaders.supervisionFileByPersonId.load(person.id),
  cadreRelations: (person, _args, { loaders }) => loaders.servingCadreRelationsByPersonId.load(person.id),
  isCadreNearRelative: async (person, _args, { loaders }) => (await loaders.servingCadreRelationsByPersonId.load(person.id)).length > 0,
  cadrePositions: (person, _args, { loaders }) => loaders.cadresByPersonId.load(person.id),
  disputes: async (person, _args, { loaders }) => {
    const parties = await loaders.partiesByPersonId.load(person.id);
    const disputes = await loaders.disputeById.loadMany(parties.map((p) => p.disputeId));
    return disputes
      .filter((d): d is DisputeRow => d !== null && !(d instanceof Error))
      .sort((a, b) => b.reportedOn.getTime() - a.reportedOn.getTime() || b.id.localeCompare(a.id));
  },
};
