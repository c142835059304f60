import { prismaRegionWhere, readAuditRecords, regionSubtreePrefix, requireVisiblePrefixes } from '@hub/access';
import { regionLevel } from '@hub/identifiers';
import type { QueryResolvers } from '../generated/resolvers-types';
import { isIsoDate } from '../domain/dates';
import { standardInForce } from '../domain/standards';
import { standardOf } from '../data/commands/rows';
import { isoArg } from './dates';
import { badUserInput } from './errors';
import { isUuid } from './ids';
import { decodeCursor, encodeCursor, pageInfo, pageSize } from './pagination';
import { applicationsIn, reviewsDue } from '../data/lists';
import { toIsoDate } from '@hub/scalars';

export const Query: QueryResolvers = {
  assistanceEnrolment: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.enrolmentById.load(id) : null),
  assistanceStandardInForce: async (_parent, args, { loaders, today }) => {
    if (!regionLevel(args.regionCode)) throw badUserInput('regionCode', `"${args.regionCode}" is not a statistical division code of 6, 9 or 12 digits`);
    const day = args.on === null || args.on === undefined ? today : isoArg(args.on);
    if (!isIsoDate(day)) throw badUserInput('on', 'must be a date YYYY-MM-DD');
    const rows = await loaders.standardsByProgramme.load(args.programme);
    const found = standardInForce(rows.map(standardOf), args.programme, args.regionCode, day, args.grade ?? null);
    return found ? rows.find((r) => r.id === found.id)! : null;
  },
  assistanceStandards: (_parent, { programme }, { loaders }) => loaders.standardsByProgramme.load(programme),
  dibaoApplication: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.applicationById.load(id) : null),
  reliefOfficer: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.officerById.load(id) : null),
  careInstitution: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.institutionById.load(id) : null),
  careInstitutions: (_parent, { regionCode }, { caller, db }) => {
    if (!regionSubtreePrefix(regionCode)) throw badUserInput('regionCode', `"${regionCode}" is not a statistical division code of 6, 9 or 12 digits`);
    const prefixes = requireVisiblePrefixes(caller, regionCode);
    return db.prisma.careInstitution.findMany({ where: prismaRegionWhere(prefixes, 'regionCode'), orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  },
  houseRebuilding: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.rebuildingById.load(id) : null),
  assistanceReviewsDue: async (_parent, args, { caller, db, loaders, today }) => {
    if (!regionSubtreePrefix(args.regionCode)) throw badUserInput('regionCode', `"${args.regionCode}" is not a statistical division code of 6, 9 or 12 digits`);
    const prefixes = requireVisiblePrefixes(caller, args.regionCode);
    const dueBy = args.dueBy === null || args.dueBy === undefined ? today : isoArg(args.dueBy);
    if (!isIsoDate(dueBy)) throw badUserInput('dueBy', 'must be a date YYYY-MM-DD');
    const take = pageSize(args.first);
    const after = decodeCursor(args.after);
    const { rows, count } = await reviewsDue(db, prefixes, today, dueBy, take, after);
    for (const { row } of rows) loaders.enrolmentById.prime(row.id, row);
    const page = pageInfo(rows, take, after, (r) => encodeCursor(r.due, r.row.id));
    return { edges: page.edges.map((e) => ({ node: e.node.row, cursor: e.cursor })), pageInfo: page.pageInfo, count };
  },
  dibaoApplications: async (_parent, args, { caller, db, loaders }) => {
    if (!regionSubtreePrefix(args.regionCode)) throw badUserInput('regionCode', `"${args.regionCode}" is not a statistical division code of 6, 9 or 12 digits`);
    const prefixes = requireVisiblePrefixes(caller, args.regionCode);
    const take = pageSize(args.first);
    const after = decodeCursor(args.after);
    const { rows, count } = await applicationsIn(db, prefixes, args.stage ?? null, take, after);
    for (const row of rows) loaders.applicationById.prime(row.id, row);
    return { ...pageInfo(rows, take, after, (r) => encodeCursor(toIsoDate(r.submittedOn), r.id)), count };
  },
  civilAffairsAccessAudit: (_parent, args, { db }) => readAuditRecords(db.pool, 'civil_affairs', auditFilter(args)),
};

const MAX_SUBJECT = 200;

/** The audit query's arguments, checked: a malformed one is BAD_USER_INPUT naming it. */
function auditFilter(args: { personId?: string | null; subject?: string | null; first?: number | null; beforeId?: string | null }) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badUserInput('first', 'must be 1 to 100');
  if (args.personId != null && !isUuid(args.personId)) throw badUserInput('personId', `"${args.personId}" is not a person id (UUID)`);
  if (args.subject != null && (args.subject.trim() === '' || args.subject.length > MAX_SUBJECT)) throw badUserInput('subject', `must be 1 to ${MAX_SUBJECT} characters`);
  if (args.beforeId != null && !/^[1-9]\d{0,17}$/.test(args.beforeId)) throw badUserInput('beforeId', `"${args.beforeId}" is not an audit row id`);
  return { personId: args.personId ?? undefined, subject: args.subject ?? undefined, first, beforeId: args.beforeId ?? undefined };
}
