import { regionLevel } from '@hub/identifiers';
import { isIsoDate } from '../domain/dates';
import { isUuid } from '../data/loaders';
import type { UserErrorCode } from '../generated/resolvers-types';

export interface UserErrorModel {
  field: string[];
  code: UserErrorCode;
  message: string;
}

/** Collects a mutation's validation failures; nothing is written while any is present. */
export class Validation {
  readonly errors: UserErrorModel[] = [];

  add(field: string, code: UserErrorCode, message: string): void {
    // Nested fields are dotted ("indicators.0.target") and reported as path segments.
    this.errors.push({ field: ['input', ...field.split('.')], code, message });
  }

  get ok(): boolean {
    return this.errors.length === 0;
  }

  /** Trimmed text, required and at most `max` characters; returns it or null after recording the problem. */
  text(field: string, value: string | null | undefined, { required = true, max = 500 } = {}): string | null {
    const text = value?.trim() ?? '';
    if (!text) {
      if (required) this.add(field, 'REQUIRED', `${field} must not be empty`);
      return null;
    }
    if (text.length > max) {
      this.add(field, 'INVALID', `${field} is longer than ${max} characters`);
      return null;
    }
    return text;
  }

  /** A uuid that names a record; any other text cannot, so it is NOT_FOUND. */
  id(field: string, value: string | null | undefined): string | null {
    if (value === null || value === undefined) return null;
    if (!isUuid(value)) {
      this.add(field, 'NOT_FOUND', `no record has the id "${value}"`);
      return null;
    }
    return value;
  }

  communityCode(field: string, value: string): string | null {
    if (regionLevel(value) !== 'COMMUNITY') {
      this.add(field, 'INVALID', `"${value}" is not a 12-digit community or village code`);
      return null;
    }
    return value;
  }

  /** A valid date, optionally not after `notAfter` (usually today). */
  date(field: string, value: string, notAfter?: string): string | null {
    if (!isIsoDate(value)) {
      this.add(field, 'INVALID', `"${value}" is not a date YYYY-MM-DD`);
      return null;
    }
    // Plans add months and years to dates: keep them where calendar arithmetic stays valid.
    if (value < '1900-01-01' || value > '2199-12-31') {
      this.add(field, 'INVALID', `${field} ${value} is outside the years 1900–2199`);
      return null;
    }
    if (notAfter && value > notAfter) {
      this.add(field, 'INVALID', `${field} ${value} is in the future`);
      return null;
    }
    return value;
  }

  intBetween(field: string, value: number, min: number, max: number): number | null {
    if (!Number.isInteger(value) || value < min || value > max) {
      this.add(field, 'INVALID', `${field} must be a whole number ${min}–${max}, got ${value}`);
      return null;
    }
    return value;
  }
}

/** A refusal raised inside a transaction: rolls it back and becomes the payload's userErrors. */
export class Refusal extends Error {
  constructor(readonly errors: UserErrorModel[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

export function refuse(field: string, code: UserErrorCode, message: string): Refusal {
  return new Refusal([{ field: ['input', field], code, message }]);
}
