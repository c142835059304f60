/**
 * Jurisdiction: a caller scoped to region codes sees only records whose region code lies in the
 * subtree of one of them (the code starts with it), whatever the entry point.
 */
import { regionLevel } from '@hub/identifiers';
import { GraphQLError } from 'graphql';
import type { Caller } from './scopes';

/**
 * The code prefix a region's subtree shares: a province (370000) is "37", a city (370700) "3707", a
 * district, subdistrict or community its own code. Null for anything that is not a region code.
 */
export function regionSubtreePrefix(code: string): string | null {
  if (/^\d{2}0000$/.test(code) && code !== '000000') return code.slice(0, 2);
  if (/^\d{4}00$/.test(code) && !code.endsWith('0000')) return code.slice(0, 4);
  return regionLevel(code) === null ? null : code;
}

export function inJurisdiction(caller: Caller, regionCode: string | null | undefined): boolean {
  if (!regionCode) return false;
  return caller.jurisdiction.some((root) => regionCode.startsWith(root));
}

/** The record when the caller may see it, else null (an out-of-jurisdiction record reads as unknown). */
export function visibleOrNull<T>(caller: Caller, record: T | null | undefined, regionCodeOf: (record: T) => string | null | undefined): T | null {
  return record != null && inJurisdiction(caller, regionCodeOf(record)) ? record : null;
}

/** Keeps the records of a batch the caller may see, in order (for DataLoader results use visibleOrNull per key). */
export function filterVisible<T>(caller: Caller, records: readonly T[], regionCodeOf: (record: T) => string | null | undefined): T[] {
  return records.filter((record) => inJurisdiction(caller, regionCodeOf(record)));
}

/**
 * The region-code prefixes a query about `regionCode`'s subtree may cover for this caller: the region
 * itself when it lies inside the jurisdiction; the caller's own roots inside it when the region is
 * wider (a district query by a community's grid worker); nothing otherwise. Dashboards aggregate over
 * exactly these prefixes.
 */
export function visiblePrefixes(caller: Caller, regionCode: string): string[] {
  const prefix = regionSubtreePrefix(regionCode) ?? regionCode;
  if (caller.jurisdiction.some((root) => prefix.startsWith(root))) return [prefix];
  return caller.jurisdiction.filter((root) => root.startsWith(prefix));
}

/**
 * For a region a mutation would write under: outside the caller's jurisdiction it is an authorization
 * failure (FORBIDDEN, a GraphQL error as the domain's conventions say), raised before anything is written.
 */
export function requireInJurisdiction(caller: Caller, regionCode: string, field = 'regionCode'): void {
  if (!inJurisdiction(caller, regionCode)) {
    throw new GraphQLError(`${field} ${regionCode} lies outside the caller's jurisdiction; nothing was written`, { extensions: { code: 'FORBIDDEN', inputField: field, regionCode } });
  }
}

/** Like visiblePrefixes, but a region wholly outside the jurisdiction is a FORBIDDEN error. */
export function requireVisiblePrefixes(caller: Caller, regionCode: string): string[] {
  const prefixes = visiblePrefixes(caller, regionCode);
  if (prefixes.length === 0) {
    throw new GraphQLError(`Region ${regionCode} is outside the caller's jurisdiction`, { extensions: { code: 'FORBIDDEN', regionCode } });
  }
  return prefixes;
}

/** Prisma `where` fragment: `{ OR: [{ regionCode: { startsWith: '370703001' } }, ...] }` (no prefixes: matches nothing). */
export function prismaRegionWhere<F extends string>(prefixes: readonly string[], field: F): { OR: Record<F, { startsWith: string }>[] } {
  return { OR: prefixes.map((prefix) => ({ [field]: { startsWith: prefix } }) as Record<F, { startsWith: string }>) };
}

/**
 * SQL fragment for raw queries: `<column> LIKE ANY($n)` with the patterns as parameter `$n`
 * (an empty array matches nothing). Prefixes are digits, so they need no LIKE escaping.
 */
export function sqlRegionClause(column: string, parameterIndex: number, prefixes: readonly string[]): { sql: string; param: string[] } {
  if (!/^[a-z_][a-z0-9_.]*$/i.test(column)) throw new Error(`not a plain column name: ${column}`);
  if (!prefixes.every((p) => /^\d+$/.test(p))) throw new Error('region prefixes are digits');
  return { sql: `${column} LIKE ANY($${parameterIndex}::text[])`, param: prefixes.map((p) => `${p}%`) };
}
