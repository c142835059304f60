import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

/** Money travels as a decimal string in yuan with two places ("1397.30") and is held as integer fen. */
const MONEY_PATTERN = /^(-)?(\d{1,15})(?:\.(\d{1,2}))?$/;

export function fenToYuanString(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${yuan}.${cents}`;
}

export function yuanStringToFen(text: string): bigint {
  const match = MONEY_PATTERN.exec(text.trim());
  if (!match) {
    throw new TypeError(`Money must be a decimal string in yuan with at most two places, e.g. "1397.30"; got "${text}"`);
  }
  const [, sign, whole, part = ''] = match;
  const fen = BigInt(whole!) * 100n + BigInt(part.padEnd(2, '0') || '0');
  return sign ? -fen : fen;
}

function toFen(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`Money can only serialize integer fen, got ${typeof value}`);
}

export const MoneyScalar = new GraphQLScalarType<bigint, string>({
  name: 'Money',
  description:
    'Amount of money in yuan (人民币元) as a decimal string with two places, e.g. "1397.30"; held internally as integer fen (分), never a float.',
  serialize: (value) => fenToYuanString(toFen(value)),
  parseValue: (value) => {
    if (typeof value !== 'string') throw new GraphQLError('Money must be given as a decimal string, e.g. "1397.30".');
    try {
      return yuanStringToFen(value);
    } catch (error) {
      throw new GraphQLError((error as Error).message);
    }
  },
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Money must be given as a decimal string, e.g. "1397.30".', { nodes: ast });
    try {
      return yuanStringToFen(ast.value);
    } catch (error) {
      throw new GraphQLError((error as Error).message, { nodes: ast });
    }
  },
});
