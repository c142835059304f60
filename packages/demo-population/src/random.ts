import { Faker, zh_CN, base, en } from '@faker-js/faker';

/** A seeded source of randomness: same seed, same demo data, on every machine. */
export class Random {
  readonly faker: Faker;

  constructor(seed: number) {
    this.faker = new Faker({ locale: [zh_CN, en, base] });
    this.faker.seed(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.faker.number.float({ min: 0, max: 1 });
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(table: readonly (readonly [T, number])[]): T {
    const total = table.reduce((sum, [, weight]) => sum + weight, 0);
    let roll = this.next() * total;
    for (const [value, weight] of table) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return table[table.length - 1]![0];
  }

  /** A version-4 UUID from this seeded stream. */
  uuid(): string {
    const hex = (n: number): string => Math.floor(this.next() * 16 ** n).toString(16).padStart(n, '0');
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${(8 + this.int(0, 3)).toString(16)}${hex(3)}-${hex(6)}${hex(6)}`;
  }

  /** A date between two ISO dates, as YYYY-MM-DD. */
  dateBetween(from: string, to: string): string {
    const start = Date.parse(from);
    const end = Date.parse(to);
    return new Date(start + Math.floor(this.next() * (end - start + 1))).toISOString().slice(0, 10);
  }
}

/** A per-subgraph seed derived from the population's, so each subgraph's records are stable on their own. */
export function deriveSeed(seed: number, name: string): number {
  let hash = seed >>> 0;
  for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0;
  return hash;
}
