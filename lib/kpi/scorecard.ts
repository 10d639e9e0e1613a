import 'server-only';
/**
 * The scorecard: every KPI with its placements in the band sets and its target status; with a
 * breakdown, the segments placed in quartiles of one another and their own targets.
 */
import type { Database } from '@/lib/db/database';
import { benchmarkPeers, type InternalBenchmark } from '@/lib/benchmarks/internal';
import {
  listTargets,
  targetStatus,
  type Target,
  type TargetStatus,
} from '@/lib/benchmarks/targets';
import { listBandSets } from '@/lib/benchmarks/store';
import { headlineFirst, type HeadlineChoice } from '@/lib/benchmarks/choose';
import { readOrganisationProfile } from '@/lib/benchmarks/organisation';
import { notPlacedInSets, placeInSets, type NotPlaced, type Placement } from './bands';
import { computeKpis } from './compute';
import { kpiQuerySchema, type Dimension, type Filters, type Grain, type KpiQuery } from './filters';
import type { KpiResult } from './types';

export interface ScorecardEntry extends KpiResult {
  /**
   * Only measured values of the source's own definition: what counts as placed. The first is the
   * headline: the set whose peers best match the organisation's profile, or the one asked for.
   */
  placements: Placement[];
  /** Which set heads the placements and why; null when the value is placed in none. */
  bandChoice?: HeadlineChoice | null;
  /** The band sets the value is not placed in, with the reason (assumed, partial, other definition). */
  notPlaced?: NotPlaced[];
  target: { target: Target; status: TargetStatus | null } | null;
  /** With a breakdown: the segments placed in quartiles of one another (1 = best). */
  internal?: InternalBenchmark;
  /**
   * With a breakdown: the rows without a value for the dimension (no site recorded…). They are no
   * segment, so they are not among `internal`'s peers; they do count in the overall value.
   */
  unrecorded?: { n: number } | null;
  /** With a breakdown: each segment's own target status, where a target names that segment. */
  segmentTargets?: { segment: string | null; target: Target; status: TargetStatus | null }[];
}

/** The home page's query without filters: what a visitor sees first, warmed after every change. */
export const homeScorecardQuery = { filters: {}, grain: 'month', details: false } as const;

/** A KPI page's grain and breakdown when its address names none. */
export const kpiPageDefaults = { grain: 'month', by: 'site' } as const;

/** A KPI page's trend: the KPI by period over the filters (its headline, trend and distribution). */
export const kpiTrendQuery = (filters: Filters, grain: Grain) => ({ filters, grain });

/** A KPI page's breakdown: the KPI by a dimension, without the details of each segment. */
export const kpiBreakdownQuery = (filters: Filters, by: Dimension) => ({
  filters,
  by,
  details: false,
});

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

export interface ScorecardOptions {
  /** The band set to head each KPI's placements with, where the value is placed in it. */
  bandSet?: string;
}

export async function scorecard(
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
  options: ScorecardOptions = {},
): Promise<ScorecardEntry[]> {
  const parsed = kpiQuerySchema.parse(query);
  const [results, targets, sets, profile] = await Promise.all([
    computeKpis(db, parsed, ids),
    listTargets(db),
    listBandSets(db),
    readOrganisationProfile(db),
  ]);
  return Promise.all(
    results.map(async (result) => {
      const own = targets.filter((t) => t.kpi === result.id);
      const target = applicableTarget(own, parsed.filters.from, parsed.filters.to);
      const headline = headlineFirst(
        result.available ? placeInSets(sets, result, result.value) : [],
        sets,
        profile,
        options.bandSet,
      );
      const entry: ScorecardEntry = {
        ...result,
        placements: headline.placements,
        bandChoice: headline.choice,
        notPlaced: result.available ? notPlacedInSets(sets, result, result.value) : [],
        target: target
          ? { target, status: targetStatus(result.value, target, result.direction) }
          : null,
      };
      if (parsed.by && result.series) {
        const recorded = result.series.filter((s) => s.segment !== null);
        const unrecorded = result.series.find((s) => s.segment === null);
        entry.internal = benchmarkPeers(recorded, result.direction, result.unit, {
          minN: MIN_PEER_ORDERS,
        });
        entry.unrecorded = unrecorded ? { n: unrecorded.n } : null;
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
