import { regionLevel } from '@hub/identifiers';
import type { CommunityDb } from '../../data/db';
import { dbDate } from '../../data/dates';
import { isIsoDate, isoDay } from '../../domain/dates';
import { domainError, type DomainError, type UserErrorCode } from '../../domain/errors';
import type { RegionRow } from '../../data/models';
import { isUuid } from '../Query';

export type Tx = Parameters<Parameters<CommunityDb['prisma']['$transaction']>[0]>[0];

/** Thrown inside a mutation's transaction to roll it back and answer with userErrors. */
export class Refusal extends Error {
  constructor(readonly errors: DomainError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

type DateInput = Date | string | null | undefined;

/** Collects a mutation's userErrors; `done()` refuses when any were found, before anything is written. */
export class Validator {
  readonly errors: DomainError[] = [];

  constructor(
    readonly tx: Tx,
    readonly today: string,
  ) {}

  add(field: string, code: UserErrorCode, message: string): void {
    this.errors.push(domainError(['input', field], code, message));
  }

  addAll(errors: DomainError[]): void {
    this.errors.push(...errors);
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Refuses now when any error was collected. */
  done(): void {
    if (this.errors.length > 0) throw new Refusal(this.errors);
  }

  /** Trimmed text; REQUIRED when required and blank, INVALID when longer than max. Null when absent. */
  text(field: string, value: string | null | undefined, { required = false, max = 500 } = {}): string | null {
    const text = value?.trim() ?? '';
    if (!text) {
      if (required) this.add(field, 'REQUIRED', 'must not be blank');
      return null;
    }
    if ([...text].length > max) this.add(field, 'INVALID', `must be at most ${max} characters`);
    return text;
  }

  /** A calendar date as YYYY-MM-DD; not after today unless allowed. */
  date(field: string, value: DateInput, { required = true, future = false } = {}): string | null {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'REQUIRED', 'a date is required');
      return null;
    }
    const day = isoDay(value);
    if (!isIsoDate(day)) {
      this.add(field, 'INVALID', `"${day}" is not a calendar date`);
      return null;
    }
    if (!future && day > this.today) this.add(field, 'INVALID', `must not be in the future (today is ${this.today})`);
    return day;
  }

  /** Refuses `later` before `earlier` (both YYYY-MM-DD, either may be missing). */
  order(field: string, earlier: string | null, later: string | null, what: string): void {
    if (earlier && later && later < earlier) this.add(field, 'INVALID', `must not precede ${what} ${earlier}`);
  }

  int(field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) this.add(field, 'INVALID', `must be a whole number from ${min} to ${max}`);
    return value;
  }

  /** A record by id: NOT_FOUND when the id names none (a malformed id names none). */
  async record<T>(field: string, id: string | null | undefined, find: (id: string) => Promise<T | null>, what: string): Promise<T | null> {
    if (id === null || id === undefined) return null;
    const row = isUuid(id) ? await find(id) : null;
    if (!row) this.add(field, 'NOT_FOUND', `no ${what} has id ${id}`);
    return row;
  }

  /** A community (12-digit code) that exists. */
  async community(field: string, code: string): Promise<RegionRow | null> {
    if (regionLevel(code) !== 'COMMUNITY') {
      this.add(field, 'INVALID', `"${code}" is not a 12-digit community code`);
      return null;
    }
    const region = await this.tx.region.findUnique({ where: { code } });
    if (!region) this.add(field, 'NOT_FOUND', `no community has code ${code}`);
    return region;
  }

  person(field: string, id: string | null | undefined) {
    return this.record(field, id, (key) => this.tx.person.findUnique({ where: { id: key } }), 'person');
  }

  household(field: string, id: string | null | undefined) {
    return this.record(field, id, (key) => this.tx.household.findUnique({ where: { id: key } }), 'household');
  }

  cadre(field: string, id: string | null | undefined) {
    return this.record(field, id, (key) => this.tx.cadre.findUnique({ where: { id: key } }), 'cadre');
  }
}

export interface MutationResult<T> {
  value: T | null;
  userErrors: DomainError[];
}

function prismaCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/**
 * Runs one mutation in one transaction. A Refusal rolls everything back and becomes userErrors; a unique
 * violation raced in by a concurrent writer becomes CONFLICT. Nothing is written on any userError.
 */
export async function mutate<T>(db: CommunityDb, today: string, work: (v: Validator, tx: Tx) => Promise<T>): Promise<MutationResult<T>> {
  try {
    const value = await db.prisma.$transaction(async (tx) => work(new Validator(tx, today), tx));
    return { value, userErrors: [] };
  } catch (error) {
    if (error instanceof Refusal) return { value: null, userErrors: error.errors };
    if (prismaCode(error) === 'P2002' || prismaCode(error) === 'P2034') {
      return { value: null, userErrors: [domainError(['input'], 'CONFLICT', 'someone else changed the records first; try again')] };
    }
    throw error;
  }
}

export { dbDate };
