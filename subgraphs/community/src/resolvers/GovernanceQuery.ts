import type { QueryResolvers } from '../generated/resolvers-types';
import { quarterStart } from '../domain/dates';
import { afterKeyset, decodeKeyset, toPage } from './keyset';
import { pageSize } from './pagination';
import { isUuid, requireRegionCode } from './Query';

export const GovernanceQuery: QueryResolvers = {
  disputes: async (_p, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { regionCode: { startsWith: regionCode }, ...(args.status ? { status: args.status } : {}) };
    const rows = await db.prisma.dispute.findMany({ where: { ...where, ...afterKeyset('reportedOn', after) }, orderBy: [{ reportedOn: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.disputeById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.reportedOn, () => db.prisma.dispute.count({ where }));
  },
  dispute: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.disputeById.load(id) : null),

  petitionVisits: async (_p, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { regionCode: { startsWith: regionCode }, ...(args.escalatedOnly ? { escalated: true } : {}) };
    const rows = await db.prisma.petitionVisit.findMany({ where: { ...where, ...afterKeyset('visitDate', after) }, orderBy: [{ visitDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.petitionVisitById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.visitDate, () => db.prisma.petitionVisit.count({ where }));
  },
  petitionVisit: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.petitionVisitById.load(id) : null),

  supervisionFiles: async (_p, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    let where: object = { regionCode: { startsWith: regionCode } };
    if (args.overdueOnly) {
      // The overdue rule (domain/supervision.ts) in SQL: one statement for the subtree's files.
      const today = loaders.today;
      const ids = await db.prisma.$queryRaw<{ id: string }[]>`
        SELECT f.id FROM "community"."supervision_file" f
         WHERE f.region_code LIKE ${regionCode} || '%' AND f.start_date <= ${today}::date AND (f.end_date IS NULL OR f.end_date >= ${today}::date)
           AND NOT EXISTS (SELECT 1 FROM "community"."supervision_visit" v WHERE v.file_id = f.id AND v.mode = 'FACE_TO_FACE'
                            AND v.visit_date BETWEEN ${quarterStart(today)}::date AND ${today}::date)`;
      where = { ...where, id: { in: ids.map((r) => r.id) } };
    }
    const rows = await db.prisma.supervisionFile.findMany({ where: { ...where, ...afterKeyset('startDate', after) }, orderBy: [{ startDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.supervisionFileById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.startDate, () => db.prisma.supervisionFile.count({ where }));
  },
  supervisionFile: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.supervisionFileById.load(id) : null),

  floatingRegistrations: async (_p, args, { db }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { regionCode: { startsWith: regionCode }, ...(args.activeOnly === false ? {} : { departureDate: null }) };
    const rows = await db.prisma.floatingRegistration.findMany({ where: { ...where, ...afterKeyset('arrivalDate', after) }, orderBy: [{ arrivalDate: 'desc' }, { id: 'desc' }], take: take + 1 });
    return toPage(rows, take, after, (r) => r.arrivalDate, () => db.prisma.floatingRegistration.count({ where }));
  },
  governanceOrganisation: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.organisationById.load(id) : null),
  cadre: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.cadreById.load(id) : null),
  workAdmissions: async (_p, args, { db, loaders }) => {
    const regionCode = requireRegionCode('regionCode', args.regionCode);
    const take = pageSize(args.first);
    const after = decodeKeyset(args.after);
    const where = { regionCode: { startsWith: regionCode }, ...(args.status ? { status: args.status } : {}) };
    const rows = await db.prisma.workAdmission.findMany({ where: { ...where, ...afterKeyset('requestedOn', after) }, orderBy: [{ requestedOn: 'desc' }, { id: 'desc' }], take: take + 1 });
    for (const row of rows) loaders.workAdmissionById.prime(row.id, row);
    return toPage(rows, take, after, (r) => r.requestedOn, () => db.prisma.workAdmission.count({ where }));
  },
  workAdmission: (_p, { id }, { loaders }) => (isUuid(id) ? loaders.workAdmissionById.load(id) : null),
};

