import { toIsoDate } from '@hub/scalars';
import type { Resolvers } from '../generated/resolvers-types';
import type { Page } from '../data/models';
import { DISPUTE_TRANSITIONS } from '../domain/dispute';
import { mediationSuccessRate, registrationCoverage } from '../domain/rates';
import { isSupervisionActive, isSupervisionOverdue } from '../domain/supervision';
import { afterKeyset, decodeKeyset, toPage } from './keyset';
import { pageSize } from './pagination';

const iso = (date: Date): string => toIsoDate(date);
const isoOrNull = (date: Date | null): string | null => (date ? toIsoDate(date) : null);
const must = <T>(value: T | null): T => {
  if (value === null) throw new Error('dangling reference in the community database');
  return value;
};
const connection = { totalCount: <T>(page: Page<T>) => page.count() };

export const governanceResolvers: Resolvers = {
  ResidentTag: {
    person: async (tag, _a, { loaders }) => must(await loaders.personById.load(tag.personId)),
    since: (tag) => iso(tag.startDate),
    until: (tag) => isoOrNull(tag.endDate),
  },
  HouseholdHonour: {
    household: async (honour, _a, { loaders }) => must(await loaders.householdById.load(honour.householdId)),
  },
  FloatingRegistration: {
    person: async (r, _a, { loaders }) => must(await loaders.personById.load(r.personId)),
    region: async (r, _a, { loaders }) => must(await loaders.regionByCode.load(r.regionCode)),
    arrivalDate: (r) => iso(r.arrivalDate),
    residencePermitNumber: (r) => r.permitNumber,
    residencePermitExpiry: (r) => isoOrNull(r.permitExpiry),
    departureDate: (r) => isoOrNull(r.departureDate),
    active: (r) => r.departureDate === null,
  },
  // Every field here is supervision data: the SDL puts supervision:read and the audit on these types.
  SupervisionFile: {
    person: async (f, _a, { loaders }) => must(await loaders.personById.load(f.personId)),
    region: async (f, _a, { loaders }) => must(await loaders.regionByCode.load(f.regionCode)),
    releaseDate: (f) => iso(f.releaseDate),
    startDate: (f) => iso(f.startDate),
    endDate: (f) => isoOrNull(f.endDate),
    responsibleCadre: async (f, _a, { loaders }) => must(await loaders.cadreById.load(f.cadreId)),
    // Each visit carries the supervised person's id: the audit of its fields names that person.
    visits: async (f, _a, { loaders }) => (await loaders.supervisionVisitsByFileId.load(f.id)).map((visit) => ({ ...visit, personId: f.personId })),
    lastFaceToFaceVisit: async (f, _a, { loaders }) => {
      const visits = await loaders.supervisionVisitsByFileId.load(f.id);
      const last = visits.find((v) => v.mode === 'FACE_TO_FACE' && iso(v.visitDate) <= loaders.today);
      return last ? iso(last.visitDate) : null;
    },
    overdue: async (f, _a, { loaders }) => {
      const visits = await loaders.supervisionVisitsByFileId.load(f.id);
      const faceToFace = visits.filter((v) => v.mode === 'FACE_TO_FACE').map((v) => iso(v.visitDate));
      return isSupervisionOverdue({ startDate: iso(f.startDate), endDate: isoOrNull(f.endDate) }, faceToFace, loaders.today);
    },
  },
  SupervisionVisit: {
    date: (v) => iso(v.visitDate),
    visitor: async (v, _a, { loaders }) => must(await loaders.cadreById.load(v.cadreId)),
  },
  Dispute: {
    region: async (d, _a, { loaders }) => must(await loaders.regionByCode.load(d.regionCode)),
    reportedOn: (d) => iso(d.reportedOn),
    closedOn: (d) => isoOrNull(d.closedOn),
    parties: (d, _a, { loaders }) => loaders.partiesByDisputeId.load(d.id),
    sessions: (d, _a, { loaders }) => loaders.sessionsByDisputeId.load(d.id),
    allowedTransitions: (d) => [...DISPUTE_TRANSITIONS[d.status]],
  },
  DisputeParty: {
    person: async (p, _a, { loaders }) => must(await loaders.personById.load(p.personId)),
  },
  MediationSession: {
    date: (s) => iso(s.sessionDate),
  },
  PetitionVisit: {
    region: async (v, _a, { loaders }) => must(await loaders.regionByCode.load(v.regionCode)),
    date: (v) => iso(v.visitDate),
    visitor: (v, _a, { loaders }) => (v.visitorPersonId ? loaders.personById.load(v.visitorPersonId) : null),
    receivingCadre: async (v, _a, { loaders }) => must(await loaders.cadreById.load(v.cadreId)),
  },
  GovernanceOrganisation: {
    region: async (o, _a, { loaders }) => must(await loaders.regionByCode.load(o.regionCode)),
    foundedOn: (o) => iso(o.foundedOn),
    members: (o, _a, { loaders }) => loaders.currentMembersByOrganisationId.load(o.id),
    patrolLogs: async (o, args, { db }) => {
      const take = pageSize(args.first);
      const after = decodeKeyset(args.after);
      const where = { organisationId: o.id };
      const rows = await db.prisma.patrolLog.findMany({ where: { ...where, ...afterKeyset('patrolDate', after) }, orderBy: [{ patrolDate: 'desc' }, { id: 'desc' }], take: take + 1 });
      return toPage(rows, take, after, (r) => r.patrolDate, () => db.prisma.patrolLog.count({ where }));
    },
  },
  OrganisationMember: {
    person: (m, _a, { loaders }) => (m.personId ? loaders.personById.load(m.personId) : null),
    since: (m) => iso(m.startDate),
    until: (m) => isoOrNull(m.endDate),
  },
  PatrolLog: {
    organisation: async (l, _a, { loaders }) => must(await loaders.organisationById.load(l.organisationId)),
    date: (l) => iso(l.patrolDate),
  },
  CommunityVolunteer: {
    region: async (v, _a, { loaders }) => must(await loaders.regionByCode.load(v.regionCode)),
    person: (v, _a, { loaders }) => (v.personId ? loaders.personById.load(v.personId) : null),
    since: (v) => iso(v.startDate),
    until: (v) => isoOrNull(v.endDate),
  },
  Cadre: {
    region: async (c, _a, { loaders }) => must(await loaders.regionByCode.load(c.regionCode)),
    person: (c, _a, { loaders }) => (c.personId ? loaders.personById.load(c.personId) : null),
    since: (c) => iso(c.startDate),
    until: (c) => isoOrNull(c.endDate),
    serving: (c, _a, { loaders }) => isSupervisionActive({ startDate: iso(c.startDate), endDate: isoOrNull(c.endDate) }, loaders.today),
    relatives: (c, _a, { loaders }) => loaders.relativesByCadreId.load(c.id),
  },
  CadreRelation: {
    cadre: async (r, _a, { loaders }) => must(await loaders.cadreById.load(r.cadreId)),
    relative: async (r, _a, { loaders }) => must(await loaders.personById.load(r.personId)),
    declaredOn: (r) => iso(r.declaredOn),
  },
  WorkAdmission: {
    region: async (w, _a, { loaders }) => must(await loaders.regionByCode.load(w.regionCode)),
    requestedOn: (w) => iso(w.requestedOn),
    decidedOn: (w) => isoOrNull(w.decidedOn),
    funding: (w) => w.fundingFen,
  },
  CommunityStatistics: {
    registrationCoverage: (s) => registrationCoverage(s.registeredFloatingPopulation, s.floatingPopulation),
    disputesByStatus: (s) => Object.entries(s.disputesByStatus).map(([status, count]) => ({ status: status as keyof typeof s.disputesByStatus, count })),
    disputes: (s) => Object.values(s.disputesByStatus).reduce((a, b) => a + b, 0),
    mediationSuccessRate: (s) => mediationSuccessRate(s.disputesByStatus),
    admittedFunding: (s) => s.admittedFundingFen,
  },
  DisputeConnection: connection,
  PetitionVisitConnection: connection,
  SupervisionFileConnection: connection,
  FloatingRegistrationConnection: connection,
  PatrolLogConnection: connection,
  WorkAdmissionConnection: connection,
};

