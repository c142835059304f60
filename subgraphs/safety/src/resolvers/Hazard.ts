import { toIsoDate } from '@hub/scalars';
import type { HazardConnectionResolvers, HazardResolvers } from '../generated/resolvers-types';
import { todayIso } from '../domain/dates';
import { isOverdue } from '../domain/hazard';
import { riskScore } from '../domain/risk';

const optionalDate = (date: Date | null): string | null => (date ? toIsoDate(date) : null);

export const Hazard: HazardResolvers = {
  programme: (hazard, _args, { loaders }) => (hazard.programmeId ? loaders.programmeById.load(hazard.programmeId) : null),
  region: (hazard) => ({ code: hazard.regionCode }),
  riskScore: (hazard) => riskScore(hazard.likelihood, hazard.severity),
  deadline: (hazard) => toIsoDate(hazard.deadline),
  identifiedOn: (hazard) => toIsoDate(hazard.identifiedOn),
  rectificationStartedOn: (hazard) => optionalDate(hazard.rectificationStartedOn),
  closedOn: (hazard) => optionalDate(hazard.closedOn),
  overdue: (hazard) => isOverdue({ status: hazard.status, deadline: toIsoDate(hazard.deadline) }, todayIso()),
};

export const HazardConnection: HazardConnectionResolvers = {
  totalCount: (page) => page.count(),
};
