import type { QueryResolvers } from '../generated/resolvers-types';
import { requireRegionCode } from './errors';
import { after, newestFirst, paginate } from './pagination';

const within = (regionCode: string) => ({ regionCode: { startsWith: regionCode } });

export const Query: QueryResolvers = {
  // Unknown ids, and ids that are no UUID, are null (the loaders never send a non-UUID to the database).
  jobFair: (_parent, { id }, { loaders }) => loaders.jobFairById.load(id),
  trainingCourse: (_parent, { id }, { loaders }) => loaders.courseById.load(id),
  microLoan: (_parent, { id }, { loaders }) => loaders.loanById.load(id),
  informalOrganisation: (_parent, { id }, { loaders }) => loaders.organisationById.load(id),
  labourDispute: (_parent, { id }, { loaders }) => loaders.disputeById.load(id),
  jobFairs: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.heldOn,
      (key, take) => db.prisma.jobFair.findMany({ where: { AND: [where, after('heldOn', key)] }, orderBy: newestFirst('heldOn'), take }),
      () => db.prisma.jobFair.count({ where }),
    );
  },
  trainingCourses: (_parent, args, { db }) => {
    const where = { ...within(requireRegionCode('regionCode', args.regionCode)), ...(args.kind ? { kind: args.kind } : {}) };
    return paginate(
      args,
      (row) => row.startsOn,
      (key, take) => db.prisma.trainingCourse.findMany({ where: { AND: [where, after('startsOn', key)] }, orderBy: newestFirst('startsOn'), take }),
      () => db.prisma.trainingCourse.count({ where }),
    );
  },
  microLoans: (_parent, args, { db }) => {
    const where = { ...within(requireRegionCode('regionCode', args.regionCode)), ...(args.status ? { status: args.status } : {}) };
    return paginate(
      args,
      (row) => row.appliedOn,
      (key, take) => db.prisma.microLoan.findMany({ where: { AND: [where, after('appliedOn', key)] }, orderBy: newestFirst('appliedOn'), take }),
      () => db.prisma.microLoan.count({ where }),
    );
  },
  flexibleEmploymentSubsidies: (_parent, args, { db }) => {
    const where = { ...within(requireRegionCode('regionCode', args.regionCode)), ...(args.status ? { status: args.status } : {}) };
    return paginate(
      args,
      (row) => row.appliedOn,
      (key, take) => db.prisma.flexibleEmploymentSubsidy.findMany({ where: { AND: [where, after('appliedOn', key)] }, orderBy: newestFirst('appliedOn'), take }),
      () => db.prisma.flexibleEmploymentSubsidy.count({ where }),
    );
  },
  informalOrganisations: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.registeredOn,
      (key, take) => db.prisma.informalOrganisation.findMany({ where: { AND: [where, after('registeredOn', key)] }, orderBy: newestFirst('registeredOn'), take }),
      () => db.prisma.informalOrganisation.count({ where }),
    );
  },
  incubatedEnterprises: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.incubatedOn,
      (key, take) => db.prisma.incubatedEnterprise.findMany({ where: { AND: [where, after('incubatedOn', key)] }, orderBy: newestFirst('incubatedOn'), take }),
      () => db.prisma.incubatedEnterprise.count({ where }),
    );
  },
  entrepreneurshipBases: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.establishedOn,
      (key, take) => db.prisma.entrepreneurshipBase.findMany({ where: { AND: [where, after('establishedOn', key)] }, orderBy: newestFirst('establishedOn'), take }),
      () => db.prisma.entrepreneurshipBase.count({ where }),
    );
  },
  publicityArticles: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.publishedOn,
      (key, take) => db.prisma.publicityArticle.findMany({ where: { AND: [where, after('publishedOn', key)] }, orderBy: newestFirst('publishedOn'), take }),
      () => db.prisma.publicityArticle.count({ where }),
    );
  },
  labourDisputes: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.receivedOn,
      (key, take) => db.prisma.labourDispute.findMany({ where: { AND: [where, after('receivedOn', key)] }, orderBy: newestFirst('receivedOn'), take }),
      () => db.prisma.labourDispute.count({ where }),
    );
  },
  labourInspections: (_parent, args, { db }) => {
    const where = within(requireRegionCode('regionCode', args.regionCode));
    return paginate(
      args,
      (row) => row.inspectedOn,
      (key, take) => db.prisma.labourInspection.findMany({ where: { AND: [where, after('inspectedOn', key)] }, orderBy: newestFirst('inspectedOn'), take }),
      () => db.prisma.labourInspection.count({ where }),
    );
  },
  selfManagementGroups: (_parent, { regionCode }, { db }) =>
    db.prisma.selfManagementGroup.findMany({ where: within(requireRegionCode('regionCode', regionCode)), orderBy: [{ name: 'asc' }, { id: 'asc' }] }),
};
