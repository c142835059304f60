import { readAuditRecords, requireVisiblePrefixes, visibleOrNull, type Caller } from '@hub/access';
import { regionLevel } from '@hub/identifiers';
import type { QueryResolvers } from '../generated/resolvers-types';
import { SCHEMA } from '../data/db';
import { disjointPrefixes, programmeVisible, visibleProgrammesWhere } from '../data/jurisdiction';
import { isUuid, type Loaders } from '../data/loaders';
import type { ProgrammeRow } from '../data/models';
import { todayIso } from '../domain/dates';
import { badUserInput } from './errors';
import { paginate } from './pagination';

const MAX_AUDIT_PAGE = 100;
const MAX_SUBJECT_LENGTH = 200;

function requireRegionCode(field: string, code: string): string {
  if (!regionLevel(code)) throw badUserInput(field, `"${code}" is not a statistical division code of 6, 9 or 12 digits`);
  return code;
}

/** The parts of a region's subtree a list may show: FORBIDDEN when the region lies wholly outside the jurisdiction. */
function listPrefixes(caller: Caller, field: string, code: string): string[] {
  return disjointPrefixes(requireVisiblePrefixes(caller, requireRegionCode(field, code)));
}

/** A programme-level record is visible with its programme (see programmeVisible). */
async function withVisibleProgramme<T extends { programmeId: string }>(caller: Caller, loaders: Loaders, record: T | null): Promise<T | null> {
  if (!record) return null;
  const programme: ProgrammeRow | null = await loaders.programmeById.load(record.programmeId);
  return programme && programmeVisible(caller, programme.regionCode) ? record : null;
}

export const Query: QueryResolvers = {
  safetyProgramme: async (_parent, { id }, { caller, loaders }) => {
    const programme = isUuid(id) ? await loaders.programmeById.load(id) : null;
    return programme && programmeVisible(caller, programme.regionCode) ? programme : null;
  },
  safetyProgrammes: (_parent, _args, { caller, db }) => db.prisma.programme.findMany({ where: visibleProgrammesWhere(caller), orderBy: { regionCode: 'asc' } }),
  hazard: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, isUuid(id) ? await loaders.hazardById.load(id) : null, (h) => h.regionCode),
  interventionProject: async (_parent, { id }, { caller, loaders }) => withVisibleProgramme(caller, loaders, isUuid(id) ? await loaders.projectById.load(id) : null),
  emergencyPlan: async (_parent, { id }, { caller, loaders }) => withVisibleProgramme(caller, loaders, isUuid(id) ? await loaders.planById.load(id) : null),
  hazards: (_parent, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const where = {
      AND: [{ OR: prefixes.map((prefix) => ({ regionCode: { startsWith: prefix } })) }],
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
  injuryRecords: (_parent, args, { caller, db }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    if (args.from > args.to) throw badUserInput('from', `the period starts (${args.from}) after it ends (${args.to})`);
    const where = {
      OR: prefixes.map((prefix) => ({ regionCode: { startsWith: prefix } })),
      injuryDate: { gte: new Date(`${args.from}T00:00:00Z`), lte: new Date(`${args.to}T00:00:00Z`) },
    };
    return paginate(
      args,
      (skip, take) => db.prisma.injuryRecord.findMany({ where, orderBy: [{ injuryDate: 'desc' }, { id: 'asc' }], skip, take }),
      () => db.prisma.injuryRecord.count({ where }),
    );
  },
  safetyAccessAudit: async (_parent, { personId, subject, first, beforeId }, { db }) => {
    const size = first ?? 20;
    if (!Number.isInteger(size) || size < 1 || size > MAX_AUDIT_PAGE) throw badUserInput('first', `must be between 1 and ${MAX_AUDIT_PAGE}, got ${size}`);
    if (personId != null && !isUuid(personId)) throw badUserInput('personId', `"${personId}" is not a person or household id (a UUID)`);
    if (beforeId != null && !/^[1-9]\d{0,17}$/.test(beforeId)) throw badUserInput('beforeId', `"${beforeId}" is not an audit row id`);
    if (subject != null && (subject.length < 1 || subject.length > MAX_SUBJECT_LENGTH)) throw badUserInput('subject', `must be 1 to ${MAX_SUBJECT_LENGTH} characters`);
    return readAuditRecords(db.pool, SCHEMA, { personId: personId ?? undefined, subject: subject ?? undefined, first: size, beforeId: beforeId ?? undefined });
  },
};
