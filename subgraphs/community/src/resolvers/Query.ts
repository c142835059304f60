import type { QueryResolvers } from '../generated/resolvers-types';
import { checkIdNumber, regionLevel } from '@hub/identifiers';
import { badUserInput } from './errors';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record, so it is unknown (null), not an error. */
export const isUuid = (id: string): boolean => UUID.test(id);

export function requireRegionCode(field: string, code: string): string {
  if (!regionLevel(code)) throw badUserInput(field, `"${code}" is not a statistical division code of 6, 9 or 12 digits`);
  return code;
}

export const Query: QueryResolvers = {
  household: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.householdById.load(id) : null),
  person: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.personById.load(id) : null),
  personByIdNumber: (_parent, { idNumber }, { loaders }) => {
    const check = checkIdNumber(idNumber);
    if (!check.valid) throw badUserInput('idNumber', check.message, { problem: check.problem });
    return loaders.personByIdNumber.load(check.normalized);
  },
  region: (_parent, { code }, { loaders }) => (regionLevel(code) ? loaders.regionByCode.load(code) : null),
  districts: (_parent, _args, { db }) => db.prisma.region.findMany({ where: { level: 'DISTRICT' }, orderBy: { code: 'asc' } }),
  households: async (_parent, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeCursor(args.after);
    const where = { regionCode: { startsWith: regionCode } };
    const rows = await db.prisma.household.findMany({
      where: after === undefined ? where : { ...where, householdNumber: { gt: after } },
      orderBy: { householdNumber: 'asc' },
      take: take + 1,
    });
    const page = rows.slice(0, take);
    for (const row of page) loaders.householdById.prime(row.id, row);
    const edges = page.map((node) => ({ node, cursor: encodeCursor(node.householdNumber) }));
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > take,
        hasPreviousPage: after !== undefined,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      regionCode,
    };
  },
};
