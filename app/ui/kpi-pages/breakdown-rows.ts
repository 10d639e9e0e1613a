import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { BreakdownRow } from '../charts/breakdown-bars';

/**
 * A breakdown's segments as bars, each with its quartile among its peers. Rows without the
 * attribute are no segment and get no bar: `entry.unrecorded` counts them apart.
 */
export function breakdownRows(entry: ScorecardEntry): BreakdownRow[] {
  const peers = new Map((entry.internal?.peers ?? []).map((p) => [p.label, p]));
  return (entry.series ?? []).flatMap((s) => {
    if (s.segment === null || s.segment === undefined) return [];
    const peer = peers.get(s.segment);
    return [
      {
        label: s.segment,
        value: s.value,
        n: s.n,
        quartile: peer?.quartile ?? null,
        excluded: peer?.excluded ?? null,
        gap: peer?.gapToNext?.text ?? null,
        median: s.distribution?.median ?? null,
        p90: s.distribution?.p90 ?? null,
      },
    ];
  });
}
