/** The executive summary's movers and the appendix's sources, derived from the report KPIs. */
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { ReportKpi, ReportModel, ReportMover, ReportSource } from './types';

const MOVERS = 3;

/**
 * Best and worst movers by relative change in each KPI's good direction, so a rate and a
 * duration can be ranked together; ties keep catalogue order. A change over a range that runs past
 * the data's horizon is left out: a half-filled period would rank as the worst (or best) mover.
 */
export function moversOf(kpis: ReportKpi[]): ReportModel['movers'] {
  const moved = kpis
    .filter((k) => !k.change?.partial)
    .map((k) => ({ k, score: relativeImprovement(k) }))
    .filter((m): m is { k: ReportKpi; score: number } => m.score !== null && m.score !== 0);
  const mover = ({ k }: { k: ReportKpi }): ReportMover => ({
    id: k.id,
    name: k.name,
    text: `${k.formatted} (${k.change!.text})`,
  });
  const best = moved.filter((m) => m.score > 0).sort((a, b) => b.score - a.score);
  const worst = moved.filter((m) => m.score < 0).sort((a, b) => a.score - b.score);
  return { best: best.slice(0, MOVERS).map(mover), worst: worst.slice(0, MOVERS).map(mover) };
}

function relativeImprovement(k: ReportKpi): number | null {
  const { improvement, previous } = k.change ?? {};
  if (improvement === null || improvement === undefined || !previous) return null;
  return improvement / Math.abs(previous);
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
