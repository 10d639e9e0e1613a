/**
 * Benchmark band sets as shapes a chart can draw: shaded areas (quartiles, quintiles, a reported
 * range) and lines (thresholds, a lone median, an average). Built from the same ladder the
 * placement uses, so the labels on the chart are the band names the placement reports.
 */
import { chooseBandSet, type ChoosableSet } from '@/lib/benchmarks/choose';
import { buildLadder } from '@/lib/benchmarks/ladder';
import type { OrganisationProfile } from '@/lib/benchmarks/peer';
import { comparisonSymbol, type Scheme } from '@/lib/benchmarks/schema';
import { formatPublishedFigure } from '@/lib/format/kpi-value';
import type { KpiUnit } from '@/lib/semantic/kpi';

export interface ChartBandArea {
  /** Value-space bounds; null = open towards the edge of the chart. */
  y1: number | null;
  y2: number | null;
  label: string;
  /** 1 = best band. */
  rank: number;
}

export interface ChartBandLine {
  y: number;
  label: string;
}

export interface ChartBandSet {
  id: string;
  /** e.g. "WERC DC Measures 2020". */
  title: string;
  areas: ChartBandArea[];
  /** How many bands the scheme has (ranks run 1…bandCount), whether or not all are drawn. */
  bandCount: number;
  lines: ChartBandLine[];
  /** One sentence naming what is drawn, for the text summary. */
  description: string;
}

interface SetLike {
  id: string;
  source: string;
  edition: string;
  scheme: Scheme;
  direction: 'higher' | 'lower';
}

const fmt = formatPublishedFigure;

/** The shapes of one band set, its figures labelled in the KPI's unit. */
export function chartBandSet(set: SetLike, unit: KpiUnit): ChartBandSet {
  const title = `${set.source} ${set.edition}`.trim();
  const scheme = set.scheme;
  const base = { id: set.id, title };
  if (scheme.type === 'threshold') {
    const label = `${scheme.label} ${comparisonSymbol[scheme.comparison]} ${fmt(scheme.value, unit)}`;
    return {
      ...base,
      areas: [],
      bandCount: 2,
      lines: [{ y: scheme.value, label }],
      description: `${title}: ${label}.`,
    };
  }
  if (scheme.type === 'quartiles' && (scheme.p25 === null || scheme.p75 === null)) {
    const lines = [
      ...(scheme.p25 !== null
        ? [{ y: scheme.p25, label: `25th percentile ${fmt(scheme.p25, unit)}` }]
        : []),
      { y: scheme.median, label: `Median ${fmt(scheme.median, unit)}` },
      ...(scheme.p75 !== null
        ? [{ y: scheme.p75, label: `75th percentile ${fmt(scheme.p75, unit)}` }]
        : []),
    ];
    return {
      ...base,
      areas: [],
      bandCount: 2,
      lines,
      description: `${title}: ${lines.map((l) => l.label.toLowerCase()).join(', ')} (the quartiles are not public).`,
    };
  }
  if (scheme.type === 'reference') {
    // A study's or a guideline's figures are reference lines, never shaded as bands of peers; a
    // range figure (one per product category, say) is only described, or lines would crowd.
    const lines = scheme.figures.flatMap((f) =>
      f.value !== undefined
        ? [{ y: f.value, label: `${capitalise(f.label)} ${fmt(f.value, unit)}` }]
        : [],
    );
    const stated = scheme.figures.map((f) =>
      f.value !== undefined
        ? `${f.label} ${fmt(f.value, unit)}`
        : `${f.label} ${fmt(f.low!, null)}–${fmt(f.high!, unit)}`,
    );
    return {
      ...base,
      areas: [],
      bandCount: 0,
      lines,
      description: `${title}: reference figures, not bands of peers: ${stated.join('; ')}.`,
    };
  }
  const ladder = buildLadder(scheme, set.direction);
  // labels[i] lies between marks[i - 1] and marks[i], in performance order.
  const last = ladder.labels.length - 1;
  const areas: ChartBandArea[] = ladder.labels.map((label, i) => {
    const a = ladder.marks[i - 1]?.value ?? null;
    const b = ladder.marks[i]?.value ?? null;
    const rank = ladder.labels.length - i;
    if (a !== null && b !== null) return { y1: Math.min(a, b), y2: Math.max(a, b), label, rank };
    // Open-ended: the worst band of a higher-is-better KPI and the best of a lower-is-better one
    // run down to the bottom of the chart; the others up to the top.
    const known = a ?? b;
    const down =
      (i === 0 && set.direction === 'higher') || (i === last && set.direction === 'lower');
    return down ? { y1: null, y2: known, label, rank } : { y1: known, y2: null, label, rank };
  });
  if (scheme.type === 'range') {
    return {
      ...base,
      bandCount: ladder.labels.length,
      // Only the reported range is shaded; beyond it no peer reported.
      areas: areas.filter((a) => a.y1 !== null && a.y2 !== null),
      lines: [{ y: scheme.average, label: `Average ${fmt(scheme.average, unit)}` }],
      description: `${title}: reported range ${fmt(scheme.min, unit)} to ${fmt(scheme.max, unit)}, average ${fmt(scheme.average, unit)}.`,
    };
  }
  const marks = ladder.marks
    .map((m) => m.value)
    .sort((a, b) => a - b)
    .map((v) => fmt(v, unit));
  return {
    ...base,
    areas,
    bandCount: ladder.labels.length,
    lines: [],
    description:
      scheme.type === 'quartiles'
        ? `${title}: quartiles at ${marks.join(', ')}.`
        : `${title}: quintile boundaries at ${marks.join(', ')}.`,
  };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The band an arbitrary value falls in, for tooltips (areas only). */
export function bandOf(value: number, set: ChartBandSet): ChartBandArea | undefined {
  return set.areas.find((a) => (a.y1 === null || value >= a.y1) && (a.y2 === null || value < a.y2));
}

/**
 * The one set a trend chart draws: the headline placement's, else the best match to the
 * organisation's profile. More would crowd the chart with lines from sources that do not agree;
 * the others are counted in the drawn set's description and listed with the benchmarks.
 */
export function chartBandsFor<S extends SetLike & ChoosableSet>(
  sets: readonly S[],
  unit: KpiUnit,
  headline: { setId: string } | null | undefined,
  profile: OrganisationProfile,
): ChartBandSet[] {
  const chosen =
    sets.find((s) => s.id === headline?.setId) ?? chooseBandSet(sets, profile)?.set ?? null;
  if (!chosen) return [];
  const drawn = chartBandSet(chosen, unit);
  const others = sets.length - 1;
  if (others === 0) return [drawn];
  const more = others === 1 ? 'One more published set is' : `${others} more published sets are`;
  return [{ ...drawn, description: `${drawn.description} ${more} listed with the benchmarks.` }];
}
