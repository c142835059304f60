// The rows the resolvers receive as parents: Prisma's models of prisma/community/schema.prisma.
export type {
  Region as RegionRow,
  Grid as GridRow,
  Household as HouseholdRow,
  Person as PersonRow,
  HouseholdMembership as MembershipRow,
  ResidentTag as ResidentTagRow,
  HouseholdHonour as HouseholdHonourRow,
  FloatingRegistration as FloatingRegistrationRow,
  SupervisionFile as SupervisionFileRow,
  SupervisionVisit as SupervisionVisitRow,
  Dispute as DisputeRow,
  DisputeParty as DisputePartyRow,
  MediationSession as MediationSessionRow,
  PetitionVisit as PetitionVisitRow,
  GovernanceOrganisation as GovernanceOrganisationRow,
  OrganisationMember as OrganisationMemberRow,
  PatrolLog as PatrolLogRow,
  Volunteer as VolunteerRow,
  Cadre as CadreRow,
  CadreRelative as CadreRelativeRow,
  WorkAdmission as WorkAdmissionRow,
} from '../generated/prisma/client';

import type { Household, SupervisionVisit } from '../generated/prisma/client';
import type { DisputeStatus } from '../domain/dispute';

export type { StoredAuditRecord as AccessAuditEntryRow } from '@hub/access';

/** A supervision visit with the supervised person's id, which the audit of its fields names. */
export type SupervisionVisitRecord = SupervisionVisit & { personId: string };

/** A page of households; `totalCount` is resolved only when a client asks for it. */
export interface HouseholdPage {
  /** The region-code prefixes the page covers: the queried subtree narrowed to the caller's jurisdiction. */
  prefixes: string[];
  edges: { node: Household; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

/** A page of any record; `count` runs only when a client asks for `totalCount`. */
export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  count: () => Promise<number>;
}

/** Raw counts over a subtree, from one statement per batch of regions. */
export interface CommunityStatisticsRow {
  population: number;
  households: number;
  floatingPopulation: number;
  registeredFloatingPopulation: number;
  disputesByStatus: Record<DisputeStatus, number>;
  petitionVisits: number;
  escalatedPetitionVisits: number;
  activeSupervisionFiles: number;
  overdueSupervisionFiles: number;
  admittedTasks: number;
  admittedReportForms: number;
  admittedFundingFen: bigint;
  elderlyLivingAlone: number;
  leftBehindChildren: number;
  disabledResidents: number;
  householdHonours: number;
}
