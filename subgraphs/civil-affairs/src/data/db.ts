import { createSubgraphDb, type SubgraphDb } from '@hub/database';
import { PrismaClient } from '../generated/prisma/client';

export const SCHEMA = 'civil_affairs';

export type CivilAffairsDb = SubgraphDb<PrismaClient>;

export function createDb(connectionString: string): CivilAffairsDb {
  return createSubgraphDb({ connectionString, schema: SCHEMA }, (adapter, statements) => {
    const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    prisma.$on('query', statements.record);
    return prisma;
  });
}
