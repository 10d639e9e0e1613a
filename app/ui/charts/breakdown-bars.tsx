'use client';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type LabelProps,
  type TooltipContentProps,
} from 'recharts';
import { capitalise } from '@/lib/format/labels';
import { axis, grid, labelAxis } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { formatCount, formatKpiTick, formatKpiValue, type KpiUnit } from './units';

export interface BreakdownRow {
  label: string;
  value: number | null;
  n: number;
  /** Internal quartile, 1 = best; null when not placed. */
  quartile: 1 | 2 | 3 | 4 | null;
  /** Why the segment is not placed (too few orders, no value). */
  excluded?: string | null;
  /** e.g. "6.2 h faster to reach the top quartile". */
  gap?: string | null;
  median?: number | null;
  p90?: number | null;
}

export interface BreakdownBarsProps {
  title: string;
  /** The dimension, singular, e.g. "site", "carrier". */
  dimension: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  rows: BreakdownRow[];
  overall?: number | null;
  /** Why there are no internal quartiles, when there are none. */
  quartileReason?: string | null;
  countWord?: string;
  /** At most this many bars (the segments with the most orders); the table lists all. */
  maxBars?: number;
  /** Compact: no gap column, smaller bars (for small multiples). */
  compact?: boolean;
}

const QUARTILE_FILL: Record<number, string> = {
  1: 'var(--good)',
  2: 'var(--accent)',
  3: 'var(--accent)',
  4: 'var(--bad)',
};
const QUARTILE_OPACITY: Record<number, number> = { 1: 0.85, 2: 0.8, 3: 0.5, 4: 0.85 };

export const quartileText = (q: BreakdownRow['quartile']) => (q === null ? '—' : `Q${q}`);

/** A KPI by segment, best first, each bar labelled with its value and internal quartile (Q1 = best). */
export function BreakdownBars({
  title,
  dimension,
  unit,
  direction,
  rows,
  overall = null,
  quartileReason = null,
  countWord = 'orders',
  maxBars = 12,
  compact = false,
}: BreakdownBarsProps) {
  const sorted = [...rows].sort((a, b) => compare(a, b, direction));
  const shown =
    sorted.length > maxBars
      ? [...sorted]
          .sort((a, b) => b.n - a.n)
          .slice(0, maxBars)
          .sort((a, b) => compare(a, b, direction))
      : sorted;
  const placed = rows.some((r) => r.quartile !== null);
  const ranked = sorted.filter((r) => r.value !== null);
  const rankOf = (r: BreakdownRow) => ranked.indexOf(r) + 1;
  const data = shown.map((r) => ({
    ...r,
    tag:
      `${formatKpiValue(r.value, unit)} · ` +
      (r.quartile !== null
        ? `Q${r.quartile}`
        : r.value === null
          ? 'no value'
          : placed && r.excluded
            ? 'not placed'
            : `#${rankOf(r)} of ${ranked.length}`),
  }));
  const valued = sorted.filter((r) => r.value !== null);
  const best = valued[0];
  const worst = valued.at(-1);
  const hasStats = rows.some((r) => r.median != null || r.p90 != null);
  const summary =
    !best || !worst
      ? `No ${dimension} has a value in this range.`
      : [
          valued.length === 1
            ? `One ${dimension} with a value: ${best.label}, ${formatKpiValue(best.value, unit)}.`
            : formatKpiValue(best.value, unit) === formatKpiValue(worst.value, unit)
              ? // A tie as shown names no best or worst.
                `Every ${dimension} with a value is at ${formatKpiValue(best.value, unit)}` +
                (overall !== null ? ` (all: ${formatKpiValue(overall, unit)}).` : '.')
              : `Best ${dimension}: ${best.label} at ${formatKpiValue(best.value, unit)}; ` +
                `worst: ${worst.label} at ${formatKpiValue(worst.value, unit)}` +
                (overall !== null ? ` (all: ${formatKpiValue(overall, unit)}).` : '.'),
          placed
            ? 'Q1 is the best internal quartile, Q4 the worst.'
            : quartileReason
              ? `No internal quartiles (${quartileReason}), so the ${plural(dimension)} are ranked instead.`
              : '',
          sorted.length > shown.length
            ? `The chart shows the ${shown.length} ${plural(dimension)} with the most ${countWord} (of ${sorted.length}); the table lists all.`
            : '',
        ]
          .filter(Boolean)
          .join(' ');
  const legend: LegendItem[] = [
    ...(placed && !compact
      ? [
          {
            label: 'Q1 (best quartile)',
            color: 'var(--good)',
            shape: 'bar' as const,
            opacity: 0.85,
          },
          { label: 'Q2', color: 'var(--accent)', shape: 'bar' as const, opacity: 0.8 },
          { label: 'Q3', color: 'var(--accent)', shape: 'bar' as const, opacity: 0.5 },
          {
            label: 'Q4 (worst quartile)',
            color: 'var(--bad)',
            shape: 'bar' as const,
            opacity: 0.85,
          },
        ]
      : []),
    ...(overall !== null && !compact
      ? [
          {
            label: `All ${plural(dimension)} ${formatKpiValue(overall, unit)}`,
            color: 'var(--text)',
            shape: 'dashed' as const,
          },
        ]
      : []),
  ];
  const barSize = compact ? 16 : 20;
  const height = Math.max(compact ? 90 : 120, data.length * (barSize + (compact ? 12 : 16)) + 36);
  const longest = Math.max(...data.map((d) => d.label.length), 4);
  return (
    <ChartFrame
      title={title}
      hideTitle={compact}
      summary={summary}
      height={height}
      legend={legend}
      empty={data.length === 0 && `No ${plural(dimension)} in this range.`}
      table={{
        caption: `${title}, best first; Q1 = best internal quartile`,
        rows: sorted,
        rowKey: (r) => r.label,
        rowHeader: { header: capitalise(dimension), cell: (r) => r.label },
        columns: [
          { header: 'Value', numeric: true, cell: (r) => formatKpiValue(r.value, unit) },
          ...(hasStats
            ? [
                {
                  header: 'Median',
                  numeric: true,
                  cell: (r: BreakdownRow) => formatKpiValue(r.median, unit),
                },
                {
                  header: 'p90',
                  numeric: true,
                  cell: (r: BreakdownRow) => formatKpiValue(r.p90, unit),
                },
              ]
            : []),
          { header: capitalise(countWord), numeric: true, cell: (r) => formatCount(r.n) },
          {
            header: 'Quartile',
            cell: (r) =>
              r.quartile !== null
                ? `Q${r.quartile}`
                : placed
                  ? (r.excluded ?? '—')
                  : r.value !== null
                    ? `#${rankOf(r)} of ${ranked.length} (no quartiles)`
                    : '—',
          },
          !compact && {
            header: 'To the next quartile',
            cell: (r) => r.gap ?? (r.quartile === 1 ? 'best quartile' : '—'),
          },
        ],
      }}
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        layout="vertical"
        margin={{ top: 4, right: LABEL_COLUMN, bottom: 0, left: 0 }}
        barSize={barSize}
        accessibilityLayer={false}
      >
        <CartesianGrid {...grid} horizontal={false} />
        <XAxis
          type="number"
          domain={[0, 'auto']}
          {...axis}
          tickFormatter={(v: number) => formatKpiTick(v, unit)}
        />
        <YAxis
          type="category"
          dataKey="label"
          width={Math.min(160, 16 + longest * 7.2)}
          {...labelAxis}
          interval={0}
        />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          content={(props: TooltipContentProps) => (
            <SegmentTooltip {...props} unit={unit} countWord={countWord} />
          )}
        />
        {/* A zero still gets a sliver, or recharts draws no bar and so no label for it. */}
        <Bar dataKey="value" isAnimationActive={false} radius={[0, 3, 3, 0]} minPointSize={2}>
          {data.map((d) => (
            <Cell
              key={d.label}
              fill={
                d.quartile !== null
                  ? QUARTILE_FILL[d.quartile]
                  : placed
                    ? 'var(--muted)'
                    : 'var(--accent)'
              }
              fillOpacity={d.quartile !== null ? QUARTILE_OPACITY[d.quartile] : placed ? 0.45 : 0.7}
            />
          ))}
          <LabelList dataKey="tag" content={ValueLabel} />
        </Bar>
        {overall !== null && (
          <ReferenceLine
            x={overall}
            stroke="var(--text)"
            strokeDasharray="5 3"
            strokeOpacity={0.7}
            ifOverflow="extendDomain"
          />
        )}
      </BarChart>
    </ChartFrame>
  );
}

/** The width right of the plot that holds the value labels. */
const LABEL_COLUMN = 140;

/**
 * A bar's value and quartile, in one column right of the plot: beside each bar's end, the "all"
 * reference line would run through every label of a bar shorter than it.
 */
function ValueLabel({ x, y, width, height, value, parentViewBox }: LabelProps) {
  // The parent view box is the whole chart, whose right margin is the label column.
  const chart = parentViewBox as { x?: number; width?: number } | undefined;
  const left =
    chart?.x !== undefined && chart.width !== undefined
      ? chart.x + chart.width - LABEL_COLUMN + 10
      : Number(x ?? 0) + Number(width ?? 0) + 6;
  return (
    <text
      x={left}
      y={Number(y ?? 0) + Number(height ?? 0) / 2}
      dy="0.35em"
      fill="var(--text)"
      fontSize={12}
    >
      {value}
    </text>
  );
}

function SegmentTooltip({
  active,
  payload,
  unit,
  countWord,
}: TooltipContentProps & { unit: KpiUnit; countWord: string }) {
  const row = payload?.[0]?.payload as BreakdownRow | undefined;
  if (!active || !row) return null;
  const placement =
    row.quartile !== null ? `quartile Q${row.quartile}` : (row.excluded ?? 'not placed');
  return (
    <ChartTooltip
      title={row.label}
      value={formatKpiValue(row.value, unit)}
      notes={[`${formatCount(row.n)} ${countWord} · ${placement}`, row.gap]}
    />
  );
}

function compare(a: BreakdownRow, b: BreakdownRow, direction: 'higher' | 'lower'): number {
  if (a.value === null) return b.value === null ? a.label.localeCompare(b.label) : 1;
  if (b.value === null) return -1;
  return direction === 'higher' ? b.value - a.value : a.value - b.value;
}

const plural = (s: string) => (s.endsWith('s') ? s : `${s}s`);
