import 'server-only';
/** The scorecard: every KPI with its placements in the band sets and its target status. */
import type { Database } from '@/lib/db/database';
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
}

/** The target that applies to the whole query: no segment, and a period covering the range (or none). */
export function applicableTarget(
  targets: Target[],
  from?: string,
  to?: string,
): Target | undefined {
  const overall = targets.filter((t) => !t.dimension && !t.segment);
  const covering = overall.filter(
    (t) =>
      (t.from || t.to) &&
      (!t.from || (from !== undefined && t.from <= from)) &&
      (!t.to || (to !== undefined && t.to >= to)),
  );
  return covering.at(-1) ?? overall.filter((t) => !t.from && !t.to).at(-1);
}

export async function scorecard(
  db: Database,
  query: KpiQuery = {},
  ids?: string[],
): Promise<ScorecardEntry[]> {
  const parsed = kpiQuerySchema.parse(query);
  const [results, targets] = await Promise.all([computeKpis(db, parsed, ids), listTargets(db)]);
  return Promise.all(
    results.map(async (result) => {
      const target = applicableTarget(
        targets.filter((t) => t.kpi === result.id),
        parsed.filters.from,
        parsed.filters.to,
      );
      return {
        ...result,
        placements: result.available ? await placeAll(db, result, result.value) : [],
        target: target
          ? { target, status: targetStatus(result.value, target, result.direction) }
          : null,
      };
    }),
  );
}
