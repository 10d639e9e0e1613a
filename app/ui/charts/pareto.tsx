'use client';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  LabelList,
  Line,
  pattern,
  patterns,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { capitalise } from '@/lib/format/labels';
import { axis, grid, labelAxis } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { formatCount, formatPercent } from './units';

export interface ParetoRow {
  label: string;
  /** Shown under the label in the table, e.g. the category of a reason code. */
  detail?: string | null;
  count: number;
  share: number;
  cumulativeShare: number;
  /** Drawn hatched and red, and named in the key (e.g. a fulfilment error). */
  flagged?: boolean;
}

export interface ParetoProps {
  title: string;
  /** What the rows are, plural ("reason categories"). */
  itemWord: string;
  /** What is counted, plural ("returns"). */
  countWord: string;
  rows: ParetoRow[];
  /** What a flagged row is, for the key ("fulfilment error"). */
  flagLabel?: string;
  /** Rows beyond this are folded into "Other" on the chart; the table lists all. */
  maxBars?: number;
  height?: number;
  /** A heading right above names the chart. */
  hideTitle?: boolean;
}

const hatch = pattern({
  ...patterns.diagonal,
  color: 'var(--surface)',
  opacity: 0.45,
  strokeWidth: 2,
});

/** Counts sorted from most to least frequent, with the cumulative share as a line (80 % marked). */
export function Pareto({
  title,
  itemWord,
  countWord,
  rows,
  flagLabel = 'flagged',
  maxBars = 12,
  height = 300,
  hideTitle = false,
}: ParetoProps) {
  const total = rows.reduce((s, r) => s + r.count, 0);
  const head = rows.slice(0, maxBars);
  const rest = rows.slice(maxBars);
  const folded: ParetoRow[] = rest.length
    ? [
        ...head,
        {
          label: `Other (${rest.length})`,
          count: rest.reduce((s, r) => s + r.count, 0),
          share: rest.reduce((s, r) => s + r.share, 0),
          cumulativeShare: 100,
        },
      ]
    : head;
  // Two stacked series so flagged bars can be drawn differently (pattern, not colour alone).
  const data = folded.map((r) => ({
    ...r,
    plain: r.flagged ? null : r.count,
    flaggedCount: r.flagged ? r.count : null,
  }));
  const anyFlagged = data.some((r) => r.flagged);
  const vital = rows.findIndex((r) => r.cumulativeShare >= 80 - 1e-9);
  const few = vital === -1 ? rows.length : vital + 1;
  const top = rows[0];
  const summary = !top
    ? `No ${countWord} in this range.`
    : `${formatCount(total)} ${countWord} over ${rows.length} ${itemWord}. ` +
      `The most frequent, ${top.label}, accounts for ${formatPercent(top.share)}; ` +
      `${few === 1 ? 'it alone covers' : `the first ${few} together cover`} ` +
      `${formatPercent(rows[few - 1]?.cumulativeShare ?? 100)} ` +
      `(${rows
        .slice(0, Math.min(few, 4))
        .map((r) => r.label)
        .join(', ')}${few > 4 ? ', …' : ''}).`;
  const legend: LegendItem[] = [
    {
      label: `${capitalise(countWord)} per ${singular(itemWord)}`,
      color: 'var(--accent)',
      shape: 'bar',
      opacity: 0.75,
    },
    ...(anyFlagged
      ? [{ label: capitalise(flagLabel), color: 'var(--bad)', shape: 'hatched' as const }]
      : []),
    { label: 'Cumulative share (right axis)', color: 'var(--bad)', shape: 'line' },
    { label: '80 % line', color: 'var(--text)', shape: 'dotted' },
  ];
  const longest = Math.max(...data.map((d) => d.label.length), 4);
  // Angle the labels when they would not fit under their bars (a half-width panel is ~480 px).
  const angled = longest * 7.5 > 480 / Math.max(1, data.length);
  return (
    <ChartFrame
      title={title}
      hideTitle={hideTitle}
      summary={summary}
      height={height + (angled ? Math.min(70, longest * 5) : 0)}
      legend={legend}
      empty={data.length === 0 && `No ${countWord} in this range.`}
      table={{
        caption: `${title}, most frequent first`,
        rows,
        rowKey: (r) => r.label,
        rowHeader: {
          header: capitalise(singular(itemWord)),
          cell: (r) => (
            <>
              {r.label}
              {r.flagged && <span className="stat-note"> · {flagLabel}</span>}
              {r.detail && <div className="stat-note">{r.detail}</div>}
            </>
          ),
        },
        columns: [
          { header: capitalise(countWord), numeric: true, cell: (r) => formatCount(r.count) },
          { header: 'Share', numeric: true, cell: (r) => formatPercent(r.share) },
          { header: 'Cumulative', numeric: true, cell: (r) => formatPercent(r.cumulativeShare) },
        ],
      }}
    >
      <ComposedChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={data}
        margin={{ top: 18, right: 8, bottom: 0, left: 0 }}
        accessibilityLayer={false}
      >
        <CartesianGrid {...grid} vertical={false} />
        <XAxis
          dataKey="label"
          interval={0}
          {...labelAxis}
          angle={angled ? -35 : 0}
          textAnchor={angled ? 'end' : 'middle'}
          height={angled ? Math.min(90, 20 + longest * 5.5) : 30}
        />
        <YAxis yAxisId="count" {...axis} tickFormatter={(v: number) => formatCount(v)} width={52} />
        <YAxis
          yAxisId="share"
          orientation="right"
          domain={[0, 100]}
          ticks={[0, 25, 50, 80, 100]}
          {...axis}
          tickFormatter={(v: number) => `${v} %`}
          width={48}
        />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          content={(props: TooltipContentProps) => (
            <ParetoTooltip {...props} countWord={countWord} />
          )}
        />
        <ReferenceLine
          yAxisId="share"
          y={80}
          stroke="var(--text)"
          strokeOpacity={0.6}
          strokeDasharray="2 3"
        />
        <Bar
          yAxisId="count"
          dataKey="plain"
          stackId="count"
          fill="var(--accent)"
          fillOpacity={0.75}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        >
          <LabelList dataKey="plain" position="top" fill="var(--muted)" fontSize={11} />
        </Bar>
        <Bar
          yAxisId="count"
          dataKey="flaggedCount"
          stackId="count"
          fill={{ color: 'var(--bad)', definition: hatch }}
          fillOpacity={0.8}
          radius={[3, 3, 0, 0]}
          isAnimationActive={false}
        >
          <LabelList dataKey="flaggedCount" position="top" fill="var(--muted)" fontSize={11} />
        </Bar>
        <Line
          yAxisId="share"
          type="linear"
          dataKey="cumulativeShare"
          stroke="var(--bad)"
          strokeWidth={2}
          dot={{ r: 3, fill: 'var(--surface)', strokeWidth: 2 }}
          isAnimationActive={false}
        />
      </ComposedChart>
    </ChartFrame>
  );
}

function ParetoTooltip({
  active,
  payload,
  countWord,
}: TooltipContentProps & { countWord: string }) {
  const row = payload?.[0]?.payload as ParetoRow | undefined;
  if (!active || !row) return null;
  return (
    <ChartTooltip
      title={row.label}
      value={`${formatCount(row.count)} ${countWord}`}
      notes={[
        `${formatPercent(row.share)} of all · ${formatPercent(row.cumulativeShare)} cumulative`,
        row.detail,
      ]}
    />
  );
}

const singular = (s: string) =>
  s.endsWith('ies') ? `${s.slice(0, -3)}y` : s.endsWith('s') ? s.slice(0, -1) : s;
