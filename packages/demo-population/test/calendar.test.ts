import fc from 'fast-check';
import * as scalars from '@hub/scalars';
import { addDays, ageOn, daysBetween, isoDayOf, lookup, parseDate, generatePopulation, Random } from '../src';

// The cached calendar must give exactly what @hub/scalars and Date give: the demo data may not change by it.
const DAY = 86_400_000;
const isoDay = fc.integer({ min: Date.UTC(1850, 0, 1) / DAY, max: Date.UTC(2250, 0, 1) / DAY }).map((n) => new Date(n * DAY).toISOString().slice(0, 10));

describe('cached calendar', () => {
  it('adds days, counts days and ages as @hub/scalars does, twice over (computed, then remembered)', () => {
    fc.assert(
      fc.property(isoDay, isoDay, fc.integer({ min: -40_000, max: 40_000 }), (a, b, days) => {
        for (let round = 0; round < 2; round += 1) {
          expect(addDays(a, days)).toBe(scalars.addDays(a, days));
          expect(daysBetween(a, b)).toBe(scalars.daysBetween(a, b));
          expect(ageOn(a, b)).toBe(scalars.ageOn(a, b));
        }
      }),
    );
  });

  it('parses and prints as Date does, also for instants within a day and for text that is not a date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5e12, max: 5e12 }), (ms) => {
        expect(isoDayOf(ms)).toBe(new Date(ms).toISOString().slice(0, 10));
      }),
    );
    for (const text of ['2026-11-29', '2024-02-29', '2025-02-29', 'not a date', '2026-11-29T12:00:00Z']) {
      expect(Object.is(parseDate(text), Date.parse(text))).toBe(true);
      expect(Object.is(parseDate(text), Date.parse(text))).toBe(true);
    }
    expect(() => isoDayOf(Number.NaN)).toThrow(RangeError);
    expect(() => addDays('not a date', 1)).toThrow(RangeError);
  });

  it('draws dates between two days as the uncached Date arithmetic did', () => {
    const random = new Random(42);
    const reference = new Random(42);
    for (let i = 0; i < 2000; i += 1) {
      const from = scalars.addDays('1990-01-01', i * 7);
      const to = scalars.addDays(from, i % 400);
      const start = Date.parse(from);
      const end = Date.parse(to);
      const expected = new Date(start + Math.floor(reference.next() * (end - start + 1))).toISOString().slice(0, 10);
      expect(random.dateBetween(from, to)).toBe(expected);
    }
  });
});

describe('population lookup', () => {
  it('indexes persons, households and ages of one population, built once', () => {
    const population = generatePopulation({ households: 300, seed: 3 });
    const found = lookup(population);
    expect(lookup(population)).toBe(found);
    for (const person of population.persons) {
      expect(found.personById.get(person.id)).toBe(person);
      expect(found.ageToday.get(person.id)).toBe(scalars.ageOn(person.birthDate, population.today));
    }
    for (const household of population.households) {
      expect(found.householdById.get(household.id)).toBe(household);
      expect(found.householdsByCommunity.get(household.regionCode)).toContain(household);
    }
    expect([...found.householdsByCommunity.values()].flat()).toHaveLength(population.households.length);
  });
});
