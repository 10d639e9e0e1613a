import 'server-only';
/**
 * A report KPI's story from the model's queries: its movement against its history, the segment
 * that drove its change, where its comparison value stood in the same band set, its context
 * sentence and its summary message (the rules are in story.ts).
 */
import { buildLadder } from '@/lib/benchmarks/ladder';
import { placeOnScheme } from '@/lib/benchmarks/place';
import { yieldsBands } from '@/lib/benchmarks/schema';
import { bandSetsForKpi } from '@/lib/benchmarks/store';
import type { Database } from '@/lib/db/database';
import { formatPublishedFigure } from '@/lib/format/kpi-value';
import { getKpi } from '@/lib/kpi/engine';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { ReportHistory } from './history';
import {
  amount,
  contextOf,
  driverOf,
  messageOf,
  movementOf,
  type BandFacts,
  type SegmentValue,
} from './story';
import type { ReportKpi, ReportMessage } from './types';

export interface StoryInputs {
  history: ReportHistory | undefined;
  /** The KPI by the breakdown dimension, in the report's period and the comparison period. */
  current: ScorecardEntry | undefined;
  previous: ScorecardEntry | undefined;
  periodText: string;
}

export async function storyOf(
  db: Database,
  k: ReportKpi,
  inputs: StoryInputs,
): Promise<{ kpi: ReportKpi; message: ReportMessage | null }> {
  const { history } = inputs;
  const past = history?.byKpi.get(k.id);
  const movement = history
    ? movementOf({
        value: k.value,
        change: k.change,
        direction: k.direction,
        changes: past?.changes ?? [],
        past: past?.past ?? [],
        grain: history.grain,
      })
    : null;
  const bands = await bandFactsOf(db, k);
  const told: ReportKpi = { ...k, movement, driver: driverFor(k, inputs) };
  told.context = contextOf(told, bands, inputs.periodText);
  const message = told.change ? messageOf(told, bands, history?.aligned ?? false) : null;
  return { kpi: told, message };
}

/** Only a rate (all_of too) or a mean is the weighted mean of its segments; a product is not. */
function driverFor(k: ReportKpi, { current, previous }: StoryInputs) {
  const change = k.change;
  if (!change || change.change === null || change.partial || !current || !previous) return null;
  const kind = getKpi(k.id).kind;
  if (kind !== 'ratio' && kind !== 'all_of' && kind !== 'duration') return null;
  const segments = (entry: ScorecardEntry): SegmentValue[] =>
    // Orders without the attribute stay in the split (so it adds up to the change) but are never
    // named as the driver.
    (entry.series ?? []).map((s) => ({
      segment: s.segment ?? null,
      value: s.value,
      weight: kind === 'duration' ? s.n : (s.denominator ?? 0),
    }));
  return driverOf({
    current: segments(current),
    previous: segments(previous),
    change: change.change,
    unit: k.unit,
    dimension: k.breakdown.label,
  });
}

/** The comparison value's band in the same set, and the distance to the set's best band. */
async function bandFactsOf(db: Database, k: ReportKpi): Promise<BandFacts> {
  const placed = k.placements[0];
  if (!placed || k.value === null) return { previousBand: null, shortOfBest: null };
  const set = (await bandSetsForKpi(db, k.id)).find((s) => s.id === placed.setId);
  if (!set || !yieldsBands(set)) return { previousBand: null, shortOfBest: null };
  const previous = k.change && !k.change.partial ? k.change.previous : null;
  const before = placeOnScheme(previous, set.scheme, set.direction, set.unit);
  let shortOfBest: string | null = null;
  if (placed.rank > 1) {
    const ladder = buildLadder(set.scheme, set.direction);
    const mark = ladder.marks.at(-1)!;
    const gap = amount(mark.value - k.value, k.unit);
    const criterion = mark.criterion
      ? `${mark.criterion}${k.unit === 'percent' ? '%' : ''}`
      : formatPublishedFigure(mark.value, k.unit);
    shortOfBest = `${gap} short of ${placed.source} ${ladder.labels.at(-1)} (${criterion})`;
  }
  return {
    previousBand: before ? { band: before.band, rank: before.rank } : null,
    shortOfBest,
  };
}
