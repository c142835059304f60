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

import type { PayrollRun, Payment } from '../generated/prisma/client';

/** Community owns households and persons: this subgraph only ever holds their keys. */
export interface HouseholdRef {
  id: string;
}

export interface PersonRef {
  id: string;
}

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
