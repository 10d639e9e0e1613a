'use client';
import {
  CartesianGrid,
  ComposedChart,
  LabelList,
  Line,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { capitalise } from '@/lib/format/labels';
import { bandOf, type ChartBandSet } from './bands';
import { axis, grid } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { fillPeriods, yScale, type TrendPoint } from './scale';
import { periodState, targetWord, trendSummary } from './trend-text';
import {
  formatCount,
  formatKpiTick,
  formatKpiValue,
  grainWords,
  periodLabel,
  type ChartGrain,
  type KpiUnit,
} from './units';

export type { TrendPoint };

export interface TrendChartProps {
  title: string;
  /** The KPI's name, lower-case in the middle of a sentence ("order return rate"). */
  measure: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  grain: ChartGrain;
  points: TrendPoint[];
  bands?: ChartBandSet[];
  target?: number | null;
  /** What n counts, plural ("orders", "returns"). */
  countWord?: string;
  height?: number;
  /** A heading right above names the chart. */
  hideTitle?: boolean;
}

interface Row extends TrendPoint {
  label: string;
  /** The value on the solid line: periods that are over. */
  solid: number | null;
  /** The value on the dashed line: a partial period and the period before it, which it joins. */
  dashed: number | null;
  /** "partial" on a partial period's point, drawn beside it so the dash is not the only cue. */
  mark: string | null;
}

const BAND_FILL = ['var(--good)', 'var(--accent)', 'var(--accent)', 'var(--accent)', 'var(--bad)'];

/** A KPI over time, with the benchmark bands shaded behind it and the target as a line. */
export function TrendChart({
  title,
  measure,
  unit,
  direction,
  grain,
  points,
  bands = [],
  target = null,
  countWord = 'orders',
  height = 300,
  hideTitle = false,
}: TrendChartProps) {
  const filled = fillPeriods(points, grain);
  const rows: Row[] = filled.map((p, i) => {
    const next = filled[i + 1];
    return {
      ...p,
      label: periodLabel(p.period, grain),
      solid: p.partial ? null : p.value,
      dashed: p.partial || next?.partial ? p.value : null,
      mark: p.partial && p.value !== null ? 'partial' : null,
    };
  });
  const anyPartial = rows.some((r) => r.partial);
  const shaded = bands.find((b) => b.areas.length > 0);
  // Sets beyond the first shaded one show their boundaries as lines, so areas never overlap.
  const lines = bands.flatMap((b) =>
    b === shaded
      ? b.lines.map((l) => ({ ...l, set: b.title }))
      : [
          ...b.lines.map((l) => ({ ...l, set: b.title })),
          ...b.areas.flatMap((a) =>
            a.y1 !== null ? [{ y: a.y1, label: `${a.label} from`, set: b.title }] : [],
          ),
        ],
  );
  const { domain, ticks } = yScale(
    [
      ...rows.map((r) => r.value),
      ...lines.map((l) => l.y),
      ...(shaded?.areas.flatMap((a) => [a.y1, a.y2]) ?? []),
      target,
    ],
    unit,
  );
  const summary = trendSummary(rows, { measure, unit, direction, grain, target, bands });
  const legend: LegendItem[] = [
    { label: `${title} (${grainWords[grain]})`, color: 'var(--accent)', shape: 'line' },
    ...(target !== null
      ? [
          {
            label: `Target ${formatKpiValue(target, unit)}`,
            color: 'var(--good)',
            shape: 'dashed' as const,
          },
        ]
      : []),
    ...(shaded
      ? [{ label: `Shaded: ${shaded.title} bands`, color: 'var(--accent)', shape: 'area' as const }]
      : []),
    ...lines.map((l) => ({
      label: `${l.set}: ${l.label}`,
      color: 'var(--text)',
      shape: 'dotted' as const,
    })),
    ...(anyPartial
      ? [
          {
            label: 'Dashed, hollow point marked “partial”: a period not over in the data',
            color: 'var(--accent)',
            shape: 'dashed' as const,
          },
        ]
      : []),
  ];
  const valued = rows.filter((r) => r.value !== null);
  return (
    <ChartFrame
      title={title}
      hideTitle={hideTitle}
      summary={summary}
      height={height}
      legend={legend}
      empty={valued.length === 0 && 'No values in this range.'}
      table={{
        caption: `${title}, ${grainWords[grain]}`,
        rows,
        rowKey: (r) => r.period,
        rowHeader: { header: 'Period', cell: (r) => periodLabel(r.period, grain, true) },
        columns: [
          { header: 'Value', numeric: true, cell: (r) => formatKpiValue(r.value, unit) },
          { header: capitalise(countWord), numeric: true, cell: (r) => formatCount(r.n) },
          shaded && {
            header: `Band (${shaded.title})`,
            cell: (r) => (r.value === null ? '—' : (bandOf(r.value, shaded)?.label ?? '—')),
          },
          target !== null && {
            header: 'Target',
            cell: (r) => targetWord(r.value, target, direction),
          },
          anyPartial && { header: 'Period state', cell: periodState },
        ],
      }}
    >
      <ComposedChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={rows}
        margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...grid} vertical={false} />
        {shaded?.areas.map((a) => (
          <ReferenceArea
            key={a.label}
            y1={a.y1 ?? domain[0]}
            y2={a.y2 ?? domain[1]}
            ifOverflow="hidden"
            fill={BAND_FILL[bandTone(a.rank, shaded.bandCount)]}
            fillOpacity={a.rank % 2 ? 0.12 : 0.06}
            stroke="none"
            label={{
              value: a.label,
              position: 'insideTopRight',
              fill: 'var(--muted)',
              fontSize: 11,
            }}
          />
        ))}
        <XAxis dataKey="label" {...axis} minTickGap={12} />
        <YAxis
          domain={domain}
          ticks={ticks}
          allowDataOverflow
          {...axis}
          tickFormatter={(v: number) => formatKpiTick(v, unit)}
          width={64}
        />
        {lines.map((l) => (
          <ReferenceLine
            key={`${l.set}-${l.y}-${l.label}`}
            y={l.y}
            ifOverflow="hidden"
            stroke="var(--text)"
            strokeOpacity={0.6}
            strokeDasharray="2 3"
            label={{
              value: l.label,
              position: 'insideBottomLeft',
              fill: 'var(--muted)',
              fontSize: 11,
            }}
          />
        ))}
        {target !== null && (
          <ReferenceLine
            y={target}
            stroke="var(--good)"
            strokeWidth={2}
            strokeDasharray="6 4"
            label={{
              value: `Target ${formatKpiValue(target, unit)}`,
              position: 'insideTopLeft',
              fill: 'var(--good)',
              fontSize: 11,
              fontWeight: 600,
            }}
          />
        )}
        <Tooltip
          cursor={{ stroke: 'var(--muted)', strokeDasharray: '3 3' }}
          content={(props: TooltipContentProps) => (
            <TrendTooltip
              {...props}
              unit={unit}
              grain={grain}
              countWord={countWord}
              bands={bands}
              target={target}
              direction={direction}
            />
          )}
        />
        <Line
          type="linear"
          dataKey="solid"
          stroke="var(--accent)"
          strokeWidth={2.5}
          dot={
            rows.length <= 60
              ? { r: 3, fill: 'var(--surface)', strokeWidth: 2 }
              : { r: 1.5, fill: 'var(--accent)', strokeWidth: 0 }
          }
          activeDot={{ r: 5 }}
          connectNulls={false}
          isAnimationActive={false}
        />
        {anyPartial && (
          <Line
            type="linear"
            dataKey="dashed"
            stroke="var(--accent)"
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={(props: { cx?: number; cy?: number; index?: number }) => (
              <circle
                key={`partial-${props.index}`}
                cx={props.cx}
                cy={props.cy}
                r={rows[props.index ?? -1]?.partial ? 5 : 0}
                fill="var(--surface)"
                stroke="var(--accent)"
                strokeWidth={2}
              />
            )}
            activeDot={{ r: 5 }}
            connectNulls={false}
            isAnimationActive={false}
            legendType="none"
          >
            <LabelList dataKey="mark" position="top" fill="var(--muted)" fontSize={11} />
          </Line>
        )}
      </ComposedChart>
    </ChartFrame>
  );
}

function TrendTooltip({
  active,
  payload,
  unit,
  grain,
  countWord,
  bands,
  target,
  direction,
}: TooltipContentProps & {
  unit: KpiUnit;
  grain: ChartGrain;
  countWord: string;
  bands: ChartBandSet[];
  target: number | null;
  direction: 'higher' | 'lower';
}) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <ChartTooltip
      title={periodLabel(row.period, grain, true)}
      value={formatKpiValue(row.value, unit)}
      notes={[
        `${formatCount(row.n)} ${countWord}`,
        row.partial && periodState(row),
        ...(row.value === null
          ? []
          : bands.map((b) => {
              const band = bandOf(row.value!, b);
              return band && `${band.label} · ${b.title}`;
            })),
        target !== null && `Target: ${targetWord(row.value, target, direction)}`,
      ]}
    />
  );
}

/** 0 = best tone (green) … 4 = worst (red); the middle bands share the accent. */
function bandTone(rank: number, count: number): number {
  if (rank === 1) return 0;
  if (rank === count) return 4;
  return 2;
}
