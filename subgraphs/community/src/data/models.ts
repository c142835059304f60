// The rows the resolvers receive as parents: Prisma's models of prisma/community/schema.prisma.
export type {
  Region as RegionRow,
  Grid as GridRow,
  Household as HouseholdRow,
  Person as PersonRow,
  HouseholdMembership as MembershipRow,
} from '../generated/prisma/client';

import type { Household } from '../generated/prisma/client';

/** A page of households; `totalCount` is resolved only when a client asks for it. */
export interface HouseholdPage {
  regionCode: string;
  edges: { node: Household; cursor: string }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}
