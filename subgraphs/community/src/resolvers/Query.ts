import type { QueryResolvers } from '../generated/resolvers-types';
import { checkIdNumber, regionLevel } from '@hub/identifiers';
import { listPrefixes, regionWhere, visibleRecord, visibleRegion, visiblePerson } from './access';
import { badUserInput } from './errors';
import { decodeCursor, encodeCursor, pageSize } from './pagination';

export { requireRegionCode } from './errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs: anything else cannot name a record, so it is unknown (null), not an error. */
export const isUuid = (id: string): boolean => UUID.test(id);

// Every entry point answers only inside the caller's jurisdiction: a record outside reads as unknown (null), a list
// over a region wholly outside is FORBIDDEN, a list over a wider region is narrowed to the caller's subtree.
export const Query: QueryResolvers = {
  household: async (_parent, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.householdById.load(id)) : null),
  person: async (_parent, { id }, context) => (isUuid(id) ? visiblePerson(context, await context.loaders.personById.load(id)) : null),
  personByIdNumber: async (_parent, { idNumber }, context) => {
    const check = checkIdNumber(idNumber);
    if (!check.valid) throw badUserInput('idNumber', check.message, { problem: check.problem });
    return visiblePerson(context, await context.loaders.personByIdNumber.load(check.normalized));
  },
  region: async (_parent, { code }, { caller, loaders }) => (regionLevel(code) ? visibleRegion(caller, await loaders.regionByCode.load(code)) : null),
  districts: async (_parent, _args, { caller, db }) =>
    (await db.prisma.region.findMany({ where: { level: 'DISTRICT' }, orderBy: { code: 'asc' } })).filter((district) => visibleRegion(caller, district) !== null),
  households: async (_parent, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeCursor(args.after);
    const where = regionWhere(prefixes);
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
      prefixes,
    };
  },
};
