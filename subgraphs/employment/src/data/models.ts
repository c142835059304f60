// The rows the resolvers receive as parents: Prisma's models of prisma/employment/schema.prisma, entity references,
// and small views computed from rows.
import type { DifficultyCategory } from '../domain/difficulty';
import type { PensionOutcome } from '../domain/rules';
import type { TargetIndicator } from '../domain/targets';
import type { DifficultyCertification } from '../generated/prisma/client';

export type {
  LabourForceMember as LabourForceMemberRow,
  EmploymentStatusPeriod as StatusPeriodRow,
  ZeroEmploymentEpisode as EpisodeRow,
  EmploymentRegistration as RegistrationRow,
  DifficultyCertification as CertificationRow,
  AssistanceVisit as VisitRow,
  Placement as PlacementRow,
  FlexibleEmploymentSubsidy as SubsidyRow,
  TrainingCourse as CourseRow,
  TrainingEnrolment as TrainingEnrolmentRow,
  JobFair as JobFairRow,
  JobFairEmployer as JobFairEmployerRow,
  MicroLoan as LoanRow,
  InformalOrganisation as OrganisationRow,
  InformalOrganisationMember as OrganisationMemberRow,
  EntrepreneurshipBase as BaseRow,
  IncubatedEnterprise as EnterpriseRow,
  PublicityArticle as ArticleRow,
  InsuranceEnrolment as InsuranceRow,
  SelfManagementGroup as GroupRow,
  Retiree as RetireeRow,
  LabourDispute as DisputeRow,
  LabourInspection as InspectionRow,
} from '../generated/prisma/client';

/** One row of this subgraph's audit trail of sensitive reads. */
export type { StoredAuditRecord as AuditEntryRow } from '@hub/access';

/** A region as other subgraphs hand it over: its key (community owns the region itself). */
export interface RegionRef {
  code: string;
}

/** A household's key, with civil affairs' dibao fact when the gateway supplied it for a @requires field. */
export interface HouseholdRef {
  id: string;
  receivesDibao?: boolean | null;
}

/** A person's key, with the civil-affairs facts the gateway supplies for @requires fields. */
export interface PersonRef {
  id: string;
  deceased?: boolean | null;
  disabilityGrade?: number | null;
  household?: { receivesDibao?: boolean | null } | null;
}

/** A household's zero-employment standing, from its latest episode. */
export interface ZeroEmploymentView {
  current: boolean;
  arose: Date | null;
  resolved: Date | null;
}

export interface DifficultyView {
  certification: DifficultyCertification | null;
  categories: DifficultyCategory[];
}

export interface PensionEligibilityView {
  year: number;
  outcome: PensionOutcome;
  pensionAction: 'CONTINUE' | 'SUSPEND';
  certifiedOn: Date | null;
  method: 'PAPER' | 'ONLINE' | 'HOME_VISIT' | null;
}

export interface TargetProgressView {
  indicator: TargetIndicator;
  year: number;
  target: bigint | null;
  actual: bigint;
}

/** A Relay page; `totalCount` is a thunk so the count runs only when a client asks for it. */
export interface Page<T> {
  edges: { node: T; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: () => Promise<number>;
}
