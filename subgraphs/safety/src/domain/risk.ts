/**
 * Hazard risk assessment with a 5 × 5 likelihood × severity matrix (风险矩阵法), graded in the four
 * colours of China's safety risk classification (安全风险分级: 红橙黄蓝).
 */
export type RiskLevel = 'LOW' | 'GENERAL' | 'SIGNIFICANT' | 'MAJOR';

export const RISK_SCALE_MIN = 1;
export const RISK_SCALE_MAX = 5;

export function isRiskScale(value: number): boolean {
  return Number.isInteger(value) && value >= RISK_SCALE_MIN && value <= RISK_SCALE_MAX;
}

/** The score is the product, 1–25. */
export function riskScore(likelihood: number, severity: number): number {
  if (!isRiskScale(likelihood)) throw new RangeError(`likelihood must be a whole number 1–5, got ${likelihood}`);
  if (!isRiskScale(severity)) throw new RangeError(`severity must be a whole number 1–5, got ${severity}`);
  return likelihood * severity;
}

/** 1–4 low (蓝), 5–9 general (黄), 10–16 significant (橙), 20–25 major (红). */
export function riskLevel(likelihood: number, severity: number): RiskLevel {
  const score = riskScore(likelihood, severity);
  if (score >= 20) return 'MAJOR';
  if (score >= 10) return 'SIGNIFICANT';
  if (score >= 5) return 'GENERAL';
  return 'LOW';
}

/** Levels from the most to the least urgent, for sorting and dashboards. */
export const RISK_LEVELS: readonly RiskLevel[] = ['MAJOR', 'SIGNIFICANT', 'GENERAL', 'LOW'];
