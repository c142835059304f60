/** Integer fen arithmetic: amounts are bigint fen, divisions round half up to the fen (四舍五入到分). */

export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError(`divisor must be positive, got ${denominator}`);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -quotient : quotient;
}

/** A yearly amount spread over twelve months, e.g. 1,100 元/年 → 91.67 元/月. */
export function monthlyFromYearly(yearlyFen: bigint): bigint {
  return divideRoundHalfUp(yearlyFen, 12n);
}

export const yuan = (amount: number): bigint => BigInt(Math.round(amount * 100));
