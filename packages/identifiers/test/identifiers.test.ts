import { checkCharacter, checkCreditCode, checkIdNumber, composeIdNumber, creditCodeCheckCharacter, isWithin, maskIdNumber, maskPhone, parentCode, regionLevel } from '../src';

const TODAY = new Date('2026-11-29T00:00:00Z');

describe('ID number (GB 11643-1999)', () => {
  // The standard's own example.
  const valid = '11010519491231002X';

  it('accepts a valid number and reads birth date, sex and region', () => {
    expect(checkIdNumber(valid, TODAY)).toEqual({
      valid: true,
      normalized: valid,
      birthDate: '1949-12-31',
      gender: 'FEMALE',
      regionCode: '110105',
    });
  });

  it('accepts a lower-case x check character and normalises it', () => {
    const result = checkIdNumber('11010519491231002x', TODAY);
    expect(result.valid && result.normalized).toBe(valid);
  });

  it('refuses a wrong check digit', () => {
    expect(checkIdNumber('110105194912310021', TODAY)).toMatchObject({ valid: false, problem: 'CHECK_DIGIT' });
  });

  it('refuses an impossible or future birth date', () => {
    const feb30 = '3707031990023' + '0123';
    const withCheck = feb30.slice(0, 17) + checkCharacter(feb30.slice(0, 17));
    expect(checkIdNumber(withCheck, TODAY)).toMatchObject({ valid: false, problem: 'BIRTH_DATE' });
    const future = '37070320300101012';
    expect(checkIdNumber(future + checkCharacter(future), TODAY)).toMatchObject({ valid: false, problem: 'BIRTH_DATE' });
  });

  it('refuses wrong length and stray characters', () => {
    expect(checkIdNumber('11010519491231002', TODAY)).toMatchObject({ valid: false, problem: 'LENGTH' });
    expect(checkIdNumber('1101051949123100200', TODAY)).toMatchObject({ valid: false, problem: 'LENGTH' });
    expect(checkIdNumber('11010519491231A02X', TODAY)).toMatchObject({ valid: false, problem: 'CHARACTERS' });
  });

  it('composes valid numbers with the sex in the sequence parity', () => {
    for (let sequence = 0; sequence < 50; sequence += 7) {
      const male = composeIdNumber('370703', '1980-02-29', sequence, 'MALE');
      const female = composeIdNumber('370703', '2001-07-15', sequence, 'FEMALE');
      expect(checkIdNumber(male, TODAY)).toMatchObject({ valid: true, gender: 'MALE', birthDate: '1980-02-29' });
      expect(checkIdNumber(female, TODAY)).toMatchObject({ valid: true, gender: 'FEMALE' });
    }
  });

  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('110101199003071234')).toBe('110101********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('region codes', () => {
  it('reads the level from the length', () => {
    expect(regionLevel('370703')).toBe('DISTRICT');
    expect(regionLevel('370703001')).toBe('SUBDISTRICT');
    expect(regionLevel('370703001001')).toBe('COMMUNITY');
  });
  it('refuses malformed codes', () => {
    expect(regionLevel('37070')).toBeNull();
    expect(regionLevel('370700')).toBeNull();
    expect(regionLevel('370703000')).toBeNull();
    expect(regionLevel('37070300100a')).toBeNull();
  });
  it('walks up and tests subtrees', () => {
    expect(parentCode('370703001001')).toBe('370703001');
    expect(parentCode('370703001')).toBe('370703');
    expect(parentCode('370703')).toBeNull();
    expect(isWithin('370703001001', '370703')).toBe(true);
    expect(isWithin('370705001001', '370703')).toBe(false);
  });
});

describe('unified social credit code (GB 32100-2015)', () => {
  it("accepts the standard's example", () => {
    expect(checkCreditCode('91350100M000100Y43')).toEqual({ valid: true, normalized: '91350100M000100Y43' });
  });
  it('accepts lower case and normalises it', () => {
    expect(checkCreditCode('91350100m000100y43')).toMatchObject({ valid: true, normalized: '91350100M000100Y43' });
  });
  it('refuses a wrong check character, a forbidden letter and a wrong length', () => {
    expect(checkCreditCode('91350100M000100Y44')).toMatchObject({ valid: false, message: expect.stringMatching(/check character/) });
    expect(checkCreditCode('91350100I000100Y43')).toMatchObject({ valid: false, message: expect.stringMatching(/only digits/) });
    expect(checkCreditCode('91350100M000100Y4')).toMatchObject({ valid: false, message: expect.stringMatching(/18 characters/) });
  });
  it('maps a computed remainder of 31 to 0', () => {
    // Search a prefix whose weighted sum is a multiple of 31: its check character must be '0'.
    for (let n = 0; n < 10000; n += 1) {
      const prefix = `9137070300000${String(n).padStart(4, '0')}`;
      if (creditCodeCheckCharacter(prefix) === '0') {
        expect(checkCreditCode(prefix + '0')).toMatchObject({ valid: true });
        return;
      }
    }
    throw new Error('no prefix with check character 0 found');
  });
});
