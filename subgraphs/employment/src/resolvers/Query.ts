import { prismaRegionWhere, readAuditRecords, visibleOrNull } from '@hub/access';
import type { QueryResolvers } from '../generated/resolvers-types';
import { isUuid } from '../data/loaders';
import { listPrefixes } from './access';
import { badUserInput } from './errors';
import { after, newestFirst, pageSize, paginate } from './pagination';
import type { Context } from '../context';

/** Records of the region's subtree that lie inside the caller's jurisdiction (a wider region is narrowed to it). */
const within = ({ caller }: Context, regionCode: string) => prismaRegionWhere(listPrefixes(caller, 'regionCode', regionCode), 'regionCode');

const AUDIT_ROW_ID = /^[1-9]\d{0,17}$/; // fits a bigint

export const Query: QueryResolvers = {
  employmentAccessAudit: (_parent, { personId, subject, first, beforeId }, { db }) => {
    if (personId !== null && personId !== undefined && !isUuid(personId)) throw badUserInput('personId', `must be a person id (UUID), got "${personId}"`);
    if (subject !== null && subject !== undefined && (subject.trim() === '' || subject.length > 200)) throw badUserInput('subject', 'must be 1 to 200 characters');
    if (beforeId !== null && beforeId !== undefined && !AUDIT_ROW_ID.test(beforeId)) throw badUserInput('beforeId', `must be an audit row id (a positive whole number), got "${beforeId}"`);
    return readAuditRecords(db.pool, 'employment', {
      personId: personId?.toLowerCase() ?? undefined,
      subject: subject ?? undefined,
      first: pageSize(first),
      beforeId: beforeId ?? undefined,
    });
  },
  // Unknown ids, ids that are no UUID, and records outside the caller's jurisdiction are null alike.
  jobFair: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, await loaders.jobFairById.load(id), (r) => r.regionCode),
  trainingCourse: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, await loaders.courseById.load(id), (r) => r.regionCode),
  microLoan: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, await loaders.loanById.load(id), (r) => r.regionCode),
  informalOrganisation: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, await loaders.organisationById.load(id), (r) => r.regionCode),
  labourDispute: async (_parent, { id }, { caller, loaders }) => visibleOrNull(caller, await loaders.disputeById.load(id), (r) => r.regionCode),
  jobFairs: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.heldOn,
      (key, take) => db.prisma.jobFair.findMany({ where: { AND: [where, after('heldOn', key)] }, orderBy: newestFirst('heldOn'), take }),
      () => db.prisma.jobFair.count({ where }),
    );
  },
  trainingCourses: (_parent, args, context) => {
    const { db } = context;
    const where = { ...within(context, args.regionCode), ...(args.kind ? { kind: args.kind } : {}) };
    return paginate(
      args,
      (row) => row.startsOn,
      (key, take) => db.prisma.trainingCourse.findMany({ where: { AND: [where, after('startsOn', key)] }, orderBy: newestFirst('startsOn'), take }),
      () => db.prisma.trainingCourse.count({ where }),
    );
  },
  microLoans: (_parent, args, context) => {
    const { db } = context;
    const where = { ...within(context, args.regionCode), ...(args.status ? { status: args.status } : {}) };
    return paginate(
      args,
      (row) => row.appliedOn,
      (key, take) => db.prisma.microLoan.findMany({ where: { AND: [where, after('appliedOn', key)] }, orderBy: newestFirst('appliedOn'), take }),
      () => db.prisma.microLoan.count({ where }),
    );
  },
  flexibleEmploymentSubsidies: (_parent, args, context) => {
    const { db } = context;
    const where = { ...within(context, args.regionCode), ...(args.status ? { status: args.status } : {}) };
    return paginate(
      args,
      (row) => row.appliedOn,
      (key, take) => db.prisma.flexibleEmploymentSubsidy.findMany({ where: { AND: [where, after('appliedOn', key)] }, orderBy: newestFirst('appliedOn'), take }),
      () => db.prisma.flexibleEmploymentSubsidy.count({ where }),
    );
  },
  informalOrganisations: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.registeredOn,
      (key, take) => db.prisma.informalOrganisation.findMany({ where: { AND: [where, after('registeredOn', key)] }, orderBy: newestFirst('registeredOn'), take }),
      () => db.prisma.informalOrganisation.count({ where }),
    );
  },
  incubatedEnterprises: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.incubatedOn,
      (key, take) => db.prisma.incubatedEnterprise.findMany({ where: { AND: [where, after('incubatedOn', key)] }, orderBy: newestFirst('incubatedOn'), take }),
      () => db.prisma.incubatedEnterprise.count({ where }),
    );
  },
  entrepreneurshipBases: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.establishedOn,
      (key, take) => db.prisma.entrepreneurshipBase.findMany({ where: { AND: [where, after('establishedOn', key)] }, orderBy: newestFirst('establishedOn'), take }),
      () => db.prisma.entrepreneurshipBase.count({ where }),
    );
  },
  publicityArticles: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.publishedOn,
      (key, take) => db.prisma.publicityArticle.findMany({ where: { AND: [where, after('publishedOn', key)] }, orderBy: newestFirst('publishedOn'), take }),
      () => db.prisma.publicityArticle.count({ where }),
    );
  },
  labourDisputes: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.receivedOn,
      (key, take) => db.prisma.labourDispute.findMany({ where: { AND: [where, after('receivedOn', key)] }, orderBy: newestFirst('receivedOn'), take }),
      () => db.prisma.labourDispute.count({ where }),
    );
  },
  labourInspections: (_parent, args, context) => {
    const { db } = context;
    const where = within(context, args.regionCode);
    return paginate(
      args,
      (row) => row.inspectedOn,
      (key, take) => db.prisma.labourInspection.findMany({ where: { AND: [where, after('inspectedOn', key)] }, orderBy: newestFirst('inspectedOn'), take }),
      () => db.prisma.labourInspection.count({ where }),
    );
  },
  selfManagementGroups: (_parent, { regionCode }, context) =>
    context.db.prisma.selfManagementGroup.findMany({ where: within(context, regionCode), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
};
