import { addDays, addMonths, ageOn, dateValue, daysBetween, isIsoDate, todayInChina, toIsoDate } from '../src';

describe('calendar dates', () => {
  it('counts age in whole years, the day before and on the birthday', () => {
    expect(ageOn('1990-11-30', '2026-11-29')).toBe(35);
    expect(ageOn('1990-11-29', '2026-11-29')).toBe(36);
    expect(ageOn('2026-11-29', '2026-11-29')).toBe(0);
  });

  it('counts a 29 February birthday on 1 March in a common year', () => {
    expect(ageOn('2000-02-29', '2026-02-28')).toBe(25);
    expect(ageOn('2000-02-29', '2026-03-01')).toBe(26);
  });

  it('tells real calendar dates from look-alikes', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-1-01')).toBe(false);
  });

  it('adds days and months, clamping to the month end', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-11-22', '2026-11-29')).toBe(7);
    expect(daysBetween('2026-11-29', '2026-11-22')).toBe(-7);
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2026-11-15', -12)).toBe('2025-11-15');
  });

  it('converts to and from the UTC-midnight Dates of @db.Date columns', () => {
    expect(toIsoDate(dateValue('2026-11-29'))).toBe('2026-11-29');
  });

  it('takes today in Beijing time', () => {
    expect(todayInChina(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29');
    expect(todayInChina(new Date('2026-11-28T15:59:00Z'))).toBe('2026-11-28');
  });
});
