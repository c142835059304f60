import { randomUUID } from 'node:crypto';
import { regionLevel } from '@hub/identifiers';
import type { Prisma } from '../../generated/prisma/client';
import type { UserError, UserErrorCode } from '../../generated/resolvers-types';
import { isIsoDate } from '../../domain/dates';
import type { CivilAffairsDb } from '../db';

export type Tx = Prisma.TransactionClient;

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

/**
 * Runs a mutation: input checks first (nothing opened when they fail), then the work in one transaction,
 * rolled back entirely when the work adds a userError or loses a race on a unique key.
 */
export async function runMutation<T>(db: CivilAffairsDb, errors: UserErrors, work: (tx: Tx) => Promise<T | null>): Promise<MutationResult<T>> {
  if (errors.any) return { value: null, userErrors: errors.list };
  try {
    const value = await db.prisma.$transaction(async (tx) => {
      const result = await work(tx);
      if (errors.any) throw new Refused(errors.list);
      if (result === null) throw new Error('a mutation step returned nothing without a userError');
      return result;
    });
    return { value, userErrors: [] };
  } catch (error) {
    if (error instanceof Refused) return { value: null, userErrors: error.errors };
    if (isUniqueViolation(error)) return { value: null, userErrors: [{ field: null, code: 'CONFLICT', message: 'another change to the same records came first; read them again and retry' }] };
    throw error;
  }
}
