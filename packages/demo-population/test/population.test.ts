import { checkIdNumber, regionLevel } from '@hub/identifiers';
import { generatePopulation } from '../src';

describe('demo population', () => {
  const population = generatePopulation({ households: 2000, seed: 7 });

  it('is deterministic for a seed', () => {
    const again = generatePopulation({ households: 2000, seed: 7 });
    expect(again.persons.slice(0, 50)).toEqual(population.persons.slice(0, 50));
    expect(again.households.at(-1)).toEqual(population.households.at(-1));
  });

  it('has the households asked for, about three persons each, one head each', () => {
    expect(population.households).toHaveLength(2000);
    const mean = population.persons.length / population.households.length;
    expect(mean).toBeGreaterThan(2.6);
    expect(mean).toBeLessThan(3.4);
    const heads = population.persons.filter((p) => p.relation === 'HEAD');
    expect(heads).toHaveLength(2000);
  });

  it('gives every person a valid, unique ID number matching birth date and sex', () => {
    const seen = new Set<string>();
    for (const person of population.persons) {
      const check = checkIdNumber(person.idNumber, new Date('2026-11-29T00:00:00Z'));
      expect(check).toMatchObject({ valid: true, birthDate: person.birthDate, gender: person.gender });
      seen.add(person.idNumber);
    }
    expect(seen.size).toBe(population.persons.length);
  });

  it('uses real-format region codes in a consistent tree', () => {
    const codes = new Set(population.regions.map((r) => r.code));
    for (const region of population.regions) {
      expect(regionLevel(region.code)).toBe(region.level);
      if (region.parentCode) expect(codes.has(region.parentCode)).toBe(true);
    }
    for (const household of population.households) expect(regionLevel(household.regionCode)).toBe('COMMUNITY');
  });
});
