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
  type LabelProps,
  type TooltipContentProps,
} from 'recharts';
import {
  noteDays,
  noteMarks,
  notesOfPeriod,
  placeNotes,
  type Annotation,
  type PlacedNote,
} from '@/lib/annotations/notes';
import { capitalise } from '@/lib/format/labels';
import { bandOf, type ChartBandSet } from './bands';
import { axis, grid } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import styles from './charts.module.css';
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

/** A period of a duration: its median and p90 beside the mean (`value`). */
export interface PercentilePoint extends TrendPoint {
  median?: number | null;
  p90?: number | null;
}

export interface TrendChartProps {
  title: string;
  /** The KPI's name, lower-case in the middle of a sentence ("order return rate"). */
  measure: string;
  unit: KpiUnit;
  direction: 'higher' | 'lower';
  grain: ChartGrain;
  points: PercentilePoint[];
  /** Durations: draw each period's median (p50) and p90 as lines beside the mean. */
  percentiles?: boolean;
  bands?: ChartBandSet[];
  target?: number | null;
  /** What n counts, plural ("orders", "returns"). */
  countWord?: string;
  height?: number;
  /** A heading right above names the chart. */
  hideTitle?: boolean;
  /**
   * Notes on dates (lib/annotations): each one that covers a period is marked on the chart with
   * its number (a dashed line on one period, a shaded range over several) and listed under it.
   */
  notes?: readonly Annotation[];
}

interface Row extends PercentilePoint {
  label: string;
  /** The value on the solid line: periods that are over. */
  solid: number | null;
  /** The value on the dashed line: a partial period and the period before it, which it joins. */
  dashed: number | null;
  /** "partial" on a partial period's point, drawn beside it so the dash is not the only cue. */
  mark: string | null;
  /** The median and p90 as drawn: complete periods only. */
  medianLine: number | null;
  p90Line: number | null;
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
  percentiles = false,
  bands = [],
  target = null,
  countWord = 'orders',
  height = 300,
  hideTitle = false,
  notes = [],
}: TrendChartProps) {
  // fillPeriods hands back the points it was given, and bare periods for the gaps between them.
  const filled = fillPeriods(points, grain) as PercentilePoint[];
  const rows: Row[] = filled.map((p, i) => {
    const next = filled[i + 1];
    return {
      ...p,
      label: periodLabel(p.period, grain),
      solid: p.partial ? null : p.value,
      dashed: p.partial || next?.partial ? p.value : null,
      // A partial period's percentiles are of what has shipped so far: in the table, not drawn.
      medianLine: p.partial ? null : (p.median ?? null),
      p90Line: p.partial ? null : (p.p90 ?? null),
      mark: p.partial && p.value !== null ? 'partial' : null,
    };
  });
  const anyPartial = rows.some((r) => r.partial);
  const placed = placeNotes(
    notes,
    rows.map((r) => r.period),
    grain,
  );
  const labelOf = new Map(rows.map((r) => [r.period, r.label]));
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
      ...(percentiles ? rows.flatMap((r) => [r.medianLine, r.p90Line]) : []),
      ...lines.map((l) => l.y),
      ...(shaded?.areas.flatMap((a) => [a.y1, a.y2]) ?? []),
      target,
    ],
    unit,
  );
  const summary =
    trendSummary(rows, { measure, unit, direction, grain, target, bands }) +
    (percentiles ? ` ${percentileSummary(rows, unit, grain)}` : '') +
    (placed.length
      ? ` ${placed.length === 1 ? 'One note' : `${placed.length} notes`} on this range: ${placed
          .map((p) => `${p.number}. ${noteDays(p.annotation)}: ${p.annotation.note}`)
          .join(' ')}`
      : '');
  // The percentile lines are labelled at their last point, so the key is not the only cue.
  const lastValued = rows.findLastIndex((r) => r.medianLine !== null || r.p90Line !== null);
  const legend: LegendItem[] = [
    {
      label: `${percentiles ? 'Mean' : title} (${grainWords[grain]})`,
      color: 'var(--accent)',
      shape: 'line',
    },
    ...(percentiles
      ? [
          { label: 'Median (p50), dotted', color: 'var(--text)', shape: 'dotted' as const },
          { label: 'p90, long dashes', color: 'var(--muted)', shape: 'dashed' as const },
        ]
      : []),
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
    ...(placed.length
      ? [
          {
            label: 'Numbered marks: notes on dates, listed under the chart',
            color: 'var(--warn-border)',
            shape: 'dashed' as const,
          },
        ]
      : []),
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
    <>
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
            {
              header: percentiles ? 'Mean' : 'Value',
              numeric: true,
              cell: (r) => formatKpiValue(r.value, unit),
            },
            percentiles && {
              header: 'Median (p50)',
              numeric: true,
              cell: (r) => formatKpiValue(r.median ?? null, unit),
            },
            percentiles && {
              header: 'p90',
              numeric: true,
              cell: (r) => formatKpiValue(r.p90 ?? null, unit),
            },
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
            placed.length > 0 && {
              header: 'Notes',
              cell: (r) =>
                notesOfPeriod(placed, r.period)
                  .map((p) => `${p.number}. ${p.annotation.note}`)
                  .join('; ') || '—',
            },
          ],
        }}
      >
        <ComposedChart
          responsive
          style={{ width: '100%', height: '100%' }}
          data={rows}
          margin={{ top: 8, right: percentiles ? 40 : 16, bottom: 0, left: 0 }}
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
          {noteMarks(placed).map((m) =>
            m.first === m.last ? (
              <ReferenceLine
                key={`note-${m.first}-${m.last}`}
                x={labelOf.get(m.first)}
                stroke="var(--warn-border)"
                strokeWidth={2}
                strokeDasharray="4 3"
                label={noteLabel(m.numbers)}
              />
            ) : (
              <ReferenceArea
                key={`note-${m.first}-${m.last}`}
                x1={labelOf.get(m.first)}
                x2={labelOf.get(m.last)}
                fill="var(--warn-border)"
                fillOpacity={0.1}
                stroke="var(--warn-border)"
                strokeDasharray="4 3"
                label={noteLabel(m.numbers)}
              />
            ),
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
                placed={placed}
              />
            )}
          />
          {percentiles && (
            <Line
              type="linear"
              dataKey="p90Line"
              stroke="var(--muted)"
              strokeWidth={1.75}
              strokeDasharray="9 4"
              dot={false}
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            >
              <LabelList
                dataKey="p90Line"
                content={(p) => (
                  <EndLabel {...p} last={lastValued} text="p90" fill="var(--muted)" />
                )}
              />
            </Line>
          )}
          {percentiles && (
            <Line
              type="linear"
              dataKey="medianLine"
              stroke="var(--text)"
              strokeOpacity={0.8}
              strokeWidth={2}
              strokeDasharray="1 4"
              strokeLinecap="round"
              dot={false}
              activeDot={{ r: 4 }}
              connectNulls={false}
              isAnimationActive={false}
            >
              <LabelList
                dataKey="medianLine"
                content={(p) => <EndLabel {...p} last={lastValued} text="p50" fill="var(--text)" />}
              />
            </Line>
          )}
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
      {placed.length > 0 && (
        <ol className={styles.notes} aria-label={`Notes on ${title}`}>
          {placed.map((p) => (
            <li key={p.annotation.id} value={p.number}>
              <span className={styles.noteDays}>{noteDays(p.annotation)}</span> {p.annotation.note}
              {p.annotation.kpi === null && <span className={styles.noteScope}> · all KPIs</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

/**
 * The notes' numbers in a badge at the top of their mark, so the list under the chart names them
 * (the badge, not the colour, says it is a note).
 */
function noteLabel(numbers: number[]) {
  const text = numbers.join(', ');
  const width = 12 + text.length * 7;
  return {
    content: ({ viewBox }: { viewBox?: unknown }) => {
      const box = viewBox as { x?: number; y?: number; width?: number } | undefined;
      if (box?.x === undefined || box.y === undefined) return null;
      const cx = box.x + (box.width ?? 0) / 2;
      return (
        <g>
          <rect
            x={cx - width / 2}
            y={box.y + 2}
            width={width}
            height={18}
            rx={9}
            fill="var(--warn-bg)"
            stroke="var(--warn-border)"
          />
          <text
            x={cx}
            y={box.y + 11}
            dy="0.35em"
            textAnchor="middle"
            fill="var(--warn-text)"
            fontSize={12}
            fontWeight={700}
          >
            {text}
          </text>
        </g>
      );
    },
  };
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
  placed,
}: TooltipContentProps & {
  unit: KpiUnit;
  grain: ChartGrain;
  countWord: string;
  bands: ChartBandSet[];
  target: number | null;
  direction: 'higher' | 'lower';
  placed: PlacedNote[];
}) {
  const row = payload?.[0]?.payload as Row | undefined;
  if (!active || !row) return null;
  return (
    <ChartTooltip
      title={periodLabel(row.period, grain, true)}
      value={formatKpiValue(row.value, unit)}
      notes={[
        `${formatCount(row.n)} ${countWord}`,
        row.median != null && `Median (p50) ${formatKpiValue(row.median, unit)}`,
        row.p90 != null && `p90 ${formatKpiValue(row.p90, unit)}`,
        row.partial && periodState(row),
        ...(row.value === null
          ? []
          : bands.map((b) => {
              const band = bandOf(row.value!, b);
              return band && `${band.label} · ${b.title}`;
            })),
        target !== null && `Target: ${targetWord(row.value, target, direction)}`,
        ...notesOfPeriod(placed, row.period).map((p) => `Note ${p.number}: ${p.annotation.note}`),
      ]}
    />
  );
}

/** The name of a percentile line at its last point: the line says what it is, not only its dash. */
function EndLabel({
  x,
  y,
  index,
  last,
  text,
  fill,
}: LabelProps & { index?: number; last: number; text: string; fill: string }) {
  if (index !== last || x === undefined || y === undefined) return null;
  return (
    <text x={Number(x) + 6} y={Number(y)} dy="0.35em" fill={fill} fontSize={11} fontWeight={600}>
      {text}
    </text>
  );
}

/** The median and p90 lines in words: where they start and end. */
function percentileSummary(rows: Row[], unit: KpiUnit, grain: ChartGrain): string {
  const done = rows.filter((r) => !r.partial && r.median != null && r.p90 != null);
  const first = done[0];
  const last = done.at(-1);
  if (!first || !last) return 'No median or p90 to draw.';
  const at = (r: Row) => periodLabel(r.period, grain, true).replace(/^Week/, 'the week');
  return first === last
    ? `Median (p50) ${formatKpiValue(first.median!, unit)} and p90 ${formatKpiValue(first.p90!, unit)} in ${at(first)}.`
    : `The median (p50) went from ${formatKpiValue(first.median!, unit)} to ${formatKpiValue(last.median!, unit)} and the p90 from ${formatKpiValue(first.p90!, unit)} to ${formatKpiValue(last.p90!, unit)} between ${at(first)} and ${at(last)}.`;
}

/** 0 = best tone (green) … 4 = worst (red); the middle bands share the accent. */
function bandTone(rank: number, count: number): number {
  if (rank === 1) return 0;
  if (rank === count) return 4;
  return 2;
}
