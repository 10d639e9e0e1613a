/** The executive summary's movers and the appendix's sources, derived from the report KPIs. */
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { isFlatChange } from '@/lib/format/kpi-value';
import { moverText } from './story';
import type { ReportKpi, ReportModel, ReportMover, ReportSource } from './types';

const MOVERS = 3;

/**
 * Best and worst movers by significance: each KPI's change in its good direction against its own
 * usual period-to-period change, so a rate, a duration and a cost rank on one scale and a small
 * rate's large relative change does not crowd out a large fall in on-time shipment. A change over
 * a partial period, or with too little history to know what is usual, is not ranked.
 */
export function moversOf(kpis: ReportKpi[]): ReportModel['movers'] {
  const ranked = kpis.flatMap((k): ReportMover[] => {
    const significance = k.movement?.significance;
    if (significance === null || significance === undefined || significance === 0) return [];
    const change = k.change;
    // A change that prints as ±0.0 is no move, however unusual its history makes it look.
    if (!change || change.partial || change.change === null || isFlatChange(change.change, k.unit))
      return [];
    return [{ id: k.id, name: k.name, text: moverText(k), significance }];
  });
  const best = ranked
    .filter((m) => m.significance > 0)
    .sort((a, b) => b.significance - a.significance);
  const worst = ranked
    .filter((m) => m.significance < 0)
    .sort((a, b) => a.significance - b.significance);
  return { best: best.slice(0, MOVERS), worst: worst.slice(0, MOVERS) };
}

/** Every band set a KPI was placed in, once, with the KPIs it served. */
export function sourcesOf(kpis: ReportKpi[], entries: ScorecardEntry[]): ReportSource[] {
  const sources = new Map<string, ReportSource>();
  entries.forEach((entry, i) => {
    for (const { source } of entry.placements) {
      const known = sources.get(source.setId);
      const name = kpis[i]?.name ?? entry.name;
      if (known) {
        if (!known.kpis.includes(name)) known.kpis.push(name);
        continue;
      }
      sources.set(source.setId, {
        setId: source.setId,
        name: source.name,
        source: source.source,
        edition: source.edition,
        peerGroup: source.peerGroup,
        sampleSize: source.sampleSize,
        citation: source.citation,
        definition: source.definition,
        kpis: [name],
      });
    }
  });
  return [...sources.values()];
}
