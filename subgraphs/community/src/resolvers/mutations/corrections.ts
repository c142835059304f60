import { toIsoDate } from '@hub/scalars';
import type { MutationResolvers } from '../../generated/resolvers-types';
import type { SupervisionVisitRow } from '../../data/models';
import { dbDate, mutate, type Tx } from './run';

const fileOfVisit = (tx: Tx, visit: SupervisionVisitRow) => tx.supervisionFile.findUniqueOrThrow({ where: { id: visit.fileId } });

/** Corrections of records that are otherwise append-only: sessions, visits, patrol logs, declarations. */
export const correctionMutations: MutationResolvers = {
  updateMediationSession: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const session = await v.record('id', input.id, (id) => tx.mediationSession.findUnique({ where: { id } }), 'mediation session', async (s) =>
        v.inside((await tx.dispute.findUniqueOrThrow({ where: { id: s.disputeId } })).regionCode),
      );
      const dispute = session ? await tx.dispute.findUniqueOrThrow({ where: { id: session.disputeId } }) : null;
      if (dispute && dispute.status !== 'MEDIATING') v.add('id', 'INVALID_TRANSITION', `the dispute is ${dispute.status}: its sessions are closed`);
      const date = input.date === undefined || input.date === null ? undefined : v.date('date', input.date);
      if (dispute && date) v.order('date', toIsoDate(dispute.reportedOn), date, 'the report date');
      const mediator = input.mediator === undefined || input.mediator === null ? undefined : v.text('mediator', input.mediator, { required: true, max: 50 });
      const notes = input.notes === undefined || input.notes === null ? undefined : v.text('notes', input.notes, { required: true, max: 2000 });
      v.done();
      return tx.mediationSession.update({ where: { id: session!.id }, data: { sessionDate: date ? dbDate(date) : undefined, mediator: mediator ?? undefined, notes: notes ?? undefined } });
    });
    return { mediationSession: result.value, userErrors: result.userErrors };
  },

  updateSupervisionVisit: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const visit = await v.record('id', input.id, (id) => tx.supervisionVisit.findUnique({ where: { id } }), 'supervision visit', async (sv) => v.inside((await fileOfVisit(tx, sv)).regionCode));
      const summary = input.summary === undefined || input.summary === null ? undefined : v.text('summary', input.summary, { required: true, max: 2000 });
      v.done();
      const updated = await tx.supervisionVisit.update({ where: { id: visit!.id }, data: { summary: summary ?? undefined, help: input.help ? [...new Set(input.help)] : undefined } });
      return { ...updated, personId: (await fileOfVisit(tx, updated)).personId };
    });
    return { supervisionVisit: result.value, userErrors: result.userErrors };
  },

  updatePatrolLog: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const log = await v.record('id', input.id, (id) => tx.patrolLog.findUnique({ where: { id } }), 'patrol log', async (l) =>
        v.inside((await tx.governanceOrganisation.findUniqueOrThrow({ where: { id: l.organisationId } })).regionCode),
      );
      const findings = input.findings === undefined || input.findings === null ? undefined : v.text('findings', input.findings, { required: true, max: 2000 });
      const hazards = input.hazardsFound === undefined || input.hazardsFound === null ? undefined : v.int('hazardsFound', input.hazardsFound, 0, 1000);
      v.done();
      return tx.patrolLog.update({ where: { id: log!.id }, data: { findings: findings ?? undefined, hazardsFound: hazards, reportedToPolice: input.reportedToPolice ?? undefined } });
    });
    return { patrolLog: result.value, userErrors: result.userErrors };
  },

  updateCadreRelative: async (_p, { input }, { db, loaders, caller }) => {
    const result = await mutate(db, loaders.today, caller, async (v, tx) => {
      const declaration = await v.record('id', input.id, (id) => tx.cadreRelative.findUnique({ where: { id } }), 'declaration', async (r) =>
        v.inside((await tx.cadre.findUniqueOrThrow({ where: { id: r.cadreId } })).regionCode),
      );
      v.done();
      return tx.cadreRelative.update({ where: { id: declaration!.id }, data: { relation: input.relation } });
    });
    return { cadreRelation: result.value, userErrors: result.userErrors };
  },
};
