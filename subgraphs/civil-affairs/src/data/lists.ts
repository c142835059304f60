import { prismaRegionWhere } from '@hub/access';
import { Prisma } from '../generated/prisma/client';
import type { CivilAffairsDb } from './db';
import type { ApplicationRow, EnrolmentRow } from './models';

/**
 * `(column LIKE '3707%' OR ...)` over region-code prefixes (digits only, so nothing needs escaping; no prefix
 * matches nothing): one LIKE per prefix, so the text_pattern_ops index serves each.
 */
function regionClause(column: Prisma.Sql, prefixes: string[]): Prisma.Sql {
  const likes = prefixes.filter((p) => /^\d+$/.test(p)).map((p) => Prisma.sql`${column} LIKE ${`${p}%`}`);
  return likes.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`(${Prisma.join(likes, ' OR ')})`;
}

/**
 * Enrolments in force on a day in the subtrees of the given region-code prefixes whose annual review is due by `dueBy` (a year after the
 * last review or the start; PostgreSQL's month arithmetic clamps 29 February like addMonths), earliest first.
 */
export async function reviewsDue(
  { prisma }: CivilAffairsDb,
  prefixes: string[],
  today: string,
  dueBy: string,
  take: number,
  after: { key: string; id: string } | null,
): Promise<{ rows: { row: EnrolmentRow; due: string }[]; count: () => Promise<number> }> {
  const due = Prisma.sql`(coalesce(e.last_reviewed_on, e.start_date) + interval '12 months')::date`;
  const inForce = Prisma.sql`${regionClause(Prisma.raw('e.region_code'), prefixes)} AND e.status <> 'TERMINATED' AND e.start_date <= ${today}::date
    AND (e.end_date IS NULL OR e.end_date >= ${today}::date) AND ${due} <= ${dueBy}::date`;
  const cursor = after ? Prisma.sql`AND (${due}, e.id) > (${after.key}::date, ${after.id}::uuid)` : Prisma.empty;
  const found = await prisma.$queryRaw<{ id: string; due: Date }[]>`
    SELECT e.id, ${due} AS due FROM "civil_affairs"."enrolment" e WHERE ${inForce} ${cursor} ORDER BY due, e.id LIMIT ${take + 1}`;
  const rows = await prisma.enrolment.findMany({ where: { id: { in: found.map((f) => f.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    rows: found.map((f) => ({ row: byId.get(f.id)!, due: f.due.toISOString().slice(0, 10) })),
    count: async () => Number((await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "civil_affairs"."enrolment" e WHERE ${inForce}`)[0]!.n),
  };
}

/** Applications in the subtrees of the given region-code prefixes, newest submission first (keyset on submission day and id). */
export async function applicationsIn(
  { prisma }: CivilAffairsDb,
  prefixes: string[],
  stage: ApplicationRow['stage'] | null,
  take: number,
  after: { key: string; id: string } | null,
): Promise<{ rows: ApplicationRow[]; count: () => Promise<number> }> {
  const where: Prisma.DibaoApplicationWhereInput = { ...prismaRegionWhere(prefixes, 'regionCode'), ...(stage ? { stage } : {}) };
  const day = after ? new Date(`${after.key}T00:00:00Z`) : null;
  const rows = await prisma.dibaoApplication.findMany({
    where: day ? { AND: [where, { OR: [{ submittedOn: { lt: day } }, { submittedOn: day, id: { gt: after!.id } }] }] } : where,
    orderBy: [{ submittedOn: 'desc' }, { id: 'asc' }],
    take: take + 1,
  });
  return { rows, count: () => prisma.dibaoApplication.count({ where }) };
}
