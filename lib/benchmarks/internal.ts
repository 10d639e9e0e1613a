/**
 * Internal benchmarking: where no external band is public, compare sites, channels, customers or
 * months with each other. Quartiles of the peers, then each peer placed in them with the same
 * ladder (and boundary convention) as external band sets.
 */
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { Direction } from './kpis';
import { placeOnScheme, type Gap } from './place';

/** One peer; KpiResult.series entries (KpiValue) fit as they are. */
export interface Peer {
  segment?: string | null;
  period?: string;
  value: number | null;
  n: number;
}

export interface InternalOptions {
  /** Peers computed on fewer rows are placed but left out of the quartiles. */
  minN?: number;
  /** Below this many counted peers quartiles say nothing; default 4. */
  minPeers?: number;
}

export interface Quartiles {
  p25: number;
  median: number;
  p75: number;
}

export interface PeerPlacement {
  label: string;
  value: number | null;
  n: number;
  /** 1 = best quartile (direction applied); null without a value or without quartiles. */
  quartile: 1 | 2 | 3 | 4 | null;
  estimatedPercentile: number | null;
  gapToNext: Gap | null;
  /** Why the peer did not count towards the quartiles. */
  excluded: string | null;
}

export interface InternalBenchmark {
  quartiles: Quartiles | null;
  /** Peers the quartiles were computed from. */
  counted: number;
  /** Why there are no quartiles. */
  reason: string | null;
  peers: PeerPlacement[];
}

export function benchmarkPeers(
  peers: Peer[],
  direction: Direction,
  unit: KpiUnit,
  options: InternalOptions = {},
): InternalBenchmark {
  const minN = options.minN ?? 0;
  const minPeers = Math.max(2, options.minPeers ?? 4);
  const excluded = peers.map((p) => exclusion(p, minN));
  const values = peers.filter((_, i) => excluded[i] === null).map((p) => p.value as number);
  const quartiles = values.length >= minPeers ? quartilesOf(values) : null;
  const reason = quartiles
    ? null
    : `${values.length} peer${values.length === 1 ? '' : 's'} with a value; quartiles need ${minPeers}`;
  const scheme = quartiles && ({ type: 'quartiles', ...quartiles } as const);
  return {
    quartiles,
    counted: values.length,
    reason,
    peers: peers.map((peer, i) => {
      const placed =
        scheme && !unrecorded(peer) && placeOnScheme(peer.value, scheme, direction, unit);
      return {
        label: peer.segment ?? peer.period ?? '(all)',
        value: peer.value,
        n: peer.n,
        quartile: placed ? (placed.rank as 1 | 2 | 3 | 4) : null,
        estimatedPercentile: placed ? placed.estimatedPercentile : null,
        gapToNext: placed ? placed.gapToNext : null,
        excluded: excluded[i] ?? null,
      };
    }),
  };
}

/**
 * A segment row without the attribute (no site recorded…) is no peer: neither counted nor placed,
 * or "worst site: (not recorded)" would rank a gap in the data. A period has no segment and is one.
 */
const unrecorded = (peer: Peer) => peer.segment === null && peer.period === undefined;

function exclusion(peer: Peer, minN: number): string | null {
  if (unrecorded(peer)) return 'not recorded';
  if (peer.value === null || !Number.isFinite(peer.value)) return 'no value';
  if (peer.n < minN) return `n = ${peer.n}, below the minimum of ${minN}`;
  return null;
}

/**
 * Quartiles by linear interpolation between order statistics (Hyndman–Fan type 7), the method of
 * DuckDB quantile_cont and spreadsheet PERCENTILE.INC, so users can reproduce the numbers.
 */
export function quartilesOf(values: number[]): Quartiles | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
  };
}

function quantile(sorted: number[], q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const below = sorted[lo]!;
  const above = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return below + (h - lo) * (above - below);
}
