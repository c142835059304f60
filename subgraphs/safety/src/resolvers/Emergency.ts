import { toIsoDate } from '@hub/scalars';
import type { CorrectiveActionResolvers, DrillResolvers, EmergencyPlanResolvers, EmergencyPlanVersionResolvers, ReviewResolvers } from '../generated/resolvers-types';
import { todayIso } from '../domain/dates';
import { isOverdue } from '../domain/hazard';

export const EmergencyPlan: EmergencyPlanResolvers = {
  versions: (plan, _args, { loaders }) => loaders.versionsByPlanId.load(plan.id),
  currentVersion: async (plan, _args, { loaders }) => (await loaders.versionsByPlanId.load(plan.id)).find((v) => v.approvedOn !== null) ?? null,
  drills: (plan, _args, { loaders }) => loaders.drillsByPlanId.load(plan.id),
};

export const EmergencyPlanVersion: EmergencyPlanVersionResolvers = {
  issuedOn: (version) => toIsoDate(version.issuedOn),
  approvedOn: (version) => (version.approvedOn ? toIsoDate(version.approvedOn) : null),
};

export const Drill: DrillResolvers = {
  plan: async (drill, _args, { loaders }) => (await loaders.planById.load(drill.planId))!,
  heldOn: (drill) => toIsoDate(drill.heldOn),
};

export const CorrectiveAction: CorrectiveActionResolvers = {
  review: (action, _args, { loaders }) => (action.reviewId ? loaders.reviewById.load(action.reviewId) : null),
  dueDate: (action) => toIsoDate(action.dueDate),
  completedOn: (action) => (action.completedOn ? toIsoDate(action.completedOn) : null),
  overdue: (action) => isOverdue({ status: action.status, deadline: toIsoDate(action.dueDate) }, todayIso(), ['DONE', 'CANCELLED']),
};

export const Review: ReviewResolvers = {
  periodFrom: (review) => toIsoDate(review.periodFrom),
  periodTo: (review) => toIsoDate(review.periodTo),
  reviewedOn: (review) => toIsoDate(review.reviewedOn),
  correctiveActions: (review, _args, { loaders }) => loaders.actionsByReviewId.load(review.id),
};
