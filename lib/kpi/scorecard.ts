import 'server-only';
/**
 * The scorecard: every KPI with its placements in the band sets and its target status; with a
 * breakdown, the segments placed in quartiles of one another and their own targets.
 */
import type { Database } from '@/lib/db/database';
import { benchmarkPeers, type InternalBenchmark } from '@/lib/benchmarks/internal';
import { listBandSets } from '@/lib/benchmarks/store';
import {
  listTargets,
  targetStatus,
  type Target,
  type TargetStatus,
} from '@/lib/benchmarks/targets';
import { placeAll, type Placement } from './bands';
import { computeKpis } from './compute';
import { kpiQuerySchema, type KpiQuery } from './filters';
import type { KpiResult } from './types';

export interface ScorecardEntry extends KpiResult {
  placements: Placement[];
  target: { target: Target; status: TargetStatus | null } | null;
  /** With a breakdown: the segments placed in quartiles of one another (1 = best). */
  internal?: InternalBenchmark;
  /** With a breakdown: each segment's own target status, where a target names that segment. */
  segmentTargets?: { segment: string | null; target: Target; status: TargetStatus | null }[];
}

/** Segments with fewer orders than this are placed but do not shape the peer quartiles. */
const MIN_PEER_ORDERS = 20;

/** The target that applies to the whole query: no segment, and a period covering the range (or none). */
export function applicableTarget(
  targets: Target[],
  from?: string,
  to?: string,
): Target | undefined {
  const overall = targets.filter((t) => !t.dimension && !t.segment);
  const covers = (t: Target) =>
    (!t.from || (from !== undefined && t.from <= from)) &&
    (!t.to || (to !== undefined && t.to >= to));
  const dated = overall.filter((t) => (t.from || t.to) && covers(t));
  return dated.at(-1) ?? overall.filter((t) => !t.from && !t.to).at(-1);
}

export async function scorecard(
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
): Promise<ScorecardEntry[]> {
  const parsed = kpiQuerySchema.parse(query);
  // Band sets are listed once for the whole scorecard, not once per KPI.
  const [results, targets, bandSets] = await Promise.all([
    computeKpis(db, parsed, ids),
    listTargets(db),
    listBandSets(db),
  ]);
  return Promise.all(
    results.map(async (result) => {
      const own = targets.filter((t) => t.kpi === result.id);
      const target = applicableTarget(own, parsed.filters.from, parsed.filters.to);
      const entry: ScorecardEntry = {
        ...result,
        placements: result.available ? await placeAll(db, result, result.value, bandSets) : [],
        target: target
          ? { target, status: targetStatus(result.value, target, result.direction) }
          : null,
      };
      if (parsed.by && result.series) {
        entry.internal = benchmarkPeers(result.series, result.direction, result.unit, {
          minN: MIN_PEER_ORDERS,
        });
        entry.segmentTargets = result.series.flatMap((s) => {
          const t = own.find((x) => x.dimension === parsed.by && x.segment === s.segment);
          return t
            ? [
                {
                  segment: s.segment ?? null,
                  target: t,
                  status: targetStatus(s.value, t, result.direction),
                },
              ]
            : [];
        });
      }
      return entry;
    }),
  );
}
