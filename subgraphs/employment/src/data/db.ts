import { createSubgraphDb, type SubgraphDb } from '@hub/database';
import { PrismaClient } from '../generated/prisma/client';

export const SCHEMA = 'employment';

export type EmploymentDb = SubgraphDb<PrismaClient>;

export function createDb(connectionString: string): EmploymentDb {
  return createSubgraphDb({ connectionString, schema: SCHEMA }, (adapter, statements) => {
    const prisma = new PrismaClient({ adapter, log: [{ emit: 'event', level: 'query' }] });
    prisma.$on('query', statements.record);
    return prisma;
  });
}
