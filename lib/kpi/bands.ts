import 'server-only';
/** From KPI results to benchmark placement: the band sets for a KPI, and where its value falls. */
import type { Database } from '@/lib/db/database';
import { placeInBands, type Placement } from '@/lib/benchmarks/place';
import { bandSetsForKpi, type StoredBandSet } from '@/lib/benchmarks/store';
import type { KpiResult } from './types';

export type { Placement };

/**
 * Whether our definition differs from the source's: it matches only when the KPI's standard names
 * the source's organisation as its own definition (not as a "closest" peer).
 */
export function definitionDiffers(
  kpi: Pick<KpiResult, 'standard'>,
  set: Pick<StoredBandSet, 'source'>,
): boolean {
  const organisation = set.source.split(/\s+/)[0] ?? set.source;
  const standard = kpi.standard.toLowerCase();
  return !standard.includes(organisation.toLowerCase()) || standard.includes('closest');
}

/**
 * Every placement of a value: one per band set of the KPI. `allSets` (every band set, from
 * listBandSets) saves the lookup when placing many KPIs at once.
 */
export async function placeAll(
  db: Database,
  kpi: KpiResult,
  value: number | null,
  allSets?: StoredBandSet[],
): Promise<Placement[]> {
  const sets = allSets
    ? allSets.filter((set) => set.kpi === kpi.id)
    : await bandSetsForKpi(db, kpi.id);
  return sets
    .map((set) =>
      placeInBands(value, set, {
        variant: kpi.variant,
        definitionDiffers: definitionDiffers(kpi, set),
      }),
    )
    .filter((p): p is Placement => p !== null);
}

/** The placement in one band set (by id), or in the KPI's first set; null when none applies. */
export async function placeResult(
  db: Database,
  kpi: KpiResult,
  value: number | null,
  setId?: string,
): Promise<Placement | null> {
  const sets = await bandSetsForKpi(db, kpi.id);
  const set = setId ? sets.find((s) => s.id === setId) : sets[0];
  if (!set) return null;
  return placeInBands(value, set, {
    variant: kpi.variant,
    definitionDiffers: definitionDiffers(kpi, set),
  });
}
