// The rows the resolvers receive as parents: Prisma's models of prisma/civil-affairs/schema.prisma.
export type {
  Enrolment as EnrolmentRow,
  DisabilityRecord as DisabilityRow,
  DeathRecord as DeathRow,
  AssistanceStandard as StandardRow,
  Payment as PaymentRow,
  DibaoApplication as ApplicationRow,
  ApplicationStep as StepRow,
  ConflictFiling as FilingRow,
  ReliefOfficer as OfficerRow,
  OfficerRelative as OfficerRelativeRow,
  MedicalAssistance as MedicalRow,
  TemporaryAssistance as TemporaryRow,
  CareInstitution as InstitutionRow,
  CareResidence as ResidenceRow,
  SpecialCareRecipient as SpecialCareRow,
  GloryPlaque as PlaqueRow,
  Condolence as CondolenceRow,
  HouseRebuilding as RebuildingRow,
} from '../generated/prisma/client';

import type { DibaoApplication, Enrolment, PayrollRun, Payment } from '../generated/prisma/client';

/** Community owns households and persons: this subgraph only ever holds their keys. */
export interface HouseholdRef {
  id: string;
  /** Community's answer, supplied by the gateway for fields that @require it. */
  hasCadreNearRelative?: boolean | null;
}

export interface PersonRef {
  id: string;
}

export interface RegionRef {
  code: string;
}

/** A region's figures as the statistics loader assembles them (see src/domain/statistics.ts). */
export interface RegionStatistics {
  asOf: string;
  urbanDibaoHouseholds: number;
  ruralDibaoHouseholds: number;
  urbanDibaoPersons: number;
  ruralDibaoPersons: number;
  averageMonthlyDibaoSubsidy: bigint | null;
  spendingThisMonth: bigint;
  spendingYearToDate: bigint;
  spendingSameTimeLastYear: bigint;
  spendingChangePercent: number | null;
  spendingByProgramme: { programme: EnrolmentRowProgramme; thisMonth: bigint; yearToDate: bigint; sameTimeLastYear: bigint; changePercent: number | null }[];
  tekunDispersed: number;
  tekunCentralised: number;
  medicalAssistanceClaims: number;
  medicalAssistanceAmount: bigint;
  temporaryAssistanceGrants: number;
  temporaryAssistanceAmount: bigint;
  disabledPersonsSubsidised: { grade: number; persons: number }[];
  deathsYearToDate: number;
  cremationRate: number | null;
  condolenceHouseholds: number;
  condolenceAmount: bigint;
  gloryPlaquesIssued: number;
  specialCareRecipients: number;
  housesCollapsed: number;
  roomsCollapsed: number;
  housesRebuilt: number;
  careInstitutionBeds: number;
  careInstitutionResidents: number;
}

type EnrolmentRowProgramme = import('../generated/prisma/client').Enrolment['programme'];

/** A payroll run with the month's totals in its region after it. */
export interface PayrollRunResult extends PayrollRun {
  paymentsInPeriod: number;
  amountInPeriod: bigint;
}

/** A page of a household's payments; `totalCount` is resolved only when a client asks for it. */
export interface PaymentPage {
  householdId: string;
  edges: { node: Payment; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

interface PageInfo {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

/** A page of a region's list; `count` runs only when a client asks for totalCount. */
export interface EnrolmentPage {
  edges: { node: Enrolment; cursor: string }[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}

export interface ApplicationPage {
  edges: { node: DibaoApplication; cursor: string }[];
  pageInfo: PageInfo;
  count: () => Promise<number>;
}
