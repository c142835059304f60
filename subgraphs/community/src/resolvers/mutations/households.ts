import { randomUUID } from 'node:crypto';
import { checkIdNumber } from '@hub/identifiers';
import type { MutationResolvers } from '../../generated/resolvers-types';
import { planMembershipChange, type CurrentMember, type MembershipChange, type MembershipPlan } from '../../domain/membership';
import { checkResidentTag } from '../../domain/tags';
import { ageOn, toIsoDate } from '@hub/scalars';
import { dbDate, mutate, once, type Tx, type Validator } from './run';

const PHONE = /^1\d{10}$/;

/** Locks the household row so concurrent membership changes of one household run one after another. */
async function currentMembers(tx: Tx, householdId: string): Promise<CurrentMember[]> {
  await tx.$queryRaw`SELECT id FROM "community"."household" WHERE id = ${householdId}::uuid FOR UPDATE`;
  const rows = await tx.householdMembership.findMany({ where: { householdId, endDate: null }, orderBy: { startDate: 'asc' } });
  return rows.map((m) => ({ membershipId: m.id, personId: m.personId, relation: m.relation, startDate: toIsoDate(m.startDate) }));
}

async function applyPlan(tx: Tx, householdId: string, plan: MembershipPlan): Promise<void> {
  for (const end of plan.end) {
    await tx.householdMembership.update({ where: { id: end.membershipId }, data: { endDate: dbDate(end.endDate), endReason: end.reason } });
  }
  if (plan.start.length > 0) {
    await tx.householdMembership.createMany({
      data: plan.start.map((s) => ({ id: randomUUID(), householdId, personId: s.personId, relation: s.relation, startDate: dbDate(s.startDate) })),
    });
  }
}

/** Plans a change or refuses with the rule's errors. */
function plan(v: Validator, members: CurrentMember[], change: MembershipChange, date: string): MembershipPlan {
  const result = planMembershipChange(members, change, date);
  if (!result.ok) v.addAll(result.errors);
  v.done();
  return (result as { plan: MembershipPlan }).plan;
}

async function requireNoCurrentHousehold(v: Validator, field: string, personId: string): Promise<void> {
  const current = await v.tx.householdMembership.findFirst({ where: { personId, endDate: null } });
  if (current) v.add(field, 'RULE_VIOLATION', 'the person already belongs to a household: move the member instead');
}

async function gridOf(v: Validator, gridId: string | null | undefined, regionCode: string | undefined): Promise<void> {
  const grid = await v.record('gridId', gridId, (id) => v.tx.grid.findUnique({ where: { id } }), 'grid', (g) => v.inside(g.regionCode));
  if (grid && regionCode && grid.regionCode !== regionCode) v.add('gridId', 'INVALID', `the grid belongs to ${grid.regionCode}, not ${regionCode}`);
}

export const householdMutations: MutationResolvers = {
  createPerson: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const name = v.text('name', input.name, { required: true, max: 50 });
      const birthDate = v.date('birthDate', input.birthDate);
      const check = checkIdNumber(input.idNumber);
      if (!check.valid) v.add('idNumber', 'INVALID', check.message);
      else if (await tx.person.findUnique({ where: { idNumber: check.normalized } })) v.add('idNumber', 'DUPLICATE', 'a person with this ID number is registered');
      const phone = v.text('phone', input.phone, { max: 11 });
      if (phone && !PHONE.test(phone)) v.add('phone', 'INVALID', 'must be 11 digits starting with 1');
      const ethnicity = v.text('ethnicity', input.ethnicity, { max: 20 }) ?? '汉族';
      v.done();
      return tx.person.create({
        data: { id: randomUUID(), name: name!, gender: input.gender, birthDate: dbDate(birthDate!), idNumber: (check as { normalized: string }).normalized, phone, ethnicity, partyMember: input.partyMember ?? false },
      });
    });
    return { person: result.value, userErrors: result.userErrors };
  },

  updatePerson: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const person = await v.person('id', input.id);
      const name = input.name === undefined || input.name === null ? undefined : v.text('name', input.name, { required: true, max: 50 });
      const phone = input.phone === undefined ? undefined : v.text('phone', input.phone, { max: 11 });
      if (phone && !PHONE.test(phone)) v.add('phone', 'INVALID', 'must be 11 digits starting with 1');
      const ethnicity = input.ethnicity === undefined || input.ethnicity === null ? undefined : v.text('ethnicity', input.ethnicity, { required: true, max: 20 });
      v.done();
      return tx.person.update({
        where: { id: person!.id },
        data: { name: name ?? undefined, phone, ethnicity: ethnicity ?? undefined, partyMember: input.partyMember ?? undefined },
      });
    });
    return { person: result.value, userErrors: result.userErrors };
  },

  createHousehold: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const householdNumber = v.text('householdNumber', input.householdNumber, { required: true, max: 30 });
      if (householdNumber && (await tx.household.findUnique({ where: { householdNumber } }))) v.add('householdNumber', 'DUPLICATE', 'a household with this number exists');
      const region = await v.community('regionCode', input.regionCode);
      await gridOf(v, input.gridId, region?.code);
      const address = v.text('address', input.address, { required: true, max: 200 });
      const since = v.date('since', input.since);
      const head = await v.person('headPersonId', input.headPersonId, { placing: true });
      if (head) await requireNoCurrentHousehold(v, 'headPersonId', head.id);
      if (head) v.order('since', toIsoDate(head.birthDate), since, "the head's birth");
      v.done();
      const household = await tx.household.create({
        data: { id: randomUUID(), householdNumber: householdNumber!, regionCode: region!.code, gridId: input.gridId ?? null, address: address!, registrationType: input.registrationType },
      });
      await applyPlan(tx, household.id, plan(v, [], { kind: 'JOIN', personId: head!.id, relation: 'HEAD' }, since!));
      return household;
    });
    return { household: result.value, userErrors: result.userErrors };
  },

  updateHousehold: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const household = await v.household('id', input.id);
      const address = input.address === undefined || input.address === null ? undefined : v.text('address', input.address, { required: true, max: 200 });
      if (household && input.gridId) await gridOf(v, input.gridId, household.regionCode);
      v.done();
      return tx.household.update({
        where: { id: household!.id },
        data: { address: address ?? undefined, gridId: input.gridId === undefined ? undefined : input.gridId, registrationType: input.registrationType ?? undefined },
      });
    });
    return { household: result.value, userErrors: result.userErrors };
  },

  addHouseholdMember: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const household = await v.household('householdId', input.householdId);
      const person = await v.person('personId', input.personId, { placing: true });
      const since = v.date('since', input.since);
      if (person) await requireNoCurrentHousehold(v, 'personId', person.id);
      if (person) v.order('since', toIsoDate(person.birthDate), since, "the member's birth");
      v.done();
      await applyPlan(tx, household!.id, plan(v, await currentMembers(tx, household!.id), { kind: 'JOIN', personId: person!.id, relation: input.relation }, since!));
      return household!;
    }, once('addHouseholdMember', input, (tx, id) => tx.household.findUniqueOrThrow({ where: { id } })));
    return { household: result.value, userErrors: result.userErrors };
  },

  changeHouseholdHead: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const household = await v.household('householdId', input.householdId);
      const date = v.date('effectiveDate', input.effectiveDate);
      v.done();
      const change: MembershipChange = { kind: 'CHANGE_HEAD', newHeadPersonId: input.newHeadPersonId, formerHeadRelation: input.formerHeadRelation };
      await applyPlan(tx, household!.id, plan(v, await currentMembers(tx, household!.id), change, date!));
      return household!;
    }, once('changeHouseholdHead', input, (tx, id) => tx.household.findUniqueOrThrow({ where: { id } })));
    return { household: result.value, userErrors: result.userErrors };
  },

  moveHouseholdMember: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const person = await v.person('personId', input.personId);
      const target = await v.household('toHouseholdId', input.toHouseholdId);
      const date = v.date('effectiveDate', input.effectiveDate);
      const from = person ? await tx.householdMembership.findFirst({ where: { personId: person.id, endDate: null } }) : null;
      if (person && !from) v.add('personId', 'RULE_VIOLATION', 'the person belongs to no household: add the member instead');
      if (from && target && from.householdId === target.id) v.add('toHouseholdId', 'INVALID', 'the person already belongs to this household');
      v.done();
      // Lock both households in id order so two opposite moves cannot deadlock.
      const [first, second] = [from!.householdId, target!.id].sort();
      const lists = new Map([[first!, await currentMembers(tx, first!)], [second!, await currentMembers(tx, second!)]]);
      const leave = plan(v, lists.get(from!.householdId)!, { kind: 'LEAVE', personId: person!.id, reason: 'MOVED', newHeadPersonId: input.newHeadPersonId }, date!);
      const join = plan(v, lists.get(target!.id)!, { kind: 'JOIN', personId: person!.id, relation: input.relation }, date!);
      await applyPlan(tx, from!.householdId, leave);
      await applyPlan(tx, target!.id, join);
      return target!;
    }, once('moveHouseholdMember', input, (tx, id) => tx.household.findUniqueOrThrow({ where: { id } })));
    return { household: result.value, userErrors: result.userErrors };
  },

  endHouseholdMembership: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const household = await v.household('householdId', input.householdId);
      const date = v.date('effectiveDate', input.effectiveDate);
      v.done();
      const change: MembershipChange = { kind: 'LEAVE', personId: input.personId, reason: input.reason, newHeadPersonId: input.newHeadPersonId };
      await applyPlan(tx, household!.id, plan(v, await currentMembers(tx, household!.id), change, date!));
      return household!;
    }, once('endHouseholdMembership', input, (tx, id) => tx.household.findUniqueOrThrow({ where: { id } })));
    return { household: result.value, userErrors: result.userErrors };
  },

  addResidentTag: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const person = await v.person('personId', input.personId);
      const since = v.date('since', input.since);
      const note = v.text('note', input.note, { max: 500 });
      if (person) {
        const membership = await tx.householdMembership.findFirst({ where: { personId: person.id, endDate: null } });
        const size = membership ? await tx.householdMembership.count({ where: { householdId: membership.householdId, endDate: null } }) : 0;
        v.addAll(checkResidentTag(input.kind, ageOn(toIsoDate(person.birthDate), loaders.today), size));
        if (await tx.residentTag.findFirst({ where: { personId: person.id, kind: input.kind, endDate: null } })) v.add('kind', 'DUPLICATE', 'the person already carries this tag');
      }
      v.done();
      return tx.residentTag.create({ data: { id: randomUUID(), personId: person!.id, kind: input.kind, startDate: dbDate(since!), note } });
    });
    return { residentTag: result.value, userErrors: result.userErrors };
  },

  endResidentTag: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const tag = await v.record('id', input.id, (id) => tx.residentTag.findUnique({ where: { id } }), 'tag', async (t) => v.inside(await v.personRegion(t.personId)));
      const until = v.date('until', input.until);
      if (tag?.endDate) v.add('id', 'INVALID_TRANSITION', 'the tag has already ended');
      if (tag) v.order('until', toIsoDate(tag.startDate), until, 'the tag start');
      v.done();
      return tx.residentTag.update({ where: { id: tag!.id }, data: { endDate: dbDate(until!) } });
    });
    return { residentTag: result.value, userErrors: result.userErrors };
  },

  awardHouseholdHonour: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const household = await v.household('householdId', input.householdId);
      const year = v.int('year', input.year, 1949, Number(loaders.today.slice(0, 4)));
      const awardingBody = v.text('awardingBody', input.awardingBody, { required: true, max: 100 });
      if (household && (await tx.householdHonour.findFirst({ where: { householdId: household.id, kind: input.kind, year } }))) {
        v.add('kind', 'DUPLICATE', `the household already holds this honour for ${year}`);
      }
      v.done();
      return tx.householdHonour.create({ data: { id: randomUUID(), householdId: household!.id, kind: input.kind, year, awardingBody: awardingBody! } });
    });
    return { householdHonour: result.value, userErrors: result.userErrors };
  },

  updateHouseholdHonour: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const honour = await v.record('id', input.id, (id) => tx.householdHonour.findUnique({ where: { id } }), 'honour', async (h) =>
        v.inside((await tx.household.findUniqueOrThrow({ where: { id: h.householdId } })).regionCode),
      );
      const year = input.year === null || input.year === undefined ? undefined : v.int('year', input.year, 1949, Number(loaders.today.slice(0, 4)));
      const awardingBody = input.awardingBody === null || input.awardingBody === undefined ? undefined : v.text('awardingBody', input.awardingBody, { required: true, max: 100 });
      if (honour && year !== undefined && year !== honour.year && (await tx.householdHonour.findFirst({ where: { householdId: honour.householdId, kind: honour.kind, year } }))) {
        v.add('year', 'DUPLICATE', `the household already holds this honour for ${year}`);
      }
      v.done();
      return tx.householdHonour.update({ where: { id: honour!.id }, data: { year, awardingBody: awardingBody ?? undefined } });
    });
    return { householdHonour: result.value, userErrors: result.userErrors };
  },
};
