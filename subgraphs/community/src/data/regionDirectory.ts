import type { RegionRow } from './models';
import type { PrismaClient } from '../generated/prisma/client';

/**
 * The administrative divisions (行政区划), kept by each process: reference data the hub never writes (loaded with the
 * demo data or by an administrator) and read by nearly every record's `region` field. One statement reads them all
 * (a city's divisions down to its communities are a few thousand rows) and the copy is read again once it is older
 * than `maxAgeMs` (a renamed division shows within a minute). A code the copy does not hold (a division added since,
 * or no division at all) is looked up on its own, as before. With it, a page's statements do not depend on which
 * regions its records happen to name.
 */
export class RegionDirectory {
  private regions: Map<string, RegionRow> | null = null;
  private loadedAt = 0;
  private loading: Promise<Map<string, RegionRow>> | null = null;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: { maxAgeMs?: number; now?: () => number } = {},
  ) {}

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  private reload(): Promise<Map<string, RegionRow>> {
    this.loading ??= this.prisma.region
      .findMany()
      .then((rows) => {
        this.regions = new Map(rows.map((r) => [r.code, r]));
        this.loadedAt = this.now;
        return this.regions;
      })
      .finally(() => {
        this.loading = null;
      });
    return this.loading;
  }

  /** The regions of these codes, null for codes that name none. */
  async get(codes: readonly string[]): Promise<(RegionRow | null)[]> {
    const fresh = this.regions !== null && this.now - this.loadedAt < (this.options.maxAgeMs ?? 60_000);
    const regions = fresh ? this.regions! : await this.reload();
    const missing = [...new Set(codes.filter((code) => !regions.has(code)))];
    if (missing.length > 0) for (const region of await this.prisma.region.findMany({ where: { code: { in: missing } } })) regions.set(region.code, region);
    return codes.map((code) => regions.get(code) ?? null);
  }
}
