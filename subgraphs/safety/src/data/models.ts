// The rows the resolvers receive as parents: Prisma's models of prisma/safety/schema.prisma,
// and key-only references to community's entities (their other fields live in community).
export type { InjuryRecord as InjuryRecordRow } from '../generated/prisma/client';

/** A community Region known here only by its key. */
export interface RegionRef {
  code: string;
}

/** A community Person known here only by its key. */
export interface PersonRef {
  id: string;
}
