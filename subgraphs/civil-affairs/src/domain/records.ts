import { checkIdNumber } from '@hub/identifiers';

/** Out-of-pocket cost of a treatment (个人自付): what insurance left; medical assistance pays part or all of it. */
export function outOfPocket(totalCostFen: bigint, insurancePaidFen: bigint): bigint {
  return totalCostFen - insurancePaidFen;
}

export interface MedicalClaim {
  totalCostFen: bigint;
  insurancePaidFen: bigint;
  amountFen: bigint;
}

/** Why a medical assistance claim is wrong, or null: insurance within the cost, assistance within what insurance left. */
export function medicalClaimRefusal(claim: MedicalClaim): { field: string; message: string } | null {
  if (claim.totalCostFen <= 0n) return { field: 'totalCost', message: 'the cost must be more than zero' };
  if (claim.insurancePaidFen < 0n || claim.insurancePaidFen > claim.totalCostFen) return { field: 'insurancePaid', message: 'insurance pays between nothing and the whole cost' };
  if (claim.amountFen <= 0n) return { field: 'amount', message: 'the assistance must be more than zero' };
  if (claim.amountFen > outOfPocket(claim.totalCostFen, claim.insurancePaidFen)) return { field: 'amount', message: 'the assistance cannot exceed the cost left after insurance' };
  return null;
}

const CATEGORY_DIGIT: Record<string, string> = { VISUAL: '1', HEARING: '2', SPEECH: '3', PHYSICAL: '4', INTELLECTUAL: '5', MENTAL: '6', MULTIPLE: '7' };

/** The second-generation disability certificate number: the holder's ID number, then category and grade digits (20 characters). */
export function disabilityCertificateNumber(idNumber: string, category: string, grade: number): string {
  return `${idNumber}${CATEGORY_DIGIT[category]}${grade}`;
}

/** Why a certificate number is wrong for the category and grade, or null. */
export function certificateRefusal(certificateNumber: string, category: string, grade: number): string | null {
  if (!Number.isInteger(grade) || grade < 1 || grade > 4) return 'grade must be 1, 2, 3 or 4';
  if (certificateNumber.length !== 20) return 'a certificate number has 20 characters: the ID number, the category digit and the grade digit';
  const id = checkIdNumber(certificateNumber.slice(0, 18));
  if (!id.valid) return `the certificate does not start with a valid ID number: ${id.message}`;
  if (certificateNumber.slice(18) !== `${CATEGORY_DIGIT[category]}${grade}`) return `category ${category} grade ${grade} ends the number with ${CATEGORY_DIGIT[category]}${grade}`;
  return null;
}

/** Whether a care institution can take one more resident. */
export function hasRoom(capacity: number, currentResidents: number): boolean {
  return currentResidents < capacity;
}

export type RebuildingStatus = 'REPORTED' | 'APPROVED' | 'UNDER_CONSTRUCTION' | 'COMPLETED';

const REBUILDING_NEXT: Record<RebuildingStatus, RebuildingStatus | null> = {
  REPORTED: 'APPROVED',
  APPROVED: 'UNDER_CONSTRUCTION',
  UNDER_CONSTRUCTION: 'COMPLETED',
  COMPLETED: null,
};

/** House rebuilding moves one status at a time; approval fixes a subsidy above zero. */
export function rebuildingRefusal(from: RebuildingStatus, to: RebuildingStatus, subsidyFen: bigint | null): { field: string; code: 'INVALID_TRANSITION' | 'REQUIRED' | 'INVALID'; message: string } | null {
  if (REBUILDING_NEXT[from] !== to) return { field: 'status', code: 'INVALID_TRANSITION', message: `from ${from} the next status is ${REBUILDING_NEXT[from] ?? 'none'}` };
  if (to === 'APPROVED' && subsidyFen === null) return { field: 'subsidy', code: 'REQUIRED', message: 'approval fixes the rebuilding subsidy' };
  if (to === 'APPROVED' && subsidyFen !== null && subsidyFen <= 0n) return { field: 'subsidy', code: 'INVALID', message: 'the subsidy must be more than zero' };
  if (to !== 'APPROVED' && subsidyFen !== null) return { field: 'subsidy', code: 'INVALID', message: 'the subsidy is set at approval' };
  return null;
}
