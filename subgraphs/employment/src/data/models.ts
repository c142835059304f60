// The rows the resolvers receive as parents: Prisma's models of prisma/employment/schema.prisma, and entity references.
export type {
  LabourForceMember as LabourForceMemberRow,
  EmploymentStatusPeriod as StatusPeriodRow,
  ZeroEmploymentEpisode as EpisodeRow,
} from '../generated/prisma/client';

/** A household as other subgraphs hand it over: its key (community owns the household itself). */
export interface HouseholdRef {
  id: string;
}

/** A person as other subgraphs hand it over: its key. */
export interface PersonRef {
  id: string;
}

/** A household's zero-employment standing, from its latest episode. */
export interface ZeroEmploymentView {
  current: boolean;
  arose: Date | null;
  resolved: Date | null;
}
