/**
 * The report's one chart geometry: a KPI's trend against its benchmark bands and target, as SVG.
 * The PDF embeds this SVG as vectors and the PNG rasterises it, so both show the same chart.
 * Colour is never the only cue: bands carry their names, the target is a dashed labelled line, a
 * period that is not over is a dashed segment to a hollow dot labelled "partial".
 */
import { noteMarks } from '@/lib/annotations/notes';
import type { ChartBandSet } from '@/lib/benchmarks/chart-bands';
import { yScale } from '@/lib/format/chart-scale';
import { formatKpiTick } from '@/lib/format/units';
import { FONT_FAMILY } from './font-family';
import { grainAdjective } from './labels';
import type { ReportKpi } from './types';

export const CHART_WIDTH = 960;
export const CHART_HEIGHT = 400;

/** The plot area; the right margin holds the band labels when there are bands. */
interface Frame {
  left: number;
  right: number;
  top: number;
  bottom: number;
}
const frameFor = (kpi: ReportKpi, height: number, titled: boolean): Frame => ({
  left: 84,
  right: CHART_WIDTH - (kpi.chartBands ? 200 : 36),
  top: titled ? 50 : 24,
  bottom: height - 66,
});
/** Room a period label needs on the x axis ("Sep 2025" at 14 px, with a gap). */
const X_LABEL_WIDTH = 80;
/** Best band first; light enough for the line and labels to read on top. */
const bandFills = ['#cfe8d5', '#e3f0d0', '#f3f0cf', '#f7e0c8', '#f5d0cc'];

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const text = (x: number, y: number, body: string, attrs = '') =>
  `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" ${attrs}>${escape(body)}</text>`;

type Scale = (v: number) => number;

/** True when the trend has a value to draw; a chart without one would only say so. */
export const hasTrendValues = (kpi: ReportKpi) => kpi.trend.points.some((p) => p.value !== null);

/**
 * The SVG document of a KPI's trend chart; `height` in chart units. The PDF asks for a flatter
 * chart without the title (its section heading says it) so two KPI sections share a page. Callers check hasTrendValues first: without values the
 * plot stays empty rather than printing a chart that says it has nothing to show.
 */
export function trendChartSvg(
  kpi: ReportKpi,
  { height = CHART_HEIGHT, title: titled = true }: { height?: number; title?: boolean } = {},
): string {
  if (!hasTrendValues(kpi)) return valueCardSvg(kpi);
  const values = kpi.trend.points.map((p) => p.value);
  const edges = bandEdges(kpi.chartBands);
  const scale = yScale([...values, ...edges, kpi.target?.value], kpi.unit);
  const [lo, hi] = scale.domain;
  const plot = frameFor(kpi, height, titled);
  const y: Scale = (v) => plot.bottom - ((v - lo) / (hi - lo || 1)) * (plot.bottom - plot.top);
  const title = `${kpi.name}: ${kpi.formatted}${kpi.band ? ` · ${kpi.band}` : ''}`;
  const parts = [
    `<rect width="${CHART_WIDTH}" height="${height}" fill="#ffffff"/>`,
    titled ? text(plot.left, 30, title, 'font-size="20" font-weight="bold" fill="#1a1a1a"') : '',
    bandsSvg(plot, kpi.chartBands, y, lo, hi, height),
    notesSvg(plot, kpi),
    axesSvg(plot, kpi, scale.ticks, y),
    targetSvg(plot, kpi, y, lo, hi),
    lineSvg(plot, kpi, y),
    targetLabelSvg(plot, kpi, y, lo, hi),
  ];
  return [
    // No width/height: the viewBox alone lets the PDF scale it to its box and resvg to any width.
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${height}"`,
    ` font-family="${FONT_FAMILY}" font-size="15">`,
    ...parts,
    '</svg>',
  ].join('');
}

function bandEdges(set: ChartBandSet | null): number[] {
  if (!set) return [];
  const areas = set.areas.flatMap((a) => [a.y1, a.y2]).filter((v): v is number => v !== null);
  return [...areas, ...set.lines.map((l) => l.y)];
}

function bandsSvg(
  plot: Frame,
  set: ChartBandSet | null,
  y: Scale,
  lo: number,
  hi: number,
  height: number,
): string {
  if (!set) return '';
  const clamp = (v: number | null, open: number) => Math.min(hi, Math.max(lo, v ?? open));
  const areas = set.areas.map((a) => {
    const top = y(clamp(a.y2, hi));
    const bottom = y(clamp(a.y1, lo));
    if (bottom - top < 0.5) return '';
    const fill = bandFills[Math.min(a.rank - 1, bandFills.length - 1)] ?? '#eeeeee';
    const label = bottom - top >= 16 ? bandLabel(plot, a.label, (top + bottom) / 2 + 5) : '';
    return `<rect x="${plot.left}" y="${top.toFixed(1)}" width="${plot.right - plot.left}" height="${(bottom - top).toFixed(1)}" fill="${fill}"/>${label}`;
  });
  const shown = set.lines.filter((l) => l.y >= lo && l.y <= hi);
  const labelAt = spreadLabels(shown.map((l) => y(l.y) + 5));
  const lines = shown.map(
    (l, i) =>
      `<line x1="${plot.left}" x2="${plot.right}" y1="${y(l.y).toFixed(1)}" y2="${y(l.y).toFixed(1)}" stroke="#6b6b6b" stroke-width="1.2" stroke-dasharray="2 3"/>${bandLabel(plot, l.label, labelAt[i]!)}`,
  );
  const source = text(
    CHART_WIDTH - 8,
    height - 8,
    fitted(`Bands: ${set.title}`, SOURCE_ROOM),
    'text-anchor="end" font-size="13" fill="#555555"',
  );
  return [...areas, ...lines, source].join('');
}

/**
 * Characters of the band source that fit right of the centred axis title at 13 px (DejaVu Sans
 * averages about 0.6 em a character): a longer source would print over the title.
 */
const SOURCE_ROOM = Math.floor((CHART_WIDTH - 8 - 540) / (13 * 0.6));
const fitted = (label: string, room: number) =>
  label.length > room ? `${label.slice(0, room - 1)}…` : label;

/** Label baselines this far apart at least, so lines close in value keep legible labels. */
const LABEL_GAP = 16;

/** The baselines moved apart, top to bottom, in the order given. */
function spreadLabels(baselines: number[]): number[] {
  const order = baselines.map((at, i) => ({ at, i })).sort((a, b) => a.at - b.at);
  const out = [...baselines];
  let previous = -Infinity;
  for (const { at, i } of order) {
    previous = Math.max(at, previous + LABEL_GAP);
    out[i] = previous;
  }
  return out;
}

/** Long band names are cut so they never run off the chart. */
const bandLabel = (plot: Frame, label: string, at: number) =>
  text(
    plot.right + 8,
    at,
    label.length > 24 ? `${label.slice(0, 23)}…` : label,
    'font-size="14" fill="#333333"',
  );

function axesSvg(plot: Frame, kpi: ReportKpi, ticks: number[], y: Scale): string {
  const grid = ticks.map((t) => {
    const at = y(t).toFixed(1);
    return `<line x1="${plot.left}" x2="${plot.right}" y1="${at}" y2="${at}" stroke="#d9d9d9" stroke-width="0.6"/>${text(plot.left - 8, y(t) + 5, formatKpiTick(t, kpi.unit), 'text-anchor="end" fill="#444444"')}`;
  });
  const points = kpi.trend.points;
  const fits = Math.max(2, Math.floor((plot.right - plot.left) / X_LABEL_WIDTH));
  const every = Math.max(1, Math.ceil(points.length / fits));
  const xLabels = points.map((p, i) =>
    i % every === 0
      ? text(
          xOf(plot, i, points.length),
          plot.bottom + 22,
          p.label,
          'text-anchor="middle" fill="#444444" font-size="14"',
        )
      : '',
  );
  const frame = `<line x1="${plot.left}" x2="${plot.right}" y1="${plot.bottom}" y2="${plot.bottom}" stroke="#444444"/><line x1="${plot.left}" x2="${plot.left}" y1="${plot.top}" y2="${plot.bottom}" stroke="#444444"/>`;
  const unitTitle = text(
    16,
    (plot.top + plot.bottom) / 2,
    kpi.unitLabel || kpi.unit,
    `text-anchor="middle" fill="#444444" transform="rotate(-90 16 ${(plot.top + plot.bottom) / 2})"`,
  );
  const grainTitle = text(
    (plot.left + plot.right) / 2,
    plot.bottom + 48,
    `Period (${kpi.trend.grain})`,
    'text-anchor="middle" fill="#444444"',
  );
  return [...grid, ...xLabels, frame, unitTitle, grainTitle].join('');
}

const xOf = (plot: Frame, i: number, count: number) =>
  count <= 1
    ? (plot.left + plot.right) / 2
    : plot.left + 12 + (i / (count - 1)) * (plot.right - plot.left - 24);

const NOTE_INK = '#8a6d00';

/**
 * The notes on dates the trend covers: a dashed line on a note's one period, a shaded span over
 * several, numbered at the top as the notes are listed under the chart (notes on the same
 * periods share one mark: "1, 2").
 */
function notesSvg(plot: Frame, kpi: ReportKpi): string {
  const points = kpi.trend.points;
  const index = new Map(points.map((p, i) => [p.period, i]));
  return noteMarks(kpi.notes ?? [])
    .map(({ first, last, numbers }) => {
      const x1 = xOf(plot, index.get(first) ?? 0, points.length);
      const x2 = xOf(plot, index.get(last) ?? 0, points.length);
      const shape =
        x1 === x2
          ? `<line x1="${x1.toFixed(1)}" x2="${x1.toFixed(1)}" y1="${plot.top}" y2="${plot.bottom}" stroke="${NOTE_INK}" stroke-width="1.6" stroke-dasharray="5 4"/>`
          : `<rect x="${x1.toFixed(1)}" y="${plot.top}" width="${(x2 - x1).toFixed(1)}" height="${plot.bottom - plot.top}" fill="${NOTE_INK}" fill-opacity="0.1" stroke="${NOTE_INK}" stroke-width="1" stroke-dasharray="5 4"/>`;
      const label = text(
        (x1 + x2) / 2,
        plot.top + 14,
        numbers.join(', '),
        `text-anchor="middle" font-size="13" font-weight="bold" fill="${NOTE_INK}"`,
      );
      return shape + label;
    })
    .join('');
}

function targetSvg(plot: Frame, kpi: ReportKpi, y: Scale, lo: number, hi: number): string {
  const target = kpi.target;
  if (!target || target.value < lo || target.value > hi) return '';
  const at = y(target.value).toFixed(1);
  return `<line x1="${plot.left}" x2="${plot.right}" y1="${at}" y2="${at}" stroke="#1a1a1a" stroke-width="1.6" stroke-dasharray="8 5"/>`;
}

/** The target's name, drawn last on a white backing so the KPI line never hides it. */
function targetLabelSvg(plot: Frame, kpi: ReportKpi, y: Scale, lo: number, hi: number): string {
  const target = kpi.target;
  if (!target || target.value < lo || target.value > hi) return '';
  const label = `Target ${target.formatted}`;
  // DejaVu Sans Bold averages about 0.63 em per character.
  const width = label.length * 14 * 0.63 + 10;
  const top = Math.max(plot.top, y(target.value) - 23);
  const x = plot.right - width - 4;
  return `<rect x="${x.toFixed(1)}" y="${top.toFixed(1)}" width="${width.toFixed(1)}" height="19" fill="#ffffff" fill-opacity="0.9"/>${text(x + 5, top + 15, label, 'font-size="14" font-weight="bold" fill="#1a1a1a"')}`;
}

/**
 * The KPI line, broken where a period has no value; each value marked with a dot. A partial period
 * (past the data's horizon) is joined by a dashed segment to a hollow dot with the word "partial".
 */
function lineSvg(plot: Frame, kpi: ReportKpi, y: Scale): string {
  const points = kpi.trend.points;
  const runs: string[][] = [[]];
  const dots: string[] = [];
  const partial: string[] = [];
  let previous: string | null = null;
  points.forEach((p, i) => {
    if (p.value === null) {
      previous = null;
      return void runs.push([]);
    }
    const x = xOf(plot, i, points.length).toFixed(1);
    const at = y(p.value).toFixed(1);
    if (p.partial) {
      if (previous)
        partial.push(
          `<polyline points="${previous} ${x},${at}" fill="none" stroke="#1f4e8c" stroke-width="2.2" stroke-dasharray="6 4"/>`,
        );
      partial.push(
        `<circle cx="${x}" cy="${at}" r="4" fill="#ffffff" stroke="#1f4e8c" stroke-width="2"/>`,
        text(
          Number(x),
          Number(at) - 10,
          'partial',
          'text-anchor="middle" font-size="13" fill="#333333"',
        ),
      );
      previous = null;
      return void runs.push([]);
    }
    previous = `${x},${at}`;
    runs.at(-1)!.push(previous);
    dots.push(`<circle cx="${x}" cy="${at}" r="3" fill="#1f4e8c"/>`);
  });
  const lines = runs
    .filter((r) => r.length > 1)
    .map(
      (r) => `<polyline points="${r.join(' ')}" fill="none" stroke="#1f4e8c" stroke-width="2.2"/>`,
    );
  return [...lines, ...(points.length <= 120 ? dots : []), ...partial].join('');
}

/* ------------------------------------------------------------------------------------------------
 * The bullet chart: one KPI's value against its bands and target on a single horizontal scale,
 * small enough for a scorecard row. Bands are grey shades (darker = weaker) so colour stays free
 * for the status beside it; the target is a black tick, the value a dark bar from the scale start.
 * --------------------------------------------------------------------------------------------- */

/** Band shades, best band lightest, as in a classic bullet graph. */
const BULLET_SHADES = ['#ececec', '#dcdcdc', '#cbcbcb', '#bababa', '#a9a9a9'];
const VALUE_INK = '#1f4e8c';
/** The scale's end labels take this share of the width, each side. */
const BULLET_LABEL_SHARE = 0.15;

/** The bullet's scale: the value, target, band edges and band lines, as the trend chart pads them. */
export function bulletScale(kpi: ReportKpi): {
  domain: [number, number];
  labels: [string, string];
} {
  const { domain } = yScale([kpi.value, kpi.target?.value, ...bandEdges(kpi.chartBands)], kpi.unit);
  return {
    domain,
    labels: [formatKpiTick(domain[0], kpi.unit), formatKpiTick(domain[1], kpi.unit)],
  };
}

/** True when a bullet chart has something to compare the value with. */
export const hasBullet = (kpi: ReportKpi) =>
  kpi.value !== null &&
  (kpi.target !== null ||
    (kpi.chartBands?.areas.length ?? 0) + (kpi.chartBands?.lines.length ?? 0) > 0);

/**
 * The bullet chart of a KPI as an SVG document `width` × `height` units, the scale's ends labelled
 * left and right of the track (units equal points in the PDF, so a label is legible at any size).
 */
export function bulletChartSvg(kpi: ReportKpi, width: number, height: number): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" font-family="${FONT_FAMILY}">`,
    bulletShapes(kpi, width, height),
    '</svg>',
  ].join('');
}

function bulletShapes(kpi: ReportKpi, width: number, height: number): string {
  const { domain, labels } = bulletScale(kpi);
  const [lo, hi] = domain;
  const gutter = width * BULLET_LABEL_SHARE;
  const track = { left: gutter, right: width - gutter, top: height * 0.1, bottom: height * 0.9 };
  const x = (v: number) =>
    track.left +
    ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo || 1)) * (track.right - track.left);
  const size = Math.min(height * 0.45, gutter * 0.25);
  const mid = (track.top + track.bottom) / 2;
  return [
    rect(track.left, track.top, track.right - track.left, track.bottom - track.top, '#f6f6f6'),
    bulletBands(kpi.chartBands, x, track, lo, hi),
    bulletTarget(kpi, x, track),
    bulletValue(kpi, x, track, lo),
    text(
      track.left - size * 0.4,
      mid + size * 0.35,
      labels[0],
      `text-anchor="end" font-size="${size.toFixed(1)}" fill="#444444"`,
    ),
    text(
      track.right + size * 0.4,
      mid + size * 0.35,
      labels[1],
      `font-size="${size.toFixed(1)}" fill="#444444"`,
    ),
  ].join('');
}

interface Track {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

const rect = (x: number, y: number, w: number, h: number, fill: string) =>
  `<rect x="${x.toFixed(2)}" y="${y.toFixed(2)}" width="${Math.max(0, w).toFixed(2)}" height="${Math.max(0, h).toFixed(2)}" fill="${fill}"/>`;

function bulletBands(
  set: ChartBandSet | null,
  x: Scale,
  track: Track,
  lo: number,
  hi: number,
): string {
  if (!set) return '';
  const shade = (rank: number) => {
    const worst = Math.max(set.bandCount, set.areas.length, 2);
    const at = Math.round(((rank - 1) / (worst - 1)) * (BULLET_SHADES.length - 1));
    return BULLET_SHADES[Math.min(BULLET_SHADES.length - 1, Math.max(0, at))]!;
  };
  const areas = set.areas.map((a) => {
    const from = x(a.y1 ?? lo);
    const to = x(a.y2 ?? hi);
    return rect(from, track.top, to - from, track.bottom - track.top, shade(a.rank));
  });
  const lines = set.lines
    .filter((l) => l.y >= lo && l.y <= hi)
    .map(
      (l) =>
        `<line x1="${x(l.y).toFixed(2)}" x2="${x(l.y).toFixed(2)}" y1="${track.top.toFixed(2)}" y2="${track.bottom.toFixed(2)}" stroke="#4d4d4d" stroke-width="${((track.bottom - track.top) * 0.06).toFixed(2)}" stroke-dasharray="${((track.bottom - track.top) * 0.12).toFixed(2)}"/>`,
    );
  return [...areas, ...lines].join('');
}

function bulletTarget(kpi: ReportKpi, x: Scale, track: Track): string {
  if (!kpi.target) return '';
  const h = track.bottom - track.top;
  const w = Math.max(1, h * 0.14);
  return rect(x(kpi.target.value) - w / 2, track.top + h * 0.08, w, h * 0.84, '#1a1a1a');
}

function bulletValue(kpi: ReportKpi, x: Scale, track: Track, lo: number): string {
  if (kpi.value === null) return '';
  const h = track.bottom - track.top;
  const end = x(kpi.value);
  // A bar's length reads as the value only from zero: on a cut scale the value is a dot.
  if (lo !== 0)
    return `<circle cx="${end.toFixed(2)}" cy="${((track.top + track.bottom) / 2).toFixed(2)}" r="${(h * 0.22).toFixed(2)}" fill="${VALUE_INK}"/>`;
  // A value at the scale start still shows: a bar at least as wide as the target tick.
  const bar = Math.max(end - x(lo), h * 0.14);
  return rect(end - bar, track.top + h * 0.34, bar, h * 0.32, VALUE_INK);
}

/* ------------------------------------------------------------------------------------------------
 * The value card: what a chart of a KPI without trend values shows instead (PNG, preview): the
 * value, its status in words, why there is no trend, and the bullet chart when there is a target
 * or band to compare with.
 * --------------------------------------------------------------------------------------------- */

export function valueCardSvg(kpi: ReportKpi): string {
  const title = `${kpi.name}: ${kpi.formatted}${kpi.band ? ` · ${kpi.band}` : ''}`;
  const why = kpi.available
    ? `No ${grainAdjective[kpi.trend.grain]} values to draw a trend: the value covers the whole period.`
    : `No value: ${kpi.unavailableReason ?? 'the data lacks a field this KPI needs.'}`;
  // The band is in the title already; a target's status is not.
  const status =
    kpi.available && kpi.status.label !== kpi.band ? `Status: ${kpi.status.label}` : '';
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`,
    ` font-family="${FONT_FAMILY}" font-size="15">`,
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    text(84, 30, title, 'font-size="20" font-weight="bold" fill="#1a1a1a"'),
    text(84, 76, why, 'font-size="16" fill="#444444"'),
    status ? text(84, 108, status, 'font-size="16" fill="#1a1a1a"') : '',
    hasBullet(kpi) ? cardBullet(kpi) : '',
    '</svg>',
  ].join('');
}

/** Characters of a 15 px line that fit the card's width. */
const CARD_LINE = 96;

function cardBullet(kpi: ReportKpi): string {
  const { width, height } = { width: 264, height: 16 };
  const scale = (CHART_WIDTH - 168) / width;
  return [
    `<svg x="84" y="170" width="${width * scale}" height="${height * scale}" viewBox="0 0 ${width} ${height}">`,
    bulletShapes(kpi, width, height),
    '</svg>',
    text(84, 270, fitted(bulletLegend(kpi), CARD_LINE), 'fill="#444444"'),
    kpi.chartBands
      ? text(84, 296, fitted(kpi.chartBands.description, CARD_LINE), 'fill="#444444"')
      : '',
  ].join('');
}

/** What the bullet's marks are, in words: under a large bullet, and (for all KPIs) as a key. */
export function bulletLegend(kpi?: ReportKpi): string {
  const all = !kpi;
  const parts = [
    'blue bar: value (a dot where the scale does not start at zero)',
    ...(all || kpi.target
      ? [`black tick: target${kpi?.target ? ` ${kpi.target.formatted}` : ''}`]
      : []),
    ...(all || kpi.chartBands?.areas.length
      ? ['grey shades: benchmark bands, darker = weaker']
      : []),
    ...(all || kpi.chartBands?.lines.length ? ['dashed lines: published figures'] : []),
  ];
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}
