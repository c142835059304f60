import { createSubgraphDb, type SubgraphDb } from '@hub/database';
import { PrismaClient } from '../generated/prisma/client';
import { RegionDirectory } from './regionDirectory';

export const SCHEMA = 'community';

/** The database, and the process's copy of the administrative divisions read through it. */
export type CommunityDb = SubgraphDb<PrismaClient> & { regions: RegionDirectory };

export function createDb(connectionString: string): CommunityDb {
  const db = createSubgraphDb({ connectionString, schema: SCHEMA }, (adapter, statements) => {
    const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    prisma.$on('query', statements.record);
    return prisma;
  });
  return { ...db, regions: new RegionDirectory(db.prisma) };
}
