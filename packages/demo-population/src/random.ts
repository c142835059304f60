import { Faker, zh_CN, base, en, generateMersenne53Randomizer, type Randomizer } from '@faker-js/faker';
import { isoDayOf, parseDate } from './calendar';

const HEX_DIGIT = Array.from({ length: 16 }, (_, i) => i.toString(16));
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

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

  /** A version-4 UUID from this seeded stream. */
  uuid(): string {
    const a = Math.floor(this.next() * 0x1_0000_0000);
    const b = Math.floor(this.next() * 0x1_0000);
    const c = Math.floor(this.next() * 0x1000);
    const variant = (8 + this.int(0, 3)).toString(16);
    const d = Math.floor(this.next() * 0x1000);
    const e = Math.floor(this.next() * 0x100_0000);
    const f = Math.floor(this.next() * 0x100_0000);
    return (
      HEX_BYTE[a >>> 24]! + HEX_BYTE[(a >>> 16) & 255]! + HEX_BYTE[(a >>> 8) & 255]! + HEX_BYTE[a & 255]! + '-' +
      HEX_BYTE[b >>> 8]! + HEX_BYTE[b & 255]! + '-4' +
      HEX_DIGIT[c >>> 8]! + HEX_BYTE[c & 255]! + '-' + variant +
      HEX_DIGIT[d >>> 8]! + HEX_BYTE[d & 255]! + '-' +
      HEX_BYTE[e >>> 16]! + HEX_BYTE[(e >>> 8) & 255]! + HEX_BYTE[e & 255]! +
      HEX_BYTE[f >>> 16]! + HEX_BYTE[(f >>> 8) & 255]! + HEX_BYTE[f & 255]!
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
