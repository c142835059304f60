import { toIsoDate } from '@hub/scalars';
import type { InterventionProjectResolvers, ProjectActivityResolvers, ProjectIndicatorResolvers } from '../generated/resolvers-types';
import { indicatorAchieved, indicatorProgress } from '../domain/indicator';

export const InterventionProject: InterventionProjectResolvers = {
  programme: async (project, _args, { loaders }) => (await loaders.programmeById.load(project.programmeId))!,
  workingGroup: async (project, _args, { loaders }) => (await loaders.workingGroupById.load(project.workingGroupId))!,
  highRiskGroup: (project, _args, { loaders }) => (project.highRiskGroupId ? loaders.highRiskGroupById.load(project.highRiskGroupId) : null),
  startDate: (project) => toIsoDate(project.startDate),
  endDate: (project) => (project.endDate ? toIsoDate(project.endDate) : null),
  indicators: (project, _args, { loaders }) => loaders.indicatorsByProjectId.load(project.id),
  activities: (project, _args, { loaders }) => loaders.activitiesByProjectId.load(project.id),
  participantsTotal: async (project, _args, { loaders }) => (await loaders.activitiesByProjectId.load(project.id)).reduce((sum, a) => sum + a.participants, 0),
};

export const ProjectIndicator: ProjectIndicatorResolvers = {
  measuredOn: (indicator) => (indicator.measuredOn ? toIsoDate(indicator.measuredOn) : null),
  achieved: (indicator) => indicatorAchieved(indicator),
  progress: (indicator) => indicatorProgress(indicator),
};

export const ProjectActivity: ProjectActivityResolvers = {
  heldOn: (activity) => toIsoDate(activity.heldOn),
};
