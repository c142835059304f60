import { Faker, zh_CN, base, en, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';
import { isoDayOf, parseDate } from './calendar';

/** Character codes of the hexadecimal digits 0-9a-f, of '-' and of '4'. */
const HEX_CODES = Array.from({ length: 16 }, (_, i) => i.toString(16).charCodeAt(0));
const DASH = 45;
const FOUR = 52;

/** A seeded source of randomness: same seed, same demo data, on every machine. */
export class Random {
  readonly faker: Faker;
  /** Faker's own default generator (53-bit Mersenne Twister), held here so that `next` skips faker's option handling. */
  private readonly randomizer: Randomizer;

  constructor(seed: number) {
    this.randomizer = generateMersenne53Randomizer();
    this.faker = new Faker({ locale: [zh_CN, en, base], randomizer: this.randomizer });
    this.faker.seed(seed);
  }

  /** Uniform in [0, 1): the number faker.number.float({ min: 0, max: 1 }) would give. */
  next(): number {
    return this.randomizer.next();
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  /** A position in a list of `length` items: the draw `pick` makes. */
  index(length: number): number {
    return Math.floor(this.next() * length);
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const entry of table) total += entry[1];
    let roll = this.next() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![0];
  }

  /**
   * A version-4 UUID from this seeded stream. Built as one flat string from character codes: joining 24 pieces
   * would leave V8 a tree of 23 partial strings per id, for 300,000 persons costly to keep and to hash.
   */
  uuid(): string {
    const a = Math.floor(this.next() * 0x1_0000_0000);
    const b = Math.floor(this.next() * 0x1_0000);
    const c = Math.floor(this.next() * 0x1000);
    const variant = 8 + this.int(0, 3);
    const d = Math.floor(this.next() * 0x1000);
    const e = Math.floor(this.next() * 0x100_0000);
    const f = Math.floor(this.next() * 0x100_0000);
    const h = HEX_CODES;
    return String.fromCharCode(
      h[a >>> 28]!, h[(a >>> 24) & 15]!, h[(a >>> 20) & 15]!, h[(a >>> 16) & 15]!, h[(a >>> 12) & 15]!, h[(a >>> 8) & 15]!, h[(a >>> 4) & 15]!, h[a & 15]!, DASH,
      h[b >>> 12]!, h[(b >>> 8) & 15]!, h[(b >>> 4) & 15]!, h[b & 15]!, DASH,
      FOUR, h[c >>> 8]!, h[(c >>> 4) & 15]!, h[c & 15]!, DASH,
      h[variant]!, h[d >>> 8]!, h[(d >>> 4) & 15]!, h[d & 15]!, DASH,
      h[e >>> 20]!, h[(e >>> 16) & 15]!, h[(e >>> 12) & 15]!, h[(e >>> 8) & 15]!, h[(e >>> 4) & 15]!, h[e & 15]!,
      h[f >>> 20]!, h[(f >>> 16) & 15]!, h[(f >>> 12) & 15]!, h[(f >>> 8) & 15]!, h[(f >>> 4) & 15]!, h[f & 15]!,
    );
  }

  /** A date between two ISO dates, as YYYY-MM-DD. */
  dateBetween(from: string, to: string): string {
    const start = parseDate(from);
    const end = parseDate(to);
    return isoDayOf(start + Math.floor(this.next() * (end - start + 1)));
  }
}

/** A per-subgraph seed derived from the population's, so each subgraph's records are stable on their own. */
export function deriveSeed(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
