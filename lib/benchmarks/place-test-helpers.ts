/** Shared by the placement tests: a validated band set around a scheme, and one expectation. */
import { expect } from 'vitest';
import { placeInBands } from './place';
import { parseBandSet, type BandSet, type BandSetInput } from './schema';

export interface Case {
  value: number;
  band: string;
  rank: number;
  pct?: number | null;
  clamped?: boolean;
  gap?: string | null;
  amount?: number;
}

export const HIGHER_PCT = { kpi: 'order_fill_rate', unit: 'percent', direction: 'higher' } as const;
export const LOWER_HOURS = {
  kpi: 'order_shipment_cycle_time',
  unit: 'hours',
  direction: 'lower',
} as const;
export const LOWER_DAYS = {
  kpi: 'order_to_delivery_cycle_time',
  unit: 'days',
  direction: 'lower',
} as const;

export function bandSet(
  kpi: Pick<BandSetInput, 'kpi' | 'unit' | 'direction'>,
  scheme: unknown,
): BandSet {
  return parseBandSet({
    id: 'test-set',
    name: 'Test band set',
    source: 'Test survey',
    edition: '2024',
    peerGroup: 'All respondents',
    sampleSize: 120,
    sourceDefinition: 'The definition the test survey uses.',
    citation: 'Test survey 2024, p. 3',
    ...kpi,
    scheme,
  });
}

export function expectPlacement(set: BandSet, c: Case) {
  const placed = placeInBands(c.value, set)!;
  expect(placed.band).toBe(c.band);
  expect(placed.rank).toBe(c.rank);
  if (c.pct !== undefined) expect(placed.estimatedPercentile).toBe(c.pct);
  if (c.clamped !== undefined) expect(placed.percentileClamped).toBe(c.clamped);
  if (c.gap !== undefined) expect(placed.gapToNext?.text ?? null).toBe(c.gap);
  if (c.amount !== undefined) expect(placed.gapToNext?.amount).toBe(c.amount);
}
