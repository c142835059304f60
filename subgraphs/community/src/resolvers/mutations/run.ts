import { forbidden, inJurisdiction, type Caller } from '@hub/access';
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '@hub/database';
import { regionLevel } from '@hub/identifiers';
import type { CommunityDb } from '../../data/db';
import { dbDate } from '../../data/dates';
import { personRegionCodes } from '../../data/personRegion';
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

/** Whether the caller may act on a record found by id: inside the jurisdiction, judged by the record's region. */
type Visible<T> = (row: T) => boolean | Promise<boolean>;

/** Collects a mutation's userErrors; `done()` refuses when any were found, before anything is written. */
export class Validator {
  readonly errors: DomainError[] = [];

  constructor(
    readonly tx: Tx,
    readonly today: string,
    readonly caller: Caller,
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

  /**
   * A record by id the caller may act on (`visible`, normally `(row) => v.inside(row.regionCode)`): NOT_FOUND when the
   * id names none (a malformed id names none) or one outside the jurisdiction, which the caller cannot tell apart, as on reads.
   */
  async record<T>(field: string, id: string | null | undefined, find: (id: string) => Promise<T | null>, what: string, visible: Visible<T>): Promise<T | null> {
    if (id === null || id === undefined) return null;
    const row = isUuid(id) ? await find(id) : null;
    if (!row || !(await visible(row))) {
      this.add(field, 'NOT_FOUND', `no ${what} has id ${id}`);
      return null;
    }
    return row;
  }

  /** Whether a stored region code lies inside the caller's jurisdiction. */
  inside(regionCode: string | null | undefined): boolean {
    return inJurisdiction(this.caller, regionCode);
  }

  /** A community (12-digit code) that exists; one outside the caller's jurisdiction is FORBIDDEN and nothing is written. */
  async community(field: string, code: string): Promise<RegionRow | null> {
    if (regionLevel(code) !== 'COMMUNITY') {
      this.add(field, 'INVALID', `"${code}" is not a 12-digit community code`);
      return null;
    }
    const region = await this.tx.region.findUnique({ where: { code } });
    if (!region) this.add(field, 'NOT_FOUND', `no community has code ${code}`);
    else if (!inJurisdiction(this.caller, region.code)) throw forbidden(`${field}: community ${code} is outside the caller's jurisdiction`);
    return region;
  }

  /** Where community places a person now (null: nowhere yet), read inside the mutation's transaction. */
  async personRegion(personId: string): Promise<string | null> {
    return (await personRegionCodes(this.tx, [personId])).get(personId) ?? null;
  }

  /**
   * A person inside the caller's jurisdiction. With `placing`, also a person placed nowhere yet: the mutations that
   * place a newly registered resident (a household, a floating registration, a cadre term, ...) take them.
   */
  person(field: string, id: string | null | undefined, { placing = false } = {}) {
    return this.record(field, id, (key) => this.tx.person.findUnique({ where: { id: key } }), 'person', async (person) => {
      const region = await this.personRegion(person.id);
      return region === null ? placing : this.inside(region);
    });
  }

  /** Persons inside the caller's jurisdiction (or placed nowhere yet, with `placing`), in one statement: the ids that pass. */
  async persons(ids: readonly string[], { placing = false } = {}): Promise<Set<string>> {
    const valid = ids.filter(isUuid);
    const found = await this.tx.person.findMany({ where: { id: { in: valid } }, select: { id: true } });
    const regions = await personRegionCodes(this.tx, found.map((p) => p.id));
    return new Set(found.map((p) => p.id).filter((id) => {
      const region = regions.get(id) ?? null;
      return region === null ? placing : this.inside(region);
    }));
  }

  household(field: string, id: string | null | undefined) {
    return this.record(field, id, (key) => this.tx.household.findUnique({ where: { id: key } }), 'household', (h) => this.inside(h.regionCode));
  }

  cadre(field: string, id: string | null | undefined) {
    return this.record(field, id, (key) => this.tx.cadre.findUnique({ where: { id: key } }), 'cadre', (c) => this.inside(c.regionCode));
  }
}

export interface MutationResult<T> {
  value: T | null;
  userErrors: DomainError[];
}

function prismaCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
}

/** The PostgreSQL schema holding this subgraph's idempotency keys. */
const SCHEMA = 'community';
const MAX_KEY_LENGTH = 200;

/** How a mutation that creates a workflow record replays its first result when its key comes again. */
export interface Once<T> {
  operation: string;
  input: { idempotencyKey?: string | null };
  /** Loads the record the first request answered. */
  reload: (tx: Tx, id: string) => Promise<T>;
  idOf: (value: T) => string;
}

/** Idempotency for `operation`: the payload's record is reloaded by id on replay. */
export function once<T extends { id: string }>(operation: string, input: { idempotencyKey?: string | null }, reload: (tx: Tx, id: string) => Promise<T>): Once<T> {
  return { operation, input, reload, idOf: (value) => value.id };
}

/** The key's own problem, if any: 1–200 characters, not blank. */
export function checkIdempotencyKey(key: string): DomainError | null {
  const length = [...key].length;
  if (key.trim() === '' || length > MAX_KEY_LENGTH) {
    return domainError(['input', 'idempotencyKey'], 'INVALID', `must be 1 to ${MAX_KEY_LENGTH} characters and not blank`);
  }
  return null;
}

/**
 * Claims the key first inside the transaction, so a concurrent request with the same key waits on this one's
 * row and then replays it; the key commits or rolls back with the work.
 */
async function runOnce<T>(tx: Tx, once: Once<T>, caller: Caller, work: () => Promise<T>): Promise<T> {
  const key = once.input.idempotencyKey;
  if (key === null || key === undefined) return work();
  const invalid = checkIdempotencyKey(key);
  if (invalid) throw new Refusal([invalid]);
  // The caller is part of the request: another caller's same key and input is a CONFLICT, never a replay of a
  // record that caller might not be allowed to see.
  const claim = await claimIdempotencyKey(tx, SCHEMA, once.operation, key, requestHash({ input: once.input, subject: caller.subject }));
  if (claim.kind === 'mismatch') {
    throw new Refusal([domainError(['input', 'idempotencyKey'], 'CONFLICT', 'this key was already used with different input')]);
  }
  if (claim.kind === 'replay') return once.reload(tx, claim.resultId);
  const value = await work();
  await completeIdempotencyKey(tx, SCHEMA, once.operation, key, once.idOf(value));
  return value;
}

/**
 * Runs one mutation in one transaction for the caller, whose jurisdiction the Validator's lookups enforce. A Refusal
 * rolls everything back and becomes userErrors, a FORBIDDEN error rolls back too; a unique
 * violation raced in by a concurrent writer becomes CONFLICT. Nothing is written on any userError. With
 * `idempotent` and a key in the input, the same key replays the first result instead of writing again.
 */
export async function mutate<T>(db: CommunityDb, today: string, caller: Caller, work: (v: Validator, tx: Tx) => Promise<T>, idempotent?: Once<T>): Promise<MutationResult<T>> {
  try {
    const value = await db.prisma.$transaction(async (tx) => {
      const run = () => work(new Validator(tx, today, caller), tx);
      return idempotent ? runOnce(tx, idempotent, caller, run) : run();
    });
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
