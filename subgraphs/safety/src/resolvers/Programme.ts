import { toIsoDate } from '@hub/scalars';
import type { ProgrammePhaseResolvers, ProgrammeResolvers, WorkingGroupMemberResolvers, WorkingGroupResolvers } from '../generated/resolvers-types';
import type { ProgrammePhaseRow } from '../data/models';
import { todayIso } from '../domain/dates';
import { workingGroupCategory } from '../domain/labels';
import { currentPhase, phaseLate, type PhaseDates } from '../domain/programme';

const optionalDate = (date: Date | null): string | null => (date ? toIsoDate(date) : null);

export function phaseDates(row: ProgrammePhaseRow): PhaseDates {
  return {
    phase: row.phase,
    plannedStart: toIsoDate(row.plannedStart),
    plannedEnd: optionalDate(row.plannedEnd),
    actualStart: optionalDate(row.actualStart),
    actualEnd: optionalDate(row.actualEnd),
  };
}

export const Programme: ProgrammeResolvers = {
  region: (programme) => ({ code: programme.regionCode }),
  targetDate: (programme) => toIsoDate(programme.targetDate),
  previousLevelOn: (programme) => optionalDate(programme.previousLevelOn),
  accreditedOn: (programme) => optionalDate(programme.accreditedOn),
  currentPhase: async (programme, _args, { loaders }) => currentPhase((await loaders.phasesByProgrammeId.load(programme.id)).map(phaseDates), todayIso()),
  phases: (programme, _args, { loaders }) => loaders.phasesByProgrammeId.load(programme.id),
  committee: async (programme, _args, { loaders }) => (await loaders.workingGroupsByProgrammeId.load(programme.id)).find((g) => g.kind === 'PROMOTION_COMMITTEE') ?? null,
  office: async (programme, _args, { loaders }) => (await loaders.workingGroupsByProgrammeId.load(programme.id)).find((g) => g.kind === 'COMMITTEE_OFFICE') ?? null,
  workingGroups: async (programme, _args, { loaders }) =>
    (await loaders.workingGroupsByProgrammeId.load(programme.id)).filter((g) => g.kind !== 'PROMOTION_COMMITTEE' && g.kind !== 'COMMITTEE_OFFICE'),
  highRiskGroups: (programme, _args, { loaders }) => loaders.highRiskGroupsByProgrammeId.load(programme.id),
  interventionProjects: (programme, _args, { loaders }) => loaders.projectsByProgrammeId.load(programme.id),
  emergencyPlans: (programme, _args, { loaders }) => loaders.plansByProgrammeId.load(programme.id),
  correctiveActions: async (programme, { status }, { loaders }) => {
    const actions = await loaders.actionsByProgrammeId.load(programme.id);
    return status ? actions.filter((a) => a.status === status) : actions;
  },
  reviews: (programme, _args, { loaders }) => loaders.reviewsByProgrammeId.load(programme.id),
};

export const ProgrammePhase: ProgrammePhaseResolvers = {
  plannedStart: (phase) => toIsoDate(phase.plannedStart),
  plannedEnd: (phase) => optionalDate(phase.plannedEnd),
  actualStart: (phase) => optionalDate(phase.actualStart),
  actualEnd: (phase) => optionalDate(phase.actualEnd),
  late: (phase) => phaseLate(phaseDates(phase), todayIso()),
};

export const WorkingGroup: WorkingGroupResolvers = {
  category: (group) => workingGroupCategory(group.kind),
  members: (group, _args, { loaders }) => loaders.membersByGroupId.load(group.id),
  projects: (group, _args, { loaders }) => loaders.projectsByGroupId.load(group.id),
};

export const WorkingGroupMember: WorkingGroupMemberResolvers = {
  person: (member) => (member.personId ? { id: member.personId } : null),
};
