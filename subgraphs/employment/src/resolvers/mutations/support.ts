import { randomUUID } from 'node:crypto';
import { checkCreditCode, regionLevel } from '@hub/identifiers';
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '@hub/database';
import { inJurisdiction, requireInJurisdiction, type Caller } from '@hub/access';
import type { Context } from '../../context';
import type { Prisma } from '../../generated/prisma/client';
import type { UserError, UserErrorCode } from '../../generated/resolvers-types';
import { dateValue, isIsoDate, today } from '../../domain/dates';

export type Tx = Prisma.TransactionClient;

export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Thrown inside a mutation's transaction: rolls it back, and the mutation answers with these userErrors. */
export class Refusal extends Error {
  constructor(readonly errors: UserError[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/** Collects a mutation's validation failures; field paths start at the `input` argument. */
export class Check {
  readonly errors: UserError[] = [];
  readonly today = today();

  constructor(
    readonly tx: Tx,
    /** Whose jurisdiction bounds what the mutation may touch. */
    readonly caller: Caller,
  ) {}

  /**
   * The record when it lies inside the caller's jurisdiction (by the region code stored with it), else null: a
   * record outside reads as unknown, so the mutation refuses it exactly as an unknown id (NOT_FOUND), writing nothing.
   */
  own<T extends { regionCode: string }>(record: T | null): T | null {
    return record && inJurisdiction(this.caller, record.regionCode) ? record : null;
  }

  add(field: string | null, code: UserErrorCode, message: string): void {
    this.errors.push({ field: field === null ? null : ['input', ...field.split('.')], code, message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Refuses now when anything was found, before a single write. */
  done(): void {
    if (this.errors.length > 0) throw new Refusal(this.errors);
  }

  /** Refuses with one error right away. */
  refuse(field: string | null, code: UserErrorCode, message: string): never {
    this.add(field, code, message);
    throw new Refusal(this.errors);
  }

  id(field: string, value: string | null | undefined, { required = true } = {}): string | null {
    if (value === null || value === undefined || value === '') {
      if (required) this.add(field, 'REQUIRED', `${field} is required`);
      return null;
    }
    if (!UUID.test(value)) {
      this.add(field, 'INVALID', `${field} must be an id (UUID), got "${value}"`);
      return null;
    }
    return value.toLowerCase();
  }

  text(field: string, value: string | null | undefined, { required = true, max = 200 } = {}): string | null {
    const text = value?.trim() ?? '';
    if (!text) {
      if (required) this.add(field, 'REQUIRED', `${field} must not be blank`);
      return null;
    }
    if ([...text].length > max) this.add(field, 'INVALID', `${field} must be at most ${max} characters`);
    return text;
  }

  /** A Date input (the scalar hands over a JS Date) as YYYY-MM-DD; not in the future unless allowed. */
  date(field: string, value: Date | string | null | undefined, { required = true, future = false } = {}): string | null {
    if (value === null || value === undefined) {
      if (required) this.add(field, 'REQUIRED', `${field} is required`);
      return null;
    }
    const iso = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : value;
    if (!isIsoDate(iso)) {
      this.add(field, 'INVALID', `${field} must be a date YYYY-MM-DD`);
      return null;
    }
    if (!future && iso > this.today) this.add(field, 'INVALID', `${field} must not be in the future (today is ${this.today})`);
    return iso;
  }

  /** `later` must not precede `earlier`. */
  order(field: string, earlier: string | null, later: string | null, what: string): void {
    if (earlier && later && later < earlier) this.add(field, 'INVALID', `${field} must not precede ${what} (${earlier})`);
  }

  int(field: string, value: number, min: number, max: number): number {
    if (!Number.isInteger(value) || value < min || value > max) this.add(field, 'INVALID', `${field} must be a whole number from ${min} to ${max}`);
    return value;
  }

  money(field: string, fen: bigint | null | undefined, { min = 0n, max, required = true }: { min?: bigint; max?: bigint; required?: boolean } = {}): bigint | null {
    if (fen === null || fen === undefined) {
      if (required) this.add(field, 'REQUIRED', `${field} is required`);
      return null;
    }
    if (fen < min) this.add(field, 'INVALID', `${field} must be at least ${formatYuan(min)} yuan`);
    if (max !== undefined && fen > max) this.add(field, 'INVALID', `${field} must be at most ${formatYuan(max)} yuan`);
    return fen;
  }

  /** A unified social credit code (GB 32100-2015), normalised to upper case. */
  creditCode(field: string, value: string | null | undefined, { required = true } = {}): string | null {
    if (value === null || value === undefined || value.trim() === '') {
      if (required) this.add(field, 'REQUIRED', `${field} is required`);
      return null;
    }
    const check = checkCreditCode(value);
    if (!check.valid) {
      this.add(field, 'INVALID', `${field}: ${check.message}`);
      return null;
    }
    return check.normalized;
  }

  regionCode(field: string, value: string, { community = false } = {}): string | null {
    const level = regionLevel(value);
    if (!level) {
      this.add(field, 'INVALID', `${field} must be a statistical division code of 6, 9 or 12 digits`);
      return null;
    }
    if (community && level !== 'COMMUNITY') {
      this.add(field, 'INVALID', `${field} must be a 12-digit community code`);
      return null;
    }
    requireInJurisdiction(this.caller, value, field);
    return value;
  }

  year(field: string, value: number): number {
    return this.int(field, value, 2000, 2100);
  }
}

function formatYuan(fen: bigint): string {
  return `${fen / 100n}.${(fen % 100n).toString().padStart(2, '0')}`;
}

export type Payload<K extends string, T> = { [key in K]: T | null } & { userErrors: UserError[] };

/** The PostgreSQL schema holding this subgraph's idempotency_key table. */
const SCHEMA = 'employment';

/** Optional idempotency of a mutation whose input may carry `idempotencyKey`. */
export interface Idempotent<T> {
  /** Keys are scoped per operation (the mutation's name). */
  operation: string;
  /** The whole input: hashed (without the key) to tell a replay from a reuse with other input. */
  input: { idempotencyKey?: string | null };
  /** Reads the first result again for a replay; no write. */
  reload: (tx: Tx, id: string) => Promise<T | null>;
  /** The id stored with the key; defaults to the result's `id`. */
  idOf?: (result: T) => string;
}

/** Claims the key (when given) inside the transaction; answers a replay by reloading, refuses a reuse with other input. */
async function withKey<T>(check: Check, idem: Idempotent<T> | undefined, body: (check: Check) => Promise<T>): Promise<T> {
  const key = idem?.input.idempotencyKey;
  if (!idem || key === null || key === undefined) return body(check);
  if ([...key].length < 1 || [...key].length > 200) check.refuse('idempotencyKey', 'INVALID', 'idempotencyKey must be 1 to 200 characters');
  const claim = await claimIdempotencyKey(check.tx, SCHEMA, idem.operation, key, requestHash(idem.input));
  if (claim.kind === 'mismatch') check.refuse('idempotencyKey', 'CONFLICT', 'the idempotency key was already used with different input');
  if (claim.kind === 'replay') {
    const first = await idem.reload(check.tx, claim.resultId);
    // The first result was written in the same schema, so it can only be missing if someone deleted it by hand.
    if (first === null) throw new Error(`${idem.operation}: the result ${claim.resultId} of idempotency key "${key}" is gone`);
    // Keys are shared by all callers: a replay must not hand over a record outside this caller's jurisdiction.
    const region = (first as { regionCode?: unknown }).regionCode;
    if (typeof region === 'string' && !inJurisdiction(check.caller, region)) check.refuse('idempotencyKey', 'CONFLICT', "the idempotency key was already used for a record outside the caller's jurisdiction");
    return first;
  }
  const result = await body(check);
  await completeIdempotencyKey(check.tx, SCHEMA, idem.operation, key, idem.idOf ? idem.idOf(result) : (result as { id: string }).id);
  return result;
}

/**
 * Runs a mutation in one transaction. A Refusal rolls back and becomes userErrors; a unique-index violation
 * (someone wrote the same record first) becomes DUPLICATE, so nothing is ever half written. With `idem` and an
 * `idempotencyKey` in the input, the same key replays the first result instead of writing again.
 */
export async function run<K extends string, T>(
  { db, caller }: Pick<Context, 'db' | 'caller'>,
  key: K,
  body: (check: Check) => Promise<T>,
  idem?: Idempotent<T>,
): Promise<Payload<K, T>> {
  try {
    const record = await db.prisma.$transaction((tx) => withKey(new Check(tx, caller), idem, body));
    return { [key]: record, userErrors: [] } as Payload<K, T>;
  } catch (error) {
    if (error instanceof Refusal) return { [key]: null, userErrors: error.errors } as Payload<K, T>;
    if ((error as { code?: string }).code === 'P2002') {
      return { [key]: null, userErrors: [{ field: null, code: 'DUPLICATE', message: 'the record already exists' }] } as Payload<K, T>;
    }
    throw error;
  }
}

export { dateValue };

/** Reloads a person answered by the labour-person payloads ({ id } resolves the rest), for replays. */
export async function personById(tx: Tx, id: string): Promise<{ id: string } | null> {
  return (await tx.labourForceMember.findUnique({ where: { personId: id }, select: { personId: true } })) ? { id } : null;
}
