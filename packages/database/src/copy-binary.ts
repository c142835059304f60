import type { ClientBase } from 'pg';
import type { CopyValue } from './copy';

/**
 * COPY's binary format for the column types the hub's tables hold most: PostgreSQL reads a UUID, a date or an integer
 * from its bytes instead of parsing its text, and Node writes rows straight into buffers instead of building strings.
 * Each value is checked as strictly as PostgreSQL's text input would check it: a binary day number or timestamp is
 * stored as given, so an impossible date must fail here rather than become another date.
 */

/**
 * Writes one field (its length, then its bytes) at `at`; answers the offset after it. The caller ensured `room`.
 * `view` is a DataView of `buffer`: its setters compile to plain stores, where Buffer's write methods check and call.
 */
type FieldEncoder = (view: DataView, buffer: Buffer, at: number, value: NonNullable<CopyValue>) => number;

interface ColumnEncoder {
  /** Bytes the field can take at most, for a value of this length (strings) or any value (fixed sizes). */
  room: (value: NonNullable<CopyValue>) => number;
  encode: FieldEncoder;
}

/** The 11-byte signature, the flags and the header extension length. */
const HEADER = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00, 0, 0, 0, 0, 0, 0, 0, 0]);
const TRAILER = Buffer.from([0xff, 0xff]);

/** PostgreSQL's epoch (2000-01-01) in JavaScript's milliseconds and in days since 1970-01-01. */
const PG_EPOCH_MS = 946_684_800_000;
const PG_EPOCH_DAYS = 10_957;
const TWO_32 = 4_294_967_296;

/** The byte that two hexadecimal digits (their char codes below 128, as `high << 7 | low`) stand for; -1 if either is no digit. */
const HEX_PAIR = (() => {
  const digit = (code: number): number => (code >= 48 && code <= 57 ? code - 48 : code >= 65 && code <= 70 ? code - 55 : code >= 97 && code <= 102 ? code - 87 : -1);
  const table = new Int16Array(1 << 14).fill(-1);
  for (let high = 0; high < 128; high += 1) {
    for (let low = 0; low < 128; low += 1) if (digit(high) >= 0 && digit(low) >= 0) table[(high << 7) | low] = (digit(high) << 4) | digit(low);
  }
  return table;
})();
/** Where each of a UUID's 16 bytes starts in its 36-character text. */
const UUID_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

const invalid = (type: string, value: unknown): Error => new Error(`${JSON.stringify(typeof value === 'bigint' ? String(value) : value)} is not a valid ${type}`);

function text(value: NonNullable<CopyValue>): string {
  return typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : String(value);
}

/** Strings this short are copied code unit by code unit while they are ASCII: cheaper than a call into Buffer.write. */
const SHORT_STRING = 48;

const TEXT: ColumnEncoder = {
  // UTF-8 takes at most three bytes per UTF-16 code unit.
  room: (value) => 4 + (typeof value === 'string' ? value.length * 3 : 64),
  encode: (view, buffer, at, value) => {
    const string = text(value);
    const length = string.length;
    if (length <= SHORT_STRING) {
      let i = 0;
      for (; i < length; i += 1) {
        const unit = string.charCodeAt(i);
        if (unit > 127) break;
        buffer[at + 4 + i] = unit;
      }
      if (i === length) {
        view.setInt32(at, length);
        return at + 4 + length;
      }
    }
    const bytes = buffer.write(string, at + 4);
    view.setInt32(at, bytes);
    return at + 4 + bytes;
  },
};

/** jsonb's binary form is a version byte (1) before the JSON text. */
const JSONB: ColumnEncoder = {
  room: (value) => 5 + (typeof value === 'string' ? value.length * 3 : 64),
  encode: (view, buffer, at, value) => {
    if (typeof value !== 'string') throw invalid('JSON text', value);
    buffer[at + 4] = 1;
    const length = buffer.write(value, at + 5);
    view.setInt32(at, length + 1);
    return at + 5 + length;
  },
};

const UUID: ColumnEncoder = {
  room: () => 20,
  encode: (view, buffer, at, value) => {
    if (typeof value !== 'string' || value.length !== 36) throw invalid('UUID', value);
    if (value.charCodeAt(8) !== 45 || value.charCodeAt(13) !== 45 || value.charCodeAt(18) !== 45 || value.charCodeAt(23) !== 45) throw invalid('UUID', value);
    view.setInt32(at, 16);
    for (let i = 0; i < 16; i += 1) {
      const from = UUID_PAIRS[i]!;
      const high = value.charCodeAt(from);
      const low = value.charCodeAt(from + 1);
      const byte = high < 128 && low < 128 ? HEX_PAIR[(high << 7) | low]! : -1;
      if (byte < 0) throw invalid('UUID', value);
      buffer[at + 4 + i] = byte;
    }
    return at + 20;
  },
};

function integer(value: NonNullable<CopyValue>, type: string, min: number, max: number): number {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max || (typeof value === 'bigint' && BigInt(n) !== value)) throw invalid(type, value);
  return n;
}

/** smallint and integer: the value's bytes after its length. */
function fixedInteger(bytes: 2 | 4, type: string, min: number, max: number): ColumnEncoder {
  return {
    room: () => 4 + bytes,
    encode: (view, _buffer, at, value) => {
      const n = integer(value, type, min, max);
      view.setInt32(at, bytes);
      if (bytes === 2) view.setInt16(at + 4, n);
      else view.setInt32(at + 4, n);
      return at + 4 + bytes;
    },
  };
}

const INT2 = fixedInteger(2, 'smallint', -32_768, 32_767);
const INT4 = fixedInteger(4, 'integer', -2_147_483_648, 2_147_483_647);

/** A whole number as two 32-bit halves: no BigInt allocated per value. */
function writeInt64(view: DataView, at: number, n: number): void {
  const high = Math.floor(n / TWO_32);
  view.setInt32(at, high);
  view.setUint32(at + 4, n - high * TWO_32);
}

const INT8: ColumnEncoder = {
  room: () => 12,
  encode: (view, buffer, at, value) => {
    view.setInt32(at, 8);
    if (typeof value === 'bigint') {
      if (value < -(2n ** 63n) || value >= 2n ** 63n) throw invalid('bigint', value);
      view.setBigInt64(at + 4, value);
    } else {
      writeInt64(view, at + 4, integer(value, 'bigint', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER));
    }
    return at + 12;
  },
};

const FLOAT8: ColumnEncoder = {
  room: () => 12,
  encode: (view, buffer, at, value) => {
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isNaN(n) && value !== 'NaN') throw invalid('double precision', value);
    view.setInt32(at, 8);
    view.setFloat64(at + 4, n);
    return at + 12;
  },
};

const BOOL: ColumnEncoder = {
  room: () => 5,
  encode: (view, buffer, at, value) => {
    if (typeof value !== 'boolean') throw invalid('boolean', value);
    view.setInt32(at, 1);
    buffer[at + 4] = value ? 1 : 0;
    return at + 5;
  },
};

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil): integer arithmetic only. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function digits(value: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i += 1) {
    const d = value.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/** 'YYYY-MM-DD' (years 0001 to 9999), or a Date's UTC day, as days since 1970-01-01. */
function dayNumber(value: NonNullable<CopyValue>): number {
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalid('date', value);
    return Math.floor(ms / 86_400_000);
  }
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) throw invalid('date (YYYY-MM-DD)', value);
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 7);
  const day = digits(value, 8, 10);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DAYS_IN_MONTH[month - 1]! + (month === 2 && leap ? 1 : 0)) throw invalid('date (YYYY-MM-DD)', value);
  return daysFromCivil(year, month, day);
}

const DATE: ColumnEncoder = {
  room: () => 8,
  encode: (view, buffer, at, value) => {
    view.setInt32(at, 4);
    view.setInt32(at + 4, dayNumber(value) - PG_EPOCH_DAYS);
    return at + 8;
  },
};

/** An ISO 8601 instant with its zone: what JavaScript's Date.parse reads exactly (to the millisecond). */
const ZONED_INSTANT = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)$/;

const TIMESTAMPTZ: ColumnEncoder = {
  room: () => 12,
  encode: (view, buffer, at, value) => {
    const ms = value instanceof Date ? value.getTime() : typeof value === 'string' && ZONED_INSTANT.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) throw invalid('timestamp with time zone (a Date, or ISO 8601 with Z or an offset)', value);
    view.setInt32(at, 8);
    writeInt64(view, at + 4, (ms - PG_EPOCH_MS) * 1000);
    return at + 12;
  },
};

const BY_TYPE: Record<string, ColumnEncoder> = {
  text: TEXT,
  varchar: TEXT,
  bpchar: TEXT,
  jsonb: JSONB,
  json: TEXT,
  uuid: UUID,
  int2: INT2,
  int4: INT4,
  int8: INT8,
  float8: FLOAT8,
  bool: BOOL,
  date: DATE,
  timestamptz: TIMESTAMPTZ,
};

/**
 * The binary encoders of the columns, in order; null when a column's type has none here (arrays, numeric, domains,
 * timestamps without a zone...) or is unknown: the caller then uses the text format, whose errors name the column.
 */
export async function binaryColumnEncoders(client: ClientBase, table: string, columns: readonly string[]): Promise<ColumnEncoder[] | null> {
  const { rows } = await client.query<{ type: string | null; kind: string | null }>(
    `SELECT t.typname AS type, t.typtype AS kind
       FROM unnest($2::text[]) WITH ORDINALITY AS c(name, n)
       LEFT JOIN pg_attribute a ON a.attrelid = $1::regclass AND a.attname = c.name AND a.attnum > 0 AND NOT a.attisdropped
       LEFT JOIN pg_type t ON t.oid = a.atttypid
      ORDER BY c.n`,
    [table, columns],
  );
  const encoders: ColumnEncoder[] = [];
  for (const { type, kind } of rows) {
    // An enum's binary form is its label's text.
    const encoder = kind === 'e' ? TEXT : kind === 'b' && type ? BY_TYPE[type] : undefined;
    if (!encoder) return null;
    encoders.push(encoder);
  }
  return encoders;
}

/**
 * What COPY gathers before it goes to the socket (bytes here, characters in the text format): large enough that
 * per-chunk costs vanish, small enough to interleave.
 */
export const COPY_CHUNK_SIZE = 1 << 18;

/** Encodes rows into COPY binary chunks: `add` answers a full chunk to send, or null while the current one has room. */
export class BinaryRowEncoder {
  private buffer = Buffer.allocUnsafe(COPY_CHUNK_SIZE);
  private view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  private at = HEADER.copy(this.buffer, 0);
  private readonly fieldCount: number;

  constructor(private readonly encoders: readonly ColumnEncoder[]) {
    this.fieldCount = encoders.length;
  }

  /** Adds a row; answers the chunk filled before it when this row did not fit beside it. */
  add(row: readonly CopyValue[]): Buffer | null {
    const encoders = this.encoders;
    const count = this.fieldCount;
    if (row.length !== count) throw new Error(`a row has ${row.length} values for ${count} columns`);
    let room = 2;
    for (let i = 0; i < count; i += 1) {
      const value = row[i];
      room += value === null || value === undefined ? 4 : encoders[i]!.room(value);
    }
    let full: Buffer | null = null;
    if (this.at + room > this.buffer.length) {
      full = this.buffer.subarray(0, this.at);
      this.buffer = Buffer.allocUnsafe(Math.max(COPY_CHUNK_SIZE, room));
      this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
      this.at = 0;
    }
    const { buffer, view } = this;
    let at = this.at;
    view.setInt16(at, count);
    at += 2;
    for (let i = 0; i < count; i += 1) {
      const value = row[i];
      if (value === null || value === undefined) {
        view.setInt32(at, -1);
        at += 4;
      } else {
        at = encoders[i]!.encode(view, buffer, at, value);
      }
    }
    this.at = at;
    return full;
  }

  /** The last chunk, with the trailer. */
  end(): Buffer {
    return Buffer.concat([this.buffer.subarray(0, this.at), TRAILER]);
  }
}
