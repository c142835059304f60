import { divideRoundHalfUp } from './money';

/** Per-capita monthly income of a household (家庭月人均收入), rounded half up to the fen. */
export function perCapitaIncome(totalMonthlyIncomeFen: bigint, members: number): bigint {
  if (!Number.isInteger(members) || members < 1) throw new RangeError(`members must be a whole number of at least 1, got ${members}`);
  if (totalMonthlyIncomeFen < 0n) throw new RangeError('income cannot be negative');
  return divideRoundHalfUp(totalMonthlyIncomeFen, BigInt(members));
}

/**
 * Monthly dibao subsidy (补差): (standard − per-capita income) × members, never negative.
 * A household at or above the standard gets nothing.
 */
export function dibaoSubsidy(standardFen: bigint, perCapitaIncomeFen: bigint, members: number): bigint {
  if (!Number.isInteger(members) || members < 1) throw new RangeError(`members must be a whole number of at least 1, got ${members}`);
  const gap = standardFen - perCapitaIncomeFen;
  return gap > 0n ? gap * BigInt(members) : 0n;
}

/** The subsidy from the household's total income: per-capita income is rounded first, as the forms do. */
export function dibaoSubsidyFromIncome(standardFen: bigint, totalMonthlyIncomeFen: bigint, members: number): bigint {
  return dibaoSubsidy(standardFen, perCapitaIncome(totalMonthlyIncomeFen, members), members);
}

export type DibaoCategory = 'A' | 'B' | 'C';

export interface CategoryFacts {
  /** Whether any member can work (有劳动能力). */
  anyoneAbleToWork: boolean;
  perCapitaIncomeFen: bigint;
  /** Severely ill, severely disabled (grade 1–2) or aged 60+ members (重病、重残、老年). */
  vulnerableMembers: number;
}

/**
 * Dibao category (分类施保): A for families with nobody able to work and no income (三无),
 * B for families with seriously ill, severely disabled or old members, C otherwise.
 */
export function dibaoCategory(facts: CategoryFacts): DibaoCategory {
  if (!facts.anyoneAbleToWork && facts.perCapitaIncomeFen === 0n) return 'A';
  if (facts.vulnerableMembers > 0) return 'B';
  return 'C';
}
