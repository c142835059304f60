import type { PersonResolvers } from '../generated/resolvers-types';
import { ageOn, toIsoDate } from '@hub/scalars';
import type { Context } from '../context';
import type { CadreRelativeRow, CadreRow } from '../data/models';
import { personInJurisdiction, visiblePerson, visibleRecord, visibleRecords } from './access';

/** Rows of a batch load, with a loader error rethrown and unknown ids dropped. */
function present<T>(results: (T | null | Error)[]): T[] {
  for (const result of results) if (result instanceof Error) throw result;
  return results.filter((result): result is T => result !== null);
}

/** Declarations whose cadre serves in the caller's jurisdiction (one batched cadre load). */
export async function visibleCadreRelations({ caller, loaders }: Pick<Context, 'caller' | 'loaders'>, relations: CadreRelativeRow[]): Promise<CadreRelativeRow[]> {
  const cadres = present<CadreRow>(await loaders.cadreById.loadMany(relations.map((r) => r.cadreId)));
  const visible = new Set(visibleRecords(caller, cadres).map((c) => c.id));
  return relations.filter((r) => visible.has(r.cadreId));
}

// A person reached through a record of the caller's jurisdiction (a dispute's party, a cadre's relative) shows who
// they are; what else community holds about them only when community places the person inside the jurisdiction too.
// ID number and phone are masked by @hubMasked in the SDL (the subgraph runtime applies it), not here.
export const Person: PersonResolvers = {
  __resolveReference: async ({ id }, context) => visiblePerson(context, await context.loaders.personById.load(id)),
  birthDate: (person) => toIsoDate(person.birthDate),
  age: (person) => ageOn(toIsoDate(person.birthDate), toIsoDate(new Date())),
  household: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    const membership = await context.loaders.currentMembershipByPersonId.load(person.id);
    return membership ? visibleRecord(context.caller, await context.loaders.householdById.load(membership.householdId)) : null;
  },
  relationToHead: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    return (await context.loaders.currentMembershipByPersonId.load(person.id))?.relation ?? null;
  },
  tags: async (person, _args, context) => ((await personInJurisdiction(context, person.id)) ? context.loaders.currentTagsByPersonId.load(person.id) : null),
  floatingRegistrations: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    return visibleRecords(context.caller, await context.loaders.floatingRegistrationsByPersonId.load(person.id));
  },
  supervisionFile: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    return visibleRecord(context.caller, await context.loaders.supervisionFileByPersonId.load(person.id));
  },
  cadreRelations: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    return visibleCadreRelations(context, await context.loaders.servingCadreRelationsByPersonId.load(person.id));
  },
  // Every community's serving cadres count, and only a yes or no comes back: civil-affairs' conflict-of-interest
  // check at approval reads it through _entities with the approving officer as caller.
  isCadreNearRelative: async (person, _args, { loaders }) => (await loaders.servingCadreRelationsByPersonId.load(person.id)).length > 0,
  cadrePositions: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    return visibleRecords(context.caller, await context.loaders.cadresByPersonId.load(person.id));
  },
  disputes: async (person, _args, context) => {
    if (!(await personInJurisdiction(context, person.id))) return null;
    // Newest first (the statement's order).
    return visibleRecords(context.caller, await context.loaders.disputesByPartyPersonId.load(person.id));
  },
};
