import type { PrismaClient } from '../generated/prisma/client';

/** Anything that runs Prisma's raw queries: the client or a transaction. */
type RawQueries = Pick<PrismaClient, '$queryRaw'>;

/**
 * Where community places each person, for jurisdiction (one statement for any number of persons): the community of
 * the current household, else of the latest household, else of the latest floating-population registration, the
 * supervision file, the latest cadre term or volunteer service. Null for a person registered but not yet placed
 * anywhere: no caller's jurisdiction holds them until a household or record places them.
 */
export async function personRegionCodes(db: RawQueries, personIds: readonly string[]): Promise<Map<string, string | null>> {
  const rows = await db.$queryRaw<{ id: string; region_code: string | null }[]>`
    SELECT p.id::text AS id, COALESCE(
      (SELECT h.region_code FROM "community"."household_membership" m JOIN "community"."household" h ON h.id = m.household_id
        WHERE m.person_id = p.id ORDER BY m.end_date DESC NULLS FIRST, m.start_date DESC LIMIT 1),
      (SELECT f.region_code FROM "community"."floating_registration" f
        WHERE f.person_id = p.id ORDER BY f.departure_date DESC NULLS FIRST, f.arrival_date DESC LIMIT 1),
      (SELECT s.region_code FROM "community"."supervision_file" s WHERE s.person_id = p.id),
      (SELECT c.region_code FROM "community"."cadre" c WHERE c.person_id = p.id ORDER BY c.end_date DESC NULLS FIRST, c.start_date DESC LIMIT 1),
      (SELECT v.region_code FROM "community"."volunteer" v WHERE v.person_id = p.id ORDER BY v.end_date DESC NULLS FIRST, v.start_date DESC LIMIT 1)
    ) AS region_code
    FROM unnest(${[...personIds]}::uuid[]) AS p(id)`;
  return new Map(rows.map((row) => [row.id, row.region_code]));
}
