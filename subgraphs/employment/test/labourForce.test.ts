import { birthdayAt, ageOn } from '../src/domain/dates';
import {
  episodeChange,
  isOfWorkingAge,
  isZeroEmploymentFamily,
  zeroEmploymentEpisodes,
  type MemberOnDay,
} from '../src/domain/labourForce';

const DAY = '2026-11-29';
const adult = (status: MemberOnDay['status'], birthDate = '1980-05-01', gender: MemberOnDay['gender'] = 'MALE'): MemberOnDay => ({ birthDate, gender, status });

describe('working age (劳动年龄)', () => {
  it('starts on the 16th birthday', () => {
    expect(isOfWorkingAge('2010-11-30', 'MALE', DAY)).toBe(false);
    expect(isOfWorkingAge('2010-11-29', 'MALE', DAY)).toBe(true);
  });
  it('ends at retirement age: 60 for men, 55 for women', () => {
    expect(isOfWorkingAge('1966-11-30', 'MALE', DAY)).toBe(true);
    expect(isOfWorkingAge('1966-11-29', 'MALE', DAY)).toBe(false);
    expect(isOfWorkingAge('1971-11-30', 'FEMALE', DAY)).toBe(true);
    expect(isOfWorkingAge('1971-11-29', 'FEMALE', DAY)).toBe(false);
  });
  it('counts a 29 February birthday on 1 March in common years', () => {
    expect(birthdayAt('2008-02-29', 16)).toBe('2024-02-29');
    expect(birthdayAt('2008-02-29', 17)).toBe('2025-03-01');
    expect(ageOn('2008-02-29', '2025-02-28')).toBe(16);
    expect(ageOn('2008-02-29', '2025-03-01')).toBe(17);
  });
});

describe('zero-employment family rule (零就业家庭)', () => {
  it('flags a household whose only working-age member is unemployed', () => {
    expect(isZeroEmploymentFamily([adult('REGISTERED_UNEMPLOYED')], DAY)).toBe(true);
    expect(isZeroEmploymentFamily([adult('UNEMPLOYED'), adult('REGISTERED_UNEMPLOYED', '1985-01-01', 'FEMALE')], DAY)).toBe(true);
  });
  it('does not flag a household with one employed or flexibly employed member', () => {
    expect(isZeroEmploymentFamily([adult('REGISTERED_UNEMPLOYED'), adult('EMPLOYED', '1982-01-01', 'FEMALE')], DAY)).toBe(false);
    expect(isZeroEmploymentFamily([adult('REGISTERED_UNEMPLOYED'), adult('FLEXIBLY_EMPLOYED', '1982-01-01', 'FEMALE')], DAY)).toBe(false);
  });
  it('excludes members unable to work, so they neither cause nor prevent the flag', () => {
    expect(isZeroEmploymentFamily([adult('UNABLE_TO_WORK')], DAY)).toBe(false);
    expect(isZeroEmploymentFamily([adult('UNABLE_TO_WORK'), adult('UNEMPLOYED', '1990-01-01', 'FEMALE')], DAY)).toBe(true);
  });
  it('ignores members outside working age, however they are recorded', () => {
    // A 15-year-old and a 61-year-old man who still work do not prevent the flag.
    const members = [adult('UNEMPLOYED'), adult('EMPLOYED', '2011-06-01'), adult('EMPLOYED', '1965-01-01')];
    expect(isZeroEmploymentFamily(members, DAY)).toBe(true);
    // A woman of 56 who is unemployed does not count: with nobody else counted, there is no flag.
    expect(isZeroEmploymentFamily([adult('UNEMPLOYED', '1970-01-01', 'FEMALE')], DAY)).toBe(false);
  });
  it('needs at least one counted member: students, retirees and homemakers alone are no zero-employment family', () => {
    expect(isZeroEmploymentFamily([], DAY)).toBe(false);
    expect(isZeroEmploymentFamily([adult('STUDENT', '2005-01-01'), adult('RETIRED', '1950-01-01'), adult('NOT_IN_LABOUR_FORCE')], DAY)).toBe(false);
    expect(isZeroEmploymentFamily([adult(null)], DAY)).toBe(false);
  });
});

describe('zero-employment episodes from histories', () => {
  it('arises when the last worker loses work and is resolved when a member finds work', () => {
    const episodes = zeroEmploymentEpisodes(
      [
        { birthDate: '1980-05-01', gender: 'MALE', periods: [{ status: 'EMPLOYED', since: '2010-01-01', until: '2025-03-31' }, { status: 'REGISTERED_UNEMPLOYED', since: '2025-04-01', until: '2026-06-14' }, { status: 'EMPLOYED', since: '2026-06-15', until: null }] },
        { birthDate: '1982-05-01', gender: 'FEMALE', periods: [{ status: 'UNEMPLOYED', since: '2020-01-01', until: null }] },
      ],
      DAY,
    );
    expect(episodes).toEqual([{ arose: '2025-04-01', resolved: '2026-06-15' }]);
  });
  it('resolves when the only unemployed member reaches retirement age, and arises when a member turns 16 unemployed', () => {
    const retiring = zeroEmploymentEpisodes([{ birthDate: '1966-03-10', gender: 'MALE', periods: [{ status: 'UNEMPLOYED', since: '2024-01-01', until: null }] }], DAY);
    expect(retiring).toEqual([{ arose: '2024-01-01', resolved: '2026-03-10' }]);
    const teenager = zeroEmploymentEpisodes([{ birthDate: '2010-02-01', gender: 'FEMALE', periods: [{ status: 'UNEMPLOYED', since: '2025-09-01', until: null }] }], DAY);
    expect(teenager).toEqual([{ arose: '2026-02-01', resolved: null }]);
  });
  it('stays open while nobody works', () => {
    expect(zeroEmploymentEpisodes([{ birthDate: '1990-01-01', gender: 'MALE', periods: [{ status: 'REGISTERED_UNEMPLOYED', since: '2026-01-05', until: null }] }], DAY)).toEqual([
      { arose: '2026-01-05', resolved: null },
    ]);
  });
});

describe('episode change on re-evaluation', () => {
  it('opens, resolves or leaves alone', () => {
    expect(episodeChange(false, true, DAY)).toEqual({ kind: 'ARISE', day: DAY });
    expect(episodeChange(true, false, DAY)).toEqual({ kind: 'RESOLVE', day: DAY });
    expect(episodeChange(true, true, DAY)).toBeNull();
    expect(episodeChange(false, false, DAY)).toBeNull();
  });
});
