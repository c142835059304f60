import { sqlRegionClause } from '@hub/access';
import type { QueryResolvers } from '../generated/resolvers-types';
import { quarterStart } from '../domain/dates';
import { listPrefixes, regionWhere, visibleRecord } from './access';
import { afterKeyset, decodeKeyset, toPage } from './keyset';
import { pageSize } from './pagination';
import { isUuid } from './Query';

// Lists cover the queried subtree narrowed to the caller's jurisdiction (FORBIDDEN when wholly outside); a record
// by id outside the jurisdiction reads as unknown (null).
export const GovernanceQuery: QueryResolvers = {
  disputes: async (_p, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { ...regionWhere(prefixes), ...(args.status ? { status: args.status } : {}) };
    const rows = await db.prisma.dispute.findMany({ where: { AND: [where, afterKeyset('reportedOn', after)] }, orderBy: [{ reportedOn: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.disputeById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.reportedOn, () => db.prisma.dispute.count({ where }));
  },
  dispute: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.disputeById.load(id)) : null),

  petitionVisits: async (_p, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { ...regionWhere(prefixes), ...(args.escalatedOnly ? { escalated: true } : {}) };
    const rows = await db.prisma.petitionVisit.findMany({ where: { AND: [where, afterKeyset('visitDate', after)] }, orderBy: [{ visitDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.petitionVisitById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.visitDate, () => db.prisma.petitionVisit.count({ where }));
  },
  petitionVisit: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.petitionVisitById.load(id)) : null),

  supervisionFiles: async (_p, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    let where: object = regionWhere(prefixes);
    if (args.overdueOnly) {
      // The overdue rule (domain/supervision.ts) in SQL: one statement for the subtree's files.
      const today = loaders.today;
      const region = sqlRegionClause('f.region_code', 1, prefixes);
      const ids = await db.prisma.$queryRawUnsafe<{ id: string }[]>(
        `SELECT f.id::text AS id FROM "community"."supervision_file" f
          WHERE ${region.sql} AND f.start_date <= $2::date AND (f.end_date IS NULL OR f.end_date >= $2::date)
            AND NOT EXISTS (SELECT 1 FROM "community"."supervision_visit" v WHERE v.file_id = f.id AND v.mode = 'FACE_TO_FACE'
                             AND v.visit_date BETWEEN $3::date AND $2::date)`,
        region.param,
        today,
        quarterStart(today),
      );
      where = { AND: [where, { id: { in: ids.map((r) => r.id) } }] };
    }
    const rows = await db.prisma.supervisionFile.findMany({ where: { AND: [where, afterKeyset('startDate', after)] }, orderBy: [{ startDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.supervisionFileById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.startDate, () => db.prisma.supervisionFile.count({ where }));
  },
  supervisionFile: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.supervisionFileById.load(id)) : null),

  floatingRegistrations: async (_p, args, { caller, db }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { ...regionWhere(prefixes), ...(args.activeOnly === false ? {} : { departureDate: null }) };
    const rows = await db.prisma.floatingRegistration.findMany({ where: { AND: [where, afterKeyset('arrivalDate', after)] }, orderBy: [{ arrivalDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    return toPage(rows, take, after, (r) => r.arrivalDate, () => db.prisma.floatingRegistration.count({ where }));
  },
  governanceOrganisation: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.organisationById.load(id)) : null),
  cadre: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.cadreById.load(id)) : null),
  workAdmissions: async (_p, args, { caller, db, loaders }) => {
    const prefixes = listPrefixes(caller, 'regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { ...regionWhere(prefixes), ...(args.status ? { status: args.status } : {}) };
    const rows = await db.prisma.workAdmission.findMany({ where: { AND: [where, afterKeyset('requestedOn', after)] }, orderBy: [{ requestedOn: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.workAdmissionById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.requestedOn, () => db.prisma.workAdmission.count({ where }));
  },
  workAdmission: async (_p, { id }, { caller, loaders }) => (isUuid(id) ? visibleRecord(caller, await loaders.workAdmissionById.load(id)) : null),
};
