import { regionLevel } from '@hub/identifiers';
import type { QueryResolvers } from '../generated/resolvers-types';
import { isIsoDate } from '../domain/dates';
import { standardInForce } from '../domain/standards';
import { standardOf } from '../data/commands/rows';
import { isoArg } from './dates';
import { badUserInput } from './errors';
import { isUuid } from './ids';

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
  careInstitutions: (_parent, { regionCode }, { db }) => {
    if (!regionLevel(regionCode)) throw badUserInput('regionCode', `"${regionCode}" is not a statistical division code of 6, 9 or 12 digits`);
    return db.prisma.careInstitution.findMany({ where: { regionCode: { startsWith: regionCode } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
  },
  houseRebuilding: (_parent, { id }, { loaders }) => (isUuid(id) ? loaders.rebuildingById.load(id) : null),
};
