import { fenToYuanString, yuanStringToFen, MoneyScalar } from '../src';

describe('Money', () => {
  it('formats fen as yuan with two places', () => {
    expect(fenToYuanString(139730n)).toBe('1397.30');
    expect(fenToYuanString(5n)).toBe('0.05');
    expect(fenToYuanString(-1234n)).toBe('-12.34');
    expect(fenToYuanString(0n)).toBe('0.00');
  });

  it('keeps aggregates beyond 32 bits exact (2.48亿元)', () => {
    expect(fenToYuanString(24_800_000_000n)).toBe('248000000.00');
    expect(yuanStringToFen('248000000.00')).toBe(24_800_000_000n);
  });

  it('parses decimal strings with up to two places', () => {
    expect(yuanStringToFen('1397.3')).toBe(139730n);
    expect(yuanStringToFen('40')).toBe(4000n);
    expect(yuanStringToFen('-0.01')).toBe(-1n);
  });

  it('refuses floats, three places and garbage', () => {
    expect(() => yuanStringToFen('1.234')).toThrow(/two places/);
    expect(() => yuanStringToFen('abc')).toThrow();
    expect(() => MoneyScalar.parseValue(12.5)).toThrow(/decimal string/);
  });

  it('serializes bigint fen', () => {
    expect(MoneyScalar.serialize(4000n)).toBe('40.00');
  });
});
