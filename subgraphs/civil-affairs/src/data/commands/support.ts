import { randomUUID } from 'node:crypto';
import { claimIdempotencyKey, completeIdempotencyKey, requestHash } from '@hub/database';
import { regionLevel } from '@hub/identifiers';
import type { Prisma } from '../../generated/prisma/client';
import type { UserError, UserErrorCode } from '../../generated/resolvers-types';
import { isIsoDate } from '../../domain/dates';
import { SCHEMA, type CivilAffairsDb } from '../db';

export type Tx = Prisma.TransactionClient;

/**
 * Whether the caller's jurisdiction covers a stored region code. A record outside it reads as unknown to
 * a mutation too: NOT_FOUND, as for an id that names nothing.
 */
export type Sees = (regionCode: string | null | undefined) => boolean;

export const newId = (): string => randomUUID();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Collects a mutation's validation failures; field paths start at the `input` argument. */
export class UserErrors {
  readonly list: UserError[] = [];

  add(field: string | null, code: UserErrorCode, message: string): void {
    this.list.push({ field: field === null ? null : ['input', ...field.split('.')], code, message });
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  uuid(field: string, value: string): boolean {
    if (UUID.test(value)) return true;
    this.add(field, 'INVALID', `${field} must be an id (UUID), got "${value}"`);
    return false;
  }

  /** A Date input arrives as a JS Date from the scalar; rules work on YYYY-MM-DD. */
  date(field: string, value: unknown, { notAfter }: { notAfter?: string } = {}): string | null {
    const iso = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : String(value ?? '');
    if (!isIsoDate(iso)) {
      this.add(field, 'INVALID', `${field} must be a date YYYY-MM-DD`);
      return null;
    }
    if (notAfter !== undefined && iso > notAfter) {
      this.add(field, 'INVALID', `${field} cannot be after ${notAfter}`);
      return null;
    }
    return iso;
  }

  region(field: string, code: string, { community = false }: { community?: boolean } = {}): boolean {
    const level = regionLevel(code);
    if (!level || (community && level !== 'COMMUNITY')) {
      this.add(field, 'INVALID', community ? `${field} must be a 12-digit community code, got "${code}"` : `${field} must be a statistical division code of 6, 9 or 12 digits, got "${code}"`);
      return false;
    }
    return true;
  }

  money(field: string, fen: bigint, { positive = false }: { positive?: boolean } = {}): boolean {
    if (fen < 0n || (positive && fen === 0n)) {
      this.add(field, 'INVALID', `${field} must be ${positive ? 'more than zero' : 'zero or more'}`);
      return false;
    }
    return true;
  }

  text(field: string, value: string | null | undefined, { required = true, max = 200 }: { required?: boolean; max?: number } = {}): string | null {
    const trimmed = (value ?? '').trim();
    if (!trimmed) {
      if (required) this.add(field, 'REQUIRED', `${field} is required`);
      return null;
    }
    if (trimmed.length > max) {
      this.add(field, 'INVALID', `${field} is longer than ${max} characters`);
      return null;
    }
    return trimmed;
  }
}

/** Thrown inside a transaction to roll back everything it wrote and answer with userErrors. */
class Refused extends Error {
  constructor(readonly errors: UserError[]) {
    super('refused');
  }
}

export interface MutationResult<T> {
  value: T | null;
  userErrors: UserError[];
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === 'P2002' || e?.code === 'P2034' || e?.cause?.code === '23505';
}

/** How a mutation replays its first result for a repeated idempotency key. */
export interface Idempotency<T> {
  /** The mutation's name: a key is unique per operation. */
  operation: string;
  /** The whole input; its hash (without the key) tells a replay from a reuse of the key. */
  input: { idempotencyKey?: string | null };
  /** The id kept with the key: the created or changed record's. */
  resultId: (value: T) => string;
  /** Reads the first result again by that id. */
  reload: (tx: Tx, resultId: string) => Promise<T | null>;
}

/** Idempotency for a mutation whose result is one record, reloaded by its id. */
export function byId<T extends { id: string }>(operation: string, input: Idempotency<T>['input'], reload: (tx: Tx, id: string) => Promise<T | null>): Idempotency<T> {
  return { operation, input, resultId: (value) => value.id, reload };
}

export const MAX_IDEMPOTENCY_KEY = 200;

/** Explicit nulls and omitted optional fields mean the same, so a retry hashes alike either way. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).flatMap(([name, v]) => (v === null ? [] : [[name, withoutNulls(v)]])));
  }
  return value;
}

/**
 * Runs a mutation: input checks first (nothing opened when they fail), then the work in one transaction,
 * rolled back entirely when the work adds a userError or loses a race on a unique key. With an idempotency
 * key the key is claimed first in the same transaction: a repeat replays the first result without writing,
 * a concurrent repeat waits for the first to commit, and the key with other input is a CONFLICT.
 */
export async function runMutation<T>(db: CivilAffairsDb, errors: UserErrors, work: (tx: Tx) => Promise<T | null>, idempotency?: Idempotency<T>): Promise<MutationResult<T>> {
  const key = idempotency?.input.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > MAX_IDEMPOTENCY_KEY)) {
    errors.add('idempotencyKey', 'INVALID', `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY} characters`);
  }
  if (errors.any) return { value: null, userErrors: errors.list };
  try {
    const value = await db.prisma.$transaction(async (tx) => {
      if (idempotency && key !== null) {
        const claim = await claimIdempotencyKey(tx, SCHEMA, idempotency.operation, key, requestHash(withoutNulls(idempotency.input)));
        if (claim.kind === 'mismatch') {
          throw new Refused([{ field: ['input', 'idempotencyKey'], code: 'CONFLICT', message: 'this idempotencyKey was already used with different input; choose a new key for a new request' }]);
        }
        if (claim.kind === 'replay') {
          const first = await idempotency.reload(tx, claim.resultId);
          if (first === null) throw new Error(`the first result ${claim.resultId} of idempotency key ${key} (${idempotency.operation}) is gone`);
          return first;
        }
      }
      const result = await work(tx);
      if (errors.any) throw new Refused(errors.list);
      if (result === null) throw new Error('a mutation step returned nothing without a userError');
      if (idempotency && key !== null) await completeIdempotencyKey(tx, SCHEMA, idempotency.operation, key, idempotency.resultId(result));
      return result;
    });
    return { value, userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { value: null, userErrors: error.errors };
    if (isUniqueViolation(error)) return { value: null, userErrors: [{ field: null, code: 'CONFLICT', message: 'another change to the same records came first; read them again and retry' }] };
    throw error;
  }
}
