import { randomUUID } from 'node:crypto';
import { toIsoDate } from '@hub/scalars';
import type { MutationResolvers } from '../../generated/resolvers-types';
import { checkDisputeTransition, CLOSED_STATUSES } from '../../domain/dispute';
import { dbDate, mutate, once, Refusal } from './run';
import { domainError } from '../../domain/errors';

export const disputeMutations: MutationResolvers = {
  reportDispute: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const summary = v.text('summary', input.summary, { required: true, max: 2000 });
      const reportedOn = v.date('reportedOn', input.reportedOn);
      const ids = input.parties.map((p) => p.personId);
      if (new Set(ids).size !== ids.length) v.add('parties', 'DUPLICATE', 'a person is named twice');
      if (new Set(ids).size < 2) v.add('parties', 'INVALID', 'a dispute has at least two parties');
      if (!input.parties.some((p) => p.role === 'APPLICANT')) v.add('parties', 'REQUIRED', 'name at least one applicant');
      // Parties the caller may name: residents of the jurisdiction, or persons placed nowhere yet.
      const found = await v.persons(ids, { placing: true });
      input.parties.forEach((p, i) => {
        if (!found.has(p.personId)) v.errors.push(domainError(['input', 'parties', String(i), 'personId'], 'NOT_FOUND', `no person has id ${p.personId}`));
      });
      v.done();
      const dispute = await tx.dispute.create({
        data: { id: randomUUID(), regionCode: region!.code, category: input.category, source: input.source, summary: summary!, reportedOn: dbDate(reportedOn!) },
      });
      await tx.disputeParty.createMany({ data: input.parties.map((p) => ({ id: randomUUID(), disputeId: dispute.id, personId: p.personId, role: p.role })) });
      return dispute;
    }, once('reportDispute', input, (tx, id) => tx.dispute.findUniqueOrThrow({ where: { id } })));
    return { dispute: result.value, userErrors: result.userErrors };
  },

  updateDispute: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const dispute = await v.record('id', input.id, (id) => tx.dispute.findUnique({ where: { id } }), 'dispute', (d) => v.inside(d.regionCode));
      const summary = input.summary === undefined || input.summary === null ? undefined : v.text('summary', input.summary, { required: true, max: 2000 });
      if (dispute && CLOSED_STATUSES.includes(dispute.status)) v.add('id', 'INVALID_TRANSITION', `a ${dispute.status} dispute is closed`);
      v.done();
      return tx.dispute.update({ where: { id: dispute!.id }, data: { summary: summary ?? undefined, category: input.category ?? undefined, version: { increment: 1 } } });
    });
    return { dispute: result.value, userErrors: result.userErrors };
  },

  recordMediationSession: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const dispute = await v.record('disputeId', input.disputeId, (id) => tx.dispute.findUnique({ where: { id } }), 'dispute', (d) => v.inside(d.regionCode));
      const date = v.date('date', input.date);
      if (dispute) v.order('date', toIsoDate(dispute.reportedOn), date, 'the report date');
      if (dispute && dispute.status !== 'MEDIATING') v.add('disputeId', 'INVALID_TRANSITION', `sessions are recorded while MEDIATING, the dispute is ${dispute.status}`);
      const mediator = v.text('mediator', input.mediator, { required: true, max: 50 });
      const notes = v.text('notes', input.notes, { required: true, max: 2000 });
      v.done();
      return tx.mediationSession.create({ data: { id: randomUUID(), disputeId: dispute!.id, sessionDate: dbDate(date!), mediator: mediator!, notes: notes! } });
    }, once('recordMediationSession', input, (tx, id) => tx.mediationSession.findUniqueOrThrow({ where: { id } })));
    return { mediationSession: result.value, userErrors: result.userErrors };
  },

  transitionDispute: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const dispute = await v.record('disputeId', input.disputeId, (id) => tx.dispute.findUnique({ where: { id } }), 'dispute', (d) => v.inside(d.regionCode));
      const date = v.date('date', input.date, { future: true });
      v.done();
      const sessionCount = await tx.mediationSession.count({ where: { disputeId: dispute!.id } });
      const step = { to: input.to, date: date!, agreement: input.agreement, referredTo: input.referredTo, note: input.note };
      v.addAll(checkDisputeTransition({ status: dispute!.status, reportedOn: toIsoDate(dispute!.reportedOn), sessionCount }, step, loaders.today));
      const agreement = v.text('agreement', input.agreement, { max: 4000 });
      const referredTo = v.text('referredTo', input.referredTo, { max: 100 });
      const note = v.text('note', input.note, { max: 2000 });
      v.done();
      const closing = CLOSED_STATUSES.includes(input.to);
      // Optimistic check: the status read above must still hold when writing.
      const updated = await tx.dispute.updateMany({
        where: { id: dispute!.id, version: dispute!.version },
        data: {
          status: input.to,
          version: { increment: 1 },
          ...(closing ? { closedOn: dbDate(date!), agreement: input.to === 'RESOLVED' ? agreement : null, referredTo: input.to === 'REFERRED' ? referredTo : null, closingNote: note } : {}),
        },
      });
      if (updated.count !== 1) throw new Refusal([domainError(['input', 'disputeId'], 'CONFLICT', 'the dispute was changed by someone else; reload it')]);
      return tx.dispute.findUniqueOrThrow({ where: { id: dispute!.id } });
    }, once('transitionDispute', input, (tx, id) => tx.dispute.findUniqueOrThrow({ where: { id } })));
    return { dispute: result.value, userErrors: result.userErrors };
  },

  recordPetitionVisit: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const region = await v.community('regionCode', input.regionCode);
      const date = v.date('date', input.date);
      const visitor = await v.person('visitorPersonId', input.visitorPersonId, { placing: true });
      const name = v.text('visitorName', input.visitorName, { required: !input.visitorPersonId, max: 50 }) ?? visitor?.name ?? null;
      const subject = v.text('subject', input.subject, { required: true, max: 1000 });
      const cadre = await v.cadre('receivingCadreId', input.receivingCadreId);
      if (cadre && region && cadre.regionCode !== region.code) v.add('receivingCadreId', 'RULE_VIOLATION', `the cadre serves ${cadre.regionCode}, not ${region.code}`);
      const note = v.text('note', input.note, { max: 1000 });
      v.done();
      return tx.petitionVisit.create({
        data: {
          id: randomUUID(),
          regionCode: region!.code,
          visitDate: dbDate(date!),
          visitorPersonId: visitor?.id ?? null,
          visitorName: name!,
          subject: subject!,
          cadreId: cadre!.id,
          outcome: input.outcome ?? 'PENDING',
          escalated: input.escalated ?? false,
          note,
        },
      });
    }, once('recordPetitionVisit', input, (tx, id) => tx.petitionVisit.findUniqueOrThrow({ where: { id } })));
    return { petitionVisit: result.value, userErrors: result.userErrors };
  },

  updatePetitionVisit: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const visit = await v.record('id', input.id, (id) => tx.petitionVisit.findUnique({ where: { id } }), 'petition visit', (p) => v.inside(p.regionCode));
      const note = input.note === undefined ? undefined : v.text('note', input.note, { max: 1000 });
      if (visit && input.outcome === 'PENDING' && visit.outcome !== 'PENDING') v.add('outcome', 'INVALID_TRANSITION', 'an answered visit does not go back to PENDING');
      v.done();
      return tx.petitionVisit.update({ where: { id: visit!.id }, data: { outcome: input.outcome ?? undefined, escalated: input.escalated ?? undefined, note } });
    });
    return { petitionVisit: result.value, userErrors: result.userErrors };
  },
};
