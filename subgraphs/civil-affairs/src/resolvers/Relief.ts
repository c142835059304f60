import { toIsoDate } from '@hub/scalars';
import type {
  CareInstitutionResolvers,
  CareResidenceResolvers,
  CondolenceResolvers,
  GloryPlaqueResolvers,
  HouseRebuildingResolvers,
  MedicalAssistanceClaimResolvers,
  SpecialCareRecipientResolvers,
  TemporaryAssistanceGrantResolvers,
} from '../generated/resolvers-types';

export const MedicalAssistanceClaim: MedicalAssistanceClaimResolvers = {
  person: (m) => ({ id: m.personId }),
  claimDate: (m) => toIsoDate(m.claimDate),
};

export const TemporaryAssistanceGrant: TemporaryAssistanceGrantResolvers = {
  household: (t) => ({ id: t.householdId }),
  person: (t) => (t.personId ? { id: t.personId } : null),
  grantedOn: (t) => toIsoDate(t.grantedOn),
};

export const CareInstitution: CareInstitutionResolvers = {
  openedOn: (i) => (i.openedOn ? toIsoDate(i.openedOn) : null),
  residentCount: async (i, _args, { loaders }) => (await loaders.currentResidentsByInstitutionId.load(i.id)).length,
  centralisedSupportCount: async (i, _args, { loaders }) => (await loaders.currentResidentsByInstitutionId.load(i.id)).filter((r) => r.centralisedSupport).length,
  residents: (i, _args, { loaders }) => loaders.currentResidentsByInstitutionId.load(i.id),
};

export const CareResidence: CareResidenceResolvers = {
  institution: async (r, _args, { loaders }) => (await loaders.institutionById.load(r.institutionId))!,
  person: (r) => ({ id: r.personId }),
  admittedOn: (r) => toIsoDate(r.admittedOn),
  leftOn: (r) => (r.leftOn ? toIsoDate(r.leftOn) : null),
};

export const SpecialCareRecipient: SpecialCareRecipientResolvers = {
  person: (s) => ({ id: s.personId }),
  household: (s) => ({ id: s.householdId }),
  registeredOn: (s) => toIsoDate(s.registeredOn),
};

export const GloryPlaque: GloryPlaqueResolvers = {
  issuedOn: (p) => toIsoDate(p.issuedOn),
};

export const Condolence: CondolenceResolvers = {
  person: (c) => (c.personId ? { id: c.personId } : null),
  visitedOn: (c) => toIsoDate(c.visitedOn),
};

export const HouseRebuilding: HouseRebuildingResolvers = {
  household: (r) => ({ id: r.householdId }),
  reportedOn: (r) => toIsoDate(r.reportedOn),
  statusOn: (r) => toIsoDate(r.statusOn),
  completedOn: (r) => (r.completedOn ? toIsoDate(r.completedOn) : null),
};
