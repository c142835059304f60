import { randomUUID } from 'node:crypto';
import { toIsoDate } from '@hub/scalars';
import type { MutationResolvers } from '../../generated/resolvers-types';
import { checkAdmissionDecision } from '../../domain/admission';
import { dbDate, mutate, once } from './run';

export const organisationMutations: MutationResolvers = {
  createGovernanceOrganisation: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const name = v.text('name', input.name, { required: true, max: 100 });
      const foundedOn = v.date('foundedOn', input.foundedOn);
      if (region && (await tx.governanceOrganisation.findFirst({ where: { regionCode: region.code, kind: input.kind } }))) {
        v.add('kind', 'DUPLICATE', 'the community already has this organisation');
      }
      v.done();
      return tx.governanceOrganisation.create({ data: { id: randomUUID(), regionCode: region!.code, kind: input.kind, name: name!, foundedOn: dbDate(foundedOn!) } });
    });
    return { governanceOrganisation: result.value, userErrors: result.userErrors };
  },

  updateGovernanceOrganisation: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const organisation = await v.record('id', input.id, (id) => tx.governanceOrganisation.findUnique({ where: { id } }), 'organisation', (o) => v.inside(o.regionCode));
      const name = v.text('name', input.name, { required: true, max: 100 });
      v.done();
      return tx.governanceOrganisation.update({ where: { id: organisation!.id }, data: { name: name! } });
    });
    return { governanceOrganisation: result.value, userErrors: result.userErrors };
  },

  addOrganisationMember: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const organisation = await v.record('organisationId', input.organisationId, (id) => tx.governanceOrganisation.findUnique({ where: { id } }), 'organisation', (o) => v.inside(o.regionCode));
      const person = await v.person('personId', input.personId, { placing: true });
      const name = v.text('name', input.name, { required: !input.personId, max: 50 }) ?? person?.name ?? null;
      const since = v.date('since', input.since);
      if (organisation && person && (await tx.organisationMember.findFirst({ where: { organisationId: organisation.id, personId: person.id, endDate: null } }))) {
        v.add('personId', 'DUPLICATE', 'the person is already a member');
      }
      v.done();
      return tx.organisationMember.create({ data: { id: randomUUID(), organisationId: organisation!.id, personId: person?.id ?? null, name: name!, role: input.role, startDate: dbDate(since!) } });
    });
    return { organisationMember: result.value, userErrors: result.userErrors };
  },

  endOrganisationMembership: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const member = await v.record('id', input.id, (id) => tx.organisationMember.findUnique({ where: { id } }), 'organisation member', async (m) =>
        v.inside((await tx.governanceOrganisation.findUniqueOrThrow({ where: { id: m.organisationId } })).regionCode),
      );
      const until = v.date('until', input.until);
      if (member?.endDate) v.add('id', 'INVALID_TRANSITION', 'the membership has already ended');
      if (member) v.order('until', toIsoDate(member.startDate), until, 'the start');
      v.done();
      return tx.organisationMember.update({ where: { id: member!.id }, data: { endDate: dbDate(until!) } });
    });
    return { organisationMember: result.value, userErrors: result.userErrors };
  },

  recordPatrolLog: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const organisation = await v.record('organisationId', input.organisationId, (id) => tx.governanceOrganisation.findUnique({ where: { id } }), 'organisation', (o) => v.inside(o.regionCode));
      if (organisation && organisation.kind !== 'PATROL_TEAM') v.add('organisationId', 'RULE_VIOLATION', `patrol logs belong to the patrol team, not a ${organisation.kind}`);
      const date = v.date('date', input.date);
      if (organisation) v.order('date', toIsoDate(organisation.foundedOn), date, 'the founding');
      v.int('patrollers', input.patrollers, 1, 500);
      const route = v.text('route', input.route, { required: true, max: 200 });
      const findings = v.text('findings', input.findings, { required: true, max: 2000 });
      const hazards = v.int('hazardsFound', input.hazardsFound ?? 0, 0, 1000);
      v.done();
      return tx.patrolLog.create({
        data: { id: randomUUID(), organisationId: organisation!.id, patrolDate: dbDate(date!), patrollers: input.patrollers, route: route!, findings: findings!, hazardsFound: hazards, reportedToPolice: input.reportedToPolice ?? false },
      });
    });
    return { patrolLog: result.value, userErrors: result.userErrors };
  },

  registerVolunteer: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const person = await v.person('personId', input.personId, { placing: true });
      const name = v.text('name', input.name, { required: !input.personId, max: 50 }) ?? person?.name ?? null;
      const team = v.text('team', input.team, { required: true, max: 100 });
      const skills = v.text('skills', input.skills, { max: 200 });
      const since = v.date('since', input.since);
      v.done();
      return tx.volunteer.create({ data: { id: randomUUID(), regionCode: region!.code, personId: person?.id ?? null, name: name!, team: team!, skills, startDate: dbDate(since!) } });
    });
    return { volunteer: result.value, userErrors: result.userErrors };
  },

  updateVolunteer: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const volunteer = await v.record('id', input.id, (id) => tx.volunteer.findUnique({ where: { id } }), 'volunteer', (x) => v.inside(x.regionCode));
      const team = input.team === undefined || input.team === null ? undefined : v.text('team', input.team, { required: true, max: 100 });
      const skills = input.skills === undefined ? undefined : v.text('skills', input.skills, { max: 200 });
      const until = input.until === undefined || input.until === null ? undefined : v.date('until', input.until);
      if (volunteer && until) {
        if (volunteer.endDate) v.add('until', 'INVALID_TRANSITION', 'the service has already ended');
        v.order('until', toIsoDate(volunteer.startDate), until, 'the start');
      }
      v.done();
      return tx.volunteer.update({ where: { id: volunteer!.id }, data: { team: team ?? undefined, skills, endDate: until ? dbDate(until) : undefined } });
    });
    return { volunteer: result.value, userErrors: result.userErrors };
  },

  appointCadre: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const person = await v.person('personId', input.personId, { placing: true });
      const name = v.text('name', input.name, { required: !input.personId, max: 50 }) ?? person?.name ?? null;
      const since = v.date('since', input.since);
      if (region && person && (await tx.cadre.findFirst({ where: { regionCode: region.code, personId: person.id, position: input.position, endDate: null } }))) {
        v.add('position', 'DUPLICATE', 'the person already holds this position there');
      }
      v.done();
      return tx.cadre.create({ data: { id: randomUUID(), regionCode: region!.code, personId: person?.id ?? null, name: name!, position: input.position, startDate: dbDate(since!) } });
    });
    return { cadre: result.value, userErrors: result.userErrors };
  },

  updateCadre: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const cadre = await v.cadre('id', input.id);
      const until = input.until === undefined || input.until === null ? undefined : v.date('until', input.until);
      if (cadre && until) {
        if (cadre.endDate) v.add('until', 'INVALID_TRANSITION', 'the term has already ended');
        v.order('until', toIsoDate(cadre.startDate), until, 'the start');
      }
      v.done();
      return tx.cadre.update({ where: { id: cadre!.id }, data: { position: input.position ?? undefined, endDate: until ? dbDate(until) : undefined } });
    });
    return { cadre: result.value, userErrors: result.userErrors };
  },

  declareCadreRelative: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const cadre = await v.cadre('cadreId', input.cadreId);
      const person = await v.person('personId', input.personId, { placing: true });
      const declaredOn = v.date('declaredOn', input.declaredOn);
      if (cadre && person && cadre.personId === person.id) v.add('personId', 'INVALID', 'a cadre is not their own relative');
      if (cadre && person && (await tx.cadreRelative.findFirst({ where: { cadreId: cadre.id, personId: person.id } }))) v.add('personId', 'DUPLICATE', 'already declared');
      v.done();
      return tx.cadreRelative.create({ data: { id: randomUUID(), cadreId: cadre!.id, personId: person!.id, relation: input.relation, declaredOn: dbDate(declaredOn!) } });
    });
    return { cadreRelation: result.value, userErrors: result.userErrors };
  },

  requestWorkAdmission: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const department = v.text('department', input.department, { required: true, max: 100 });
      const title = v.text('title', input.title, { required: true, max: 200 });
      const requestedOn = v.date('requestedOn', input.requestedOn);
      const funding = input.funding ?? 0n;
      if (funding < 0n) v.add('funding', 'INVALID', 'must not be negative');
      v.done();
      return tx.workAdmission.create({
        data: { id: randomUUID(), regionCode: region!.code, department: department!, title: title!, kind: input.kind, requestedOn: dbDate(requestedOn!), fundingFen: funding },
      });
    }, once('requestWorkAdmission', input, (tx, id) => tx.workAdmission.findUniqueOrThrow({ where: { id } })));
    return { workAdmission: result.value, userErrors: result.userErrors };
  },

  decideWorkAdmission: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const request = await v.record('id', input.id, (id) => tx.workAdmission.findUnique({ where: { id } }), 'work admission request', (w) => v.inside(w.regionCode));
      const date = v.date('date', input.date, { future: true });
      v.done();
      const fundingFen = input.funding ?? request!.fundingFen;
      v.addAll(
        checkAdmissionDecision(
          { kind: request!.kind, status: request!.status, requestedOn: toIsoDate(request!.requestedOn) },
          { decision: input.decision, date: date!, decidedBy: input.decidedBy, refusalReason: input.refusalReason, fundingFen },
          loaders.today,
        ),
      );
      const decidedBy = v.text('decidedBy', input.decidedBy, { max: 100 });
      const reason = v.text('refusalReason', input.refusalReason, { max: 1000 });
      v.done();
      // Only a still-pending request is decided: a concurrent decision makes this update miss.
      const updated = await tx.workAdmission.updateMany({
        where: { id: request!.id, status: 'PENDING' },
        data: { status: input.decision, decidedOn: dbDate(date!), decidedBy, refusalReason: input.decision === 'REFUSED' ? reason : null, fundingFen: input.decision === 'APPROVED' ? fundingFen : request!.fundingFen },
      });
      if (updated.count !== 1) v.add('id', 'CONFLICT', 'someone else decided the request first');
      v.done();
      return tx.workAdmission.findUniqueOrThrow({ where: { id: request!.id } });
    }, once('decideWorkAdmission', input, (tx, id) => tx.workAdmission.findUniqueOrThrow({ where: { id } })));
    return { workAdmission: result.value, userErrors: result.userErrors };
  },
};
