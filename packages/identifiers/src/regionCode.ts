/** Statistical division codes (统计用区划代码): district 6 digits, subdistrict 9, community or village 12. */
export type RegionLevelName = 'DISTRICT' | 'SUBDISTRICT' | 'COMMUNITY';

const LEVEL_BY_LENGTH: Record<number, RegionLevelName> = { 6: 'DISTRICT', 9: 'SUBDISTRICT', 12: 'COMMUNITY' };

export function regionLevel(code: string): RegionLevelName | null {
  if (!/^\d+$/.test(code)) return null;
  const level = LEVEL_BY_LENGTH[code.length];
  if (!level) return null;
  // A district code ends in a non-zero county part; subdistrict and community parts are never all zeros.
  if (code.slice(4, 6) === '00') return null;
  if (code.length >= 9 && code.slice(6, 9) === '000') return null;
  if (code.length === 12 && code.slice(9, 12) === '000') return null;
  return level;
}

export function parentCode(code: string): string | null {
  if (code.length === 12) return code.slice(0, 9);
  if (code.length === 9) return code.slice(0, 6);
  return null;
}

/** Whether `code` lies in the subtree rooted at `root` (a region is in its own subtree). */
export function isWithin(code: string, root: string): boolean {
  return code.startsWith(root);
}
