/**
 * The report's one chart geometry: a KPI's trend against its benchmark bands and target, as SVG.
 * The PDF embeds this SVG as vectors and the PNG rasterises it, so both show the same chart.
 * Colour is never the only cue: bands carry their names, the target is a dashed labelled line, a
 * period that is not over is a dashed segment to a hollow dot labelled "partial".
 */
import type { ChartBandSet } from '@/lib/benchmarks/chart-bands';
import { yScale } from '@/lib/format/chart-scale';
import { formatKpiTick } from '@/lib/format/units';
import { FONT_FAMILY } from './font-family';
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
const frameFor = (kpi: ReportKpi): Frame => ({
  left: 84,
  right: CHART_WIDTH - (kpi.chartBands ? 200 : 36),
  top: 50,
  bottom: CHART_HEIGHT - 66,
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

/** The SVG document of a KPI's trend chart. */
export function trendChartSvg(kpi: ReportKpi): string {
  const values = kpi.trend.points.map((p) => p.value);
  const edges = bandEdges(kpi.chartBands);
  const scale = yScale([...values, ...edges, kpi.target?.value], kpi.unit);
  const [lo, hi] = scale.domain;
  const plot = frameFor(kpi);
  const y: Scale = (v) => plot.bottom - ((v - lo) / (hi - lo || 1)) * (plot.bottom - plot.top);
  const title = `${kpi.name}: ${kpi.formatted}${kpi.band ? ` · ${kpi.band}` : ''}`;
  const parts = [
    `<rect width="${CHART_WIDTH}" height="${CHART_HEIGHT}" fill="#ffffff"/>`,
    text(plot.left, 30, title, 'font-size="20" font-weight="bold" fill="#1a1a1a"'),
    bandsSvg(plot, kpi.chartBands, y, lo, hi),
    axesSvg(plot, kpi, scale.ticks, y),
    targetSvg(plot, kpi, y, lo, hi),
    lineSvg(plot, kpi, y),
    targetLabelSvg(plot, kpi, y, lo, hi),
  ];
  return [
    // No width/height: the viewBox alone lets the PDF scale it to its box and resvg to any width.
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${CHART_WIDTH} ${CHART_HEIGHT}"`,
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

function bandsSvg(plot: Frame, set: ChartBandSet | null, y: Scale, lo: number, hi: number): string {
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
  const lines = set.lines
    .filter((l) => l.y >= lo && l.y <= hi)
    .map(
      (l) =>
        `<line x1="${plot.left}" x2="${plot.right}" y1="${y(l.y).toFixed(1)}" y2="${y(l.y).toFixed(1)}" stroke="#6b6b6b" stroke-width="1.2" stroke-dasharray="2 3"/>${bandLabel(plot, l.label, y(l.y) + 5)}`,
    );
  const source = text(
    CHART_WIDTH - 8,
    CHART_HEIGHT - 8,
    `Bands: ${set.title}`,
    'text-anchor="end" font-size="13" fill="#555555"',
  );
  return [...areas, ...lines, source].join('');
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
  if (!points.some((p) => p.value !== null)) {
    return text(
      (plot.left + plot.right) / 2,
      (plot.top + plot.bottom) / 2,
      'No values in this period',
      'text-anchor="middle" fill="#555555" font-size="14"',
    );
  }
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
