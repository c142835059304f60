// The rows the resolvers receive as parents: Prisma's models of prisma/safety/schema.prisma,
// and key-only references to community's entities (their other fields live in community).
import type { Hazard, HighRiskMember, InjuryRecord } from '../generated/prisma/client';
import type { InjuryDimension, InjurySummary, InjuryGroup } from '../domain/injuryStatistics';

export type {
  InjuryRecord as InjuryRecordRow,
  Programme as ProgrammeRow,
  ProgrammePhase as ProgrammePhaseRow,
  WorkingGroup as WorkingGroupRow,
  WorkingGroupMember as WorkingGroupMemberRow,
  Hazard as HazardRow,
  HighRiskGroup as HighRiskGroupRow,
  HighRiskMember as HighRiskMemberRow,
  InterventionProject as InterventionProjectRow,
  ProjectIndicator as ProjectIndicatorRow,
  ProjectActivity as ProjectActivityRow,
  EmergencyPlan as EmergencyPlanRow,
  EmergencyPlanVersion as EmergencyPlanVersionRow,
  Drill as DrillRow,
  CorrectiveAction as CorrectiveActionRow,
  Review as ReviewRow,
} from '../generated/prisma/client';

/** A community Region known here by its key; `population` arrives from community through @requires. */
export interface RegionRef {
  code: string;
  population?: number;
}

/** A community Person known here only by its key. */
export interface PersonRef {
  id: string;
}

/** A community Household known here only by its key. */
export interface HouseholdRef {
  id: string;
}

export interface PageInfoModel {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: PageInfoModel;
  /** Counts all matches; run only when a client asks for totalCount. */
  count: () => Promise<number>;
}

export type HazardPage = Page<Hazard>;
export type InjuryRecordPage = Page<InjuryRecord>;
export type HighRiskMemberPage = Page<HighRiskMember>;

export interface InjuryStatisticsModel extends InjurySummary {
  groupBy: InjuryDimension | null;
  population: number | null;
  deathRatePer100k: number | null;
}

export type InjuryGroupModel = InjuryGroup & { dimension: InjuryDimension | null };

export interface SafetyStatisticsModel {
  year: number;
  injuries: number;
  injuriesPreviousYear: number;
  injuryChangeRate: number | null;
  injuryRatePer100k: number | null;
  hospitalised: number;
  deaths: number;
  openHazards: number;
  openHazardsByRiskLevel: { riskLevel: 'LOW' | 'GENERAL' | 'SIGNIFICANT' | 'MAJOR'; open: number }[];
  overdueHazards: number;
  highRiskPersons: number;
  highRiskHouseholds: number;
  activeProjects: number;
  indicatorsAchieved: number;
  indicatorsMeasured: number;
  activities: number;
  activityParticipants: number;
  drills: number;
  overdueCorrectiveActions: number;
}
