import 'server-only';
/** From KPI results to benchmark placement: the band sets for a KPI, and where its value falls. */
import type { Database } from '@/lib/db/database';
import {
  bandSource,
  compareWithReference,
  placeInBands,
  type BandSource,
  type Placement,
  type ReferenceComparison,
} from '@/lib/benchmarks/place';
import { yieldsBands } from '@/lib/benchmarks/schema';
import { bandSetsForKpi, type StoredBandSet } from '@/lib/benchmarks/store';
import { chooseBandSet } from '@/lib/benchmarks/choose';
import { readOrganisationProfile } from '@/lib/benchmarks/organisation';
import { notPlacedReason } from './provenance';
import type { KpiResult } from './types';

export type { Placement, ReferenceComparison };

/**
 * A band set the value is not placed in: no band name, percentile or gap is claimed. With only the
 * definition differing (`reference`), the set may still be drawn beside the value, labelled so.
 */
export interface NotPlaced {
  band: null;
  estimatedPercentile: null;
  gapToNext: null;
  source: BandSource;
  /** Why, in a few words: "assumed shipped quantity", "1 of 4 components", "definition differs". */
  notPlaced: string;
  reference: boolean;
  definitionDiffers: boolean;
  note: string | null;
  /**
   * A set that yields no band (a study, a guideline, a requirement, a survey's lone average),
   * compared in its own terms; only for a measured value of the source's definition, else null.
   */
  comparison: ReferenceComparison | null;
}

type Placeable = Pick<
  KpiResult,
  'id' | 'standard' | 'variant' | 'basis' | 'assumedFields' | 'components'
>;

/**
 * Whether a value may be placed in a set: only a measured value of the source's own definition is.
 * Returns the reason when it may not.
 */
function refusal(
  kpi: Placeable,
  set: StoredBandSet,
): Omit<NotPlaced, 'band' | 'estimatedPercentile' | 'gapToNext' | 'source' | 'comparison'> | null {
  const differs = definitionDiffers(kpi, set);
  const basis = notPlacedReason(kpi);
  if (!differs && !basis) return null;
  const reasons = [basis, differs ? 'definition differs' : null].filter(Boolean);
  return {
    notPlaced: reasons.join('; '),
    reference: !basis,
    definitionDiffers: differs,
    note: differs
      ? `Your definition (${kpi.variant}) differs from the one ${set.source} uses: ${set.definitionDifference ?? set.sourceDefinition}`
      : null,
  };
}

/**
 * Whether our definition differs from the source's: as the set says where whoever compiled it
 * compared the two; else it matches only when the KPI's standard names the source's organisation
 * as its own definition (not as a "closest" peer).
 */
export function definitionDiffers(
  kpi: Pick<KpiResult, 'standard'>,
  set: Pick<StoredBandSet, 'source'> & Partial<Pick<StoredBandSet, 'definitionDiffers'>>,
): boolean {
  if (typeof set.definitionDiffers === 'boolean') return set.definitionDiffers;
  const organisation = set.source.split(/\s+/)[0] ?? set.source;
  const standard = kpi.standard.toLowerCase();
  return !standard.includes(organisation.toLowerCase()) || standard.includes('closest');
}

/** Every placement of a value: one per band set of the KPI. */
export async function placeAll(
  db: Database,
  kpi: KpiResult,
  value: number | null,
): Promise<Placement[]> {
  return placeInSets(await bandSetsForKpi(db, kpi.id), kpi, value);
}

/**
 * The same, over band sets already read (the scorecard reads them once for every KPI). Only the
 * sets a measured value of the same definition is placed in: see notPlacedInSets for the others.
 */
export function placeInSets(
  sets: StoredBandSet[],
  kpi: Placeable,
  value: number | null,
): Placement[] {
  return sets
    .filter((set) => set.kpi === kpi.id && yieldsBands(set) && !refusal(kpi, set))
    .map((set) =>
      placeInBands(value, set, {
        variant: kpi.variant,
        definitionDiffers: definitionDiffers(kpi, set),
      }),
    )
    .filter((p): p is Placement => p !== null);
}

/**
 * The KPI's band sets its value is not placed in, each with the reason; a set that yields no band
 * carries its comparison when the value may be compared (measured, the source's definition).
 */
export function notPlacedInSets(
  sets: StoredBandSet[],
  kpi: Placeable,
  value: number | null,
): NotPlaced[] {
  if (value === null || !Number.isFinite(value)) return [];
  const none = { band: null, estimatedPercentile: null, gapToNext: null } as const;
  return sets
    .filter((set) => set.kpi === kpi.id)
    .flatMap((set): NotPlaced[] => {
      const source = bandSource(set);
      const why = refusal(kpi, set);
      if (why) return [{ ...none, source, ...why, comparison: null }];
      if (yieldsBands(set)) return [];
      const comparison = compareWithReference(value, set);
      if (!comparison) return [];
      return [
        {
          ...none,
          source,
          notPlaced: `${source.kindText.toLowerCase()}, not a band: ${comparison.text}`,
          reference: true,
          definitionDiffers: false,
          note: null,
          comparison,
        },
      ];
    });
}

/**
 * The placement in one band set (by id), or in the set whose peers best match the organisation's
 * profile among those the value may be placed in (else the KPI's first set); null when none
 * applies. A series point passes its own basis over the KPI's.
 */
export async function placeResult(
  db: Database,
  kpi: Placeable,
  value: number | null,
  setId?: string,
): Promise<Placement | NotPlaced | null> {
  const sets = await bandSetsForKpi(db, kpi.id);
  const set = setId ? sets.find((s) => s.id === setId) : await headlineSet(db, kpi, sets);
  if (!set) return null;
  if (refusal(kpi, set) || !yieldsBands(set)) return notPlacedInSets([set], kpi, value)[0] ?? null;
  return placeInBands(value, set, {
    variant: kpi.variant,
    definitionDiffers: definitionDiffers(kpi, set),
  });
}

/** The set a lone placement uses: the best match among the sets that place the value. */
async function headlineSet(
  db: Database,
  kpi: Placeable,
  sets: StoredBandSet[],
): Promise<StoredBandSet | undefined> {
  const placeable = sets.filter((set) => yieldsBands(set) && !refusal(kpi, set));
  const chosen = chooseBandSet(placeable, await readOrganisationProfile(db));
  return chosen?.set ?? sets[0];
}
