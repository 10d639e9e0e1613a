import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { BreakdownRow } from '../charts/breakdown-bars';

/** A breakdown's segments as bars, each with its quartile among its peers. */
export function breakdownRows(entry: ScorecardEntry): BreakdownRow[] {
  const peers = entry.internal?.peers ?? [];
  return (entry.series ?? []).map((s, i) => ({
    label: s.segment ?? '(not recorded)',
    value: s.value,
    n: s.n,
    quartile: peers[i]?.quartile ?? null,
    excluded: peers[i]?.excluded ?? null,
    gap: peers[i]?.gapToNext?.text ?? null,
    median: s.distribution?.median ?? null,
    p90: s.distribution?.p90 ?? null,
  }));
}
