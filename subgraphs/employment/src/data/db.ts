import { pgAdapter, StatementCounter } from '@hub/database';
import { PrismaClient } from '../generated/prisma/client';

export const SCHEMA = 'employment';

export interface EmploymentDb {
  prisma: PrismaClient;
  /** SQL statements sent so far, counted from Prisma's query events. */
  statements: StatementCounter;
}

export function createDb(connectionString: string): EmploymentDb {
  const prisma = new PrismaClient({ adapter: pgAdapter({ connectionString, schema: SCHEMA }), log: [{ emit: 'event', level: 'query' }] });
  const statements = new StatementCounter();
  prisma.$on('query', statements.record);
  return { prisma, statements };
}
