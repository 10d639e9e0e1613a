/**
 * What the deck and the workbook share: status colours, the value range a KPI is drawn over, the
 * reference lines of its benchmark bands, the direction of a change in words, and logo sizes.
 */
import { yScale } from '@/lib/format/chart-scale';
import { formatPublishedFigure, isFlatChange } from '@/lib/format/kpi-value';
import type { ReportKpi, ReportLogo, StatusColour } from './types';

/** Fill and ink of a status; the ink reads on the fill, and the label always goes with both. */
export const statusColours: Record<StatusColour, { fill: string; ink: string }> = {
  green: { fill: 'C6EFCE', ink: '0B5D1E' },
  amber: { fill: 'FFE699', ink: '7A4F01' },
  red: { fill: 'F8C9C4', ink: '8B1A10' },
  grey: { fill: 'E7E6E6', ink: '404040' },
};

/** Best band first, as the report chart shades them. */
const bandFills = ['CFE8D5', 'E3F0D0', 'F3F0CF', 'F7E0C8', 'F5D0CC'];

export const bandFill = (rank: number) =>
  bandFills[Math.min(Math.max(rank, 1) - 1, bandFills.length - 1)]!;

export interface ValueRange {
  min: number;
  max: number;
  step: number;
}

/**
 * The range a KPI is drawn over: its trend, value, band edges and target, padded to round ticks,
 * never above 100 for a percent (the shared chart scale caps it), so no band line is off the axis.
 */
export function valueRange(kpi: ReportKpi): ValueRange {
  const marks = bandLines(kpi).map((l) => l.y);
  const { domain, ticks } = yScale(
    [...kpi.trend.points.map((p) => p.value), kpi.value, ...marks, kpi.target?.value],
    kpi.unit,
  );
  const step = Number((ticks.length > 1 ? ticks[1]! - ticks[0]! : 1).toFixed(6));
  const max = kpi.unit === 'percent' ? Math.min(100, domain[1]) : domain[1];
  // The shared scale starts at 0 at the lowest; a negative value (a clock skew in the data) still
  // gets a place on the axis rather than falling off it.
  const lowest = Math.min(
    ...kpi.trend.points.map((p) => p.value ?? Infinity),
    kpi.value ?? Infinity,
  );
  const min = lowest < domain[0] ? Math.floor(lowest / step) * step : domain[0];
  return { min, max, step };
}

export interface ReferenceLine {
  y: number;
  label: string;
}

/**
 * A band set's lines as published, and its area edges, each named for the band that starts there
 * ("Top quartile from 99.6%").
 */
export function bandLines(kpi: Pick<ReportKpi, 'chartBands' | 'unit'>): ReferenceLine[] {
  const set = kpi.chartBands;
  if (!set) return [];
  const figure = (y: number) => formatPublishedFigure(y, kpi.unit);
  const edges = new Map<number, string>();
  for (const area of set.areas)
    if (area.y1 !== null) edges.set(area.y1, `${area.label} from ${figure(area.y1)}`);
  for (const area of set.areas)
    if (area.y2 !== null && !edges.has(area.y2))
      edges.set(area.y2, `${area.label} up to ${figure(area.y2)}`);
  const edgeLines = [...edges].sort(([a], [b]) => a - b).map(([y, label]) => ({ y, label }));
  return [...set.lines, ...edgeLines];
}

export interface ChangeMark {
  /** ▲ the value rose, ▼ it fell, ► it held at the printed precision. */
  arrow: '▲' | '▼' | '►';
  /** In words, so the colour is never the only signal. */
  word: 'better' | 'worse' | 'unchanged';
  tone: 'good' | 'bad' | 'flat';
}

/** The arrow follows the value; its colour and word follow the KPI's good direction. */
export function changeMark(kpi: ReportKpi): ChangeMark | null {
  const change = kpi.change?.change;
  if (change === null || change === undefined) return null;
  if (isFlatChange(change, kpi.unit)) return { arrow: '►', word: 'unchanged', tone: 'flat' };
  const better = kpi.direction === 'higher' ? change > 0 : change < 0;
  return {
    arrow: change > 0 ? '▲' : '▼',
    word: better ? 'better' : 'worse',
    tone: better ? 'good' : 'bad',
  };
}

export const toneInk: Record<ChangeMark['tone'], string> = {
  good: '0B7A2A',
  bad: 'B3261E',
  flat: '555555',
};

/** Pixel size of a PNG or JPEG logo; a square when the header cannot be read. */
export function logoSize(logo: ReportLogo): { width: number; height: number } {
  const data = logo.data;
  if (logo.type === 'png' && data.length >= 24)
    return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
  return (logo.type === 'jpeg' && jpegSize(data)) || { width: 1, height: 1 };
}

/** A JPEG's size from its start-of-frame segment (any SOFn but the DHT, JPG and DAC markers). */
function jpegSize(data: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < data.length) {
    if (data[at] !== 0xff) return null;
    const marker = data[at + 1]!;
    const length = data.readUInt16BE(at + 2);
    const frame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (frame) return { width: data.readUInt16BE(at + 7), height: data.readUInt16BE(at + 5) };
    at += 2 + length;
  }
  return null;
}

/** The largest size of the logo's shape that fits the box. */
export function fitLogo(
  logo: ReportLogo,
  box: { width: number; height: number },
): { width: number; height: number } {
  const size = logoSize(logo);
  const scale = Math.min(box.width / size.width, box.height / size.height);
  return { width: size.width * scale, height: size.height * scale };
}
