import { ageOn } from '../src/domain/age';

const TODAY = new Date('2026-11-29T00:00:00Z');

describe('age', () => {
  it('counts whole years, the day before and on the birthday', () => {
    expect(ageOn('1990-11-30', TODAY)).toBe(35);
    expect(ageOn('1990-11-29', TODAY)).toBe(36);
    expect(ageOn('2026-11-29', TODAY)).toBe(0);
  });
  it('handles a 29 February birthday in a common year', () => {
    expect(ageOn('2000-02-29', new Date('2026-02-28T00:00:00Z'))).toBe(25);
    expect(ageOn('2000-02-29', new Date('2026-03-01T00:00:00Z'))).toBe(26);
  });
});

