// The rows the resolvers receive as parents: Prisma's models of prisma/civil-affairs/schema.prisma.
export type { Enrolment as EnrolmentRow, DisabilityRecord as DisabilityRow, DeathRecord as DeathRow } from '../generated/prisma/client';

/** Community owns households and persons: this subgraph only ever holds their keys. */
export interface HouseholdRef {
  id: string;
}

export interface PersonRef {
  id: string;
}
