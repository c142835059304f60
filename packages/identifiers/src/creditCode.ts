/** Unified social credit codes (统一社会信用代码) after GB 32100-2015: 18 characters, last one a check character. */

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  const check = 31 - (sum % 31);
  return ALPHABET[check === 31 ? 0 : check]!;
}

export type CreditCodeCheck = { valid: true; normalized: string } | { valid: false; message: string };

export function checkCreditCode(input: string): CreditCodeCheck {
  const value = input.trim().toUpperCase();
  if (value.length !== 18) return { valid: false, message: `a unified social credit code has 18 characters, this one has ${value.length}` };
  if ([...value].some((c) => !ALPHABET.includes(c))) {
    return { valid: false, message: 'a unified social credit code uses only digits and the letters ABCDEFGHJKLMNPQRTUWXY' };
  }
  if (creditCodeCheckCharacter(value.slice(0, 17)) !== value[17]) {
    return { valid: false, message: 'the check character of the unified social credit code does not match (GB 32100-2015)' };
  }
  return { valid: true, normalized: value };
}
