import { regionLevel } from '@hub/identifiers';
import type { QueryResolvers } from '../generated/resolvers-types';
import { isUuid } from '../data/loaders';
import { todayIso } from '../domain/dates';
import { badUserInput } from './errors';
import { paginate } from './pagination';

function requireRegionCode(field: string, code: string): string {
  if (!regionLevel(code)) throw badUserInput(field, `"${code}" is not a statistical division code of 6, 9 or 12 digits`);
  return code;
}

export const Query: QueryResolvers = {
  safetyProgramme: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.programmeById.load(id) : null),
  safetyProgrammes: (_parent, _args, { db }) => db.prisma.programme.findMany({ orderBy: { regionCode: 'asc' } }),
  hazard: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.hazardById.load(id) : null),
  interventionProject: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.projectById.load(id) : null),
  emergencyPlan: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.planById.load(id) : null),
  hazards: (_parent, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const where = {
      regionCode: { startsWith: regionCode },
      ...(args.status ? { status: args.status } : {}),
      ...(args.riskLevel ? { riskLevel: args.riskLevel } : {}),
      ...(args.overdueOnly ? { status: { not: 'CLOSED' as const }, deadline: { lt: new Date(`${todayIso()}T00:00:00Z`) } } : {}),
    };
    if (args.overdueOnly && args.status === 'CLOSED') throw badUserInput('overdueOnly', 'a CLOSED hazard is never overdue');
    if (args.overdueOnly && args.status) where.status = args.status;
    return paginate(
      args,
      async (skip, take) => {
        const rows = await db.prisma.hazard.findMany({ where, orderBy: [{ riskLevel: 'desc' }, { deadline: 'asc' }, { id: 'asc' }], skip, take });
        for (const row of rows) loaders.hazardById.prime(row.id, row);
        return rows;
      },
      () => db.prisma.hazard.count({ where }),
    );
  },
  injuryRecords: (_parent, args, { db }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    if (args.from > args.to) throw badUserInput('from', `the period starts (${args.from}) after it ends (${args.to})`);
    const where = { regionCode: { startsWith: regionCode }, injuryDate: { gte: new Date(`${args.from}T00:00:00Z`), lte: new Date(`${args.to}T00:00:00Z`) } };
    return paginate(
      args,
      (skip, take) => db.prisma.injuryRecord.findMany({ where, orderBy: [{ injuryDate: 'desc' }, { id: 'asc' }], skip, take }),
      () => db.prisma.injuryRecord.count({ where }),
    );
  },
};
