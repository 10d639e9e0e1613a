'use client';
import type { Distribution } from '@/lib/kpi/types';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { capitalise } from '@/lib/format/labels';
import { axis, grid } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import {
  countTicks,
  formatCount,
  formatKpiTick,
  formatKpiValue,
  formatPercent,
  type KpiUnit,
} from './units';

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface HistogramProps {
  title: string;
  unit: KpiUnit;
  /** The KPI engine's distribution: histogram bins, percentiles, mean and maximum. */
  distribution: Pick<Distribution, 'median' | 'p90' | 'p95' | 'mean' | 'max'> & {
    histogram: HistogramBin[];
  };
  /** What is counted, plural ("orders"). */
  countWord?: string;
  /** What the 90 % do, e.g. "ship within" / "are credited within". */
  within?: string;
  height?: number;
  /** A heading right above names the chart. */
  hideTitle?: boolean;
}

interface Row extends HistogramBin {
  mid: number;
  tail: boolean;
  share: number;
  /** Above the tail bar only: what it holds. */
  tailLabel: string;
}

const MARKERS = [
  { key: 'median', label: 'p50', dash: undefined, width: 2 },
  { key: 'p90', label: 'p90', dash: '6 3', width: 2 },
  { key: 'p95', label: 'p95', dash: '2 3', width: 2 },
] as const;

/**
 * A duration's distribution: bins of equal width on a numeric axis, the long tail folded into the
 * last bin (shown as "≥ x"), with the median, p90 and p95 marked.
 */
export function Histogram({
  title,
  unit,
  distribution,
  countWord = 'orders',
  within = 'within',
  height = 260,
  hideTitle = false,
}: HistogramProps) {
  const { histogram: bins, median, p90, p95, mean, max } = distribution;
  const total = bins.reduce((s, b) => s + b.count, 0);
  const width = bins.length > 1 ? bins[0]!.to - bins[0]!.from : (bins[0]?.to ?? 1);
  const rows: Row[] = bins.map((b, i) => {
    const tail = i === bins.length - 1 && bins.length > 1 && b.to - b.from > width * 1.001;
    return {
      ...b,
      // The tail bin is drawn at the regular width; its label says what it holds.
      mid: b.from + width / 2,
      tail,
      share: total ? (100 * b.count) / total : 0,
      tailLabel: tail ? `${formatKpiTick(b.from, unit)}+` : '',
    };
  });
  const top = rows.length ? rows.at(-1)!.from + width : 1;
  const values = { median, p90, p95 };
  const markers = MARKERS.flatMap((m) => {
    const v = values[m.key];
    return v === null ? [] : [{ ...m, value: v }];
  });
  const tail = rows.find((r) => r.tail);
  const yTicks = countTicks(Math.max(0, ...rows.map((r) => r.count)));
  const u = unit === 'hours' ? 'h' : unit === 'days' ? 'days' : '';
  const summary =
    median === null
      ? 'No values to describe.'
      : [
          `Median ${formatKpiValue(median, unit)}`,
          p90 !== null ? `90% of ${countWord} ${within} ${formatKpiValue(p90, unit)}` : null,
          p95 !== null ? `95% ${within} ${formatKpiValue(p95, unit)}` : null,
          mean !== null
            ? `mean ${formatKpiValue(mean, unit)} over ${formatCount(total)} ${countWord}`
            : null,
        ]
          .filter(Boolean)
          .join('; ') +
        '.' +
        (tail
          ? ` The last bar holds the long tail: ${formatCount(tail.count)} ${countWord} took ${formatKpiTick(tail.from, unit)} or more${max !== null ? `, the longest ${formatKpiValue(max, unit)}` : ''}.`
          : '');
  const legend: LegendItem[] = [
    {
      label: `${capitalise(countWord)} per ${formatKpiTick(width, unit)} bin`,
      color: 'var(--accent)',
      shape: 'bar',
    },
    ...markers.map((m) => ({
      label: `${m.label} ${formatKpiValue(m.value, unit)}`,
      color: 'var(--text)',
      shape: (m.dash === undefined
        ? 'line'
        : m.dash === '6 3'
          ? 'dashed'
          : 'dotted') as LegendItem['shape'],
    })),
  ];
  return (
    <ChartFrame
      title={title}
      hideTitle={hideTitle}
      summary={summary}
      height={height}
      legend={legend}
      empty={total === 0 && 'No values in this range.'}
      table={{
        caption: `${title}: ${countWord} per bin`,
        rows,
        rowKey: (r) => r.from,
        rowHeader: { header: `Range (${u || 'value'})`, cell: (r) => rangeLabel(r, unit) },
        columns: [
          { header: capitalise(countWord), numeric: true, cell: (r) => formatCount(r.count) },
          { header: 'Share', numeric: true, cell: (r) => formatPercent(r.share) },
        ],
      }}
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={rows}
        margin={{ top: 22, right: 16, bottom: 0, left: 0 }}
        barCategoryGap={1}
        accessibilityLayer={false}
      >
        <CartesianGrid {...grid} vertical={false} />
        <XAxis
          dataKey="mid"
          type="number"
          domain={[0, top]}
          ticks={ticksOf(rows, width, !!tail)}
          tickFormatter={(v: number) => formatKpiTick(v, unit)}
          {...axis}
          allowDataOverflow
        />
        <YAxis
          ticks={yTicks}
          domain={[0, yTicks.at(-1) ?? 'auto']}
          {...axis}
          tickFormatter={(v: number) => formatCount(v)}
          width={56}
        />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          content={(props: TooltipContentProps) => (
            <BinTooltip {...props} unit={unit} countWord={countWord} />
          )}
        />
        <Bar dataKey="count" fill="var(--accent)" fillOpacity={0.75} isAnimationActive={false}>
          <LabelList
            dataKey="tailLabel"
            content={({ x, y, width, value }) =>
              value ? (
                <text
                  x={Number(x) + Number(width) / 2}
                  y={Number(y) - 6}
                  textAnchor="middle"
                  fill="var(--muted)"
                  fontSize={11}
                >
                  {String(value)}
                </text>
              ) : null
            }
          />
        </Bar>
        {markers.map((m, i) => (
          <ReferenceLine
            key={m.key}
            x={Math.min(m.value, top)}
            stroke="var(--text)"
            strokeWidth={m.width}
            strokeDasharray={m.dash}
            ifOverflow="extendDomain"
            label={{
              value: `${m.label} ${formatKpiTick(m.value, unit)}`,
              position: 'top',
              fill: 'var(--text)',
              fontSize: 11,
              fontWeight: 600,
              dy: i % 2 ? 12 : 0,
              dx: 4,
              textAnchor: 'start',
            }}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}

function BinTooltip({
  active,
  payload,
  unit,
  countWord,
}: TooltipContentProps & { unit: KpiUnit; countWord: string }) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <ChartTooltip
      title={rangeLabel(row, unit)}
      value={`${formatCount(row.count)} ${countWord}`}
      notes={[`${formatPercent(row.share)} of all`]}
    />
  );
}

function rangeLabel(r: Row, unit: KpiUnit): string {
  if (r.tail) return `${formatKpiTick(r.from, unit)} or more (up to ${formatKpiTick(r.to, unit)})`;
  return `${formatKpiTick(r.from, unit)} to under ${formatKpiTick(r.to, unit)}`;
}

/** Bin edges as ticks, thinned to about eight. */
function ticksOf(rows: Row[], width: number, tail: boolean): number[] {
  const edges = rows.map((r) => r.from);
  // With a tail bin, its right edge would claim a maximum it does not have.
  if (rows.length && !tail) edges.push(rows.at(-1)!.from + width);
  const every = Math.max(1, Math.ceil(edges.length / 8));
  return edges.filter((_, i) => i % every === 0);
}
