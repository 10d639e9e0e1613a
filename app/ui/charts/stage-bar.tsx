'use client';
import {
  Bar,
  BarChart,
  LabelList,
  pattern,
  patterns,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type LabelProps,
  type TooltipContentProps,
} from 'recharts';
import { axis, labelAxis } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { stageNames } from './stage-names';
import { formatCount, formatKpiTick, formatKpiValue } from './units';

export interface StageInput {
  stage: 'entry' | 'release' | 'ship' | 'delivery';
  label: string;
  meanHours: number | null;
  medianHours: number | null;
  n: number;
}

/** The cycle's stages, all on the same orders, and delivery after the cycle (lib/kpi CycleStages). */
export interface StagesInput {
  counted: number;
  orders: number;
  cycleMeanHours: number | null;
  cycleMedianHours: number | null;
  inCycle: StageInput[];
  delivery: StageInput;
}

export interface StageBarProps {
  title: string;
  stages: StagesInput;
  height?: number;
}

const LOOK: Record<
  StageInput['stage'],
  { fill: string; opacity: number; shape: LegendItem['shape'] }
> = {
  entry: { fill: 'var(--muted)', opacity: 0.55, shape: 'bar' },
  release: { fill: 'var(--accent)', opacity: 0.45, shape: 'bar' },
  ship: { fill: 'var(--accent)', opacity: 0.9, shape: 'bar' },
  delivery: { fill: 'var(--good)', opacity: 0.4, shape: 'hatched' },
};

/** Delivery lies outside the shipment cycle time: hatched, not only another colour. */
const hatch = pattern({
  ...patterns.diagonal,
  color: 'var(--surface)',
  opacity: 0.55,
  strokeWidth: 2,
});

/**
 * Where the time goes: the mean hours of entry, release and pick, pack & ship stacked into the
 * mean cycle time (they add up to it, being measured on the same orders), a line where the cycle
 * ends at final shipment, and delivery stacked after it, hatched, as what the customer waits on
 * beyond the cycle. Medians do not add up, so they are not stacked: the table lists them.
 */
export function StageBar({ title, stages, height = 150 }: StageBarProps) {
  const { inCycle, delivery, cycleMeanHours, orders, counted } = stages;
  const all = [...inCycle, delivery];
  // Two rows of one stack: the cycle's stages, then, on a row of its own, delivery starting where
  // the cycle ends (an invisible offset), so it reads as what follows, not as a fourth stage.
  const zero = Object.fromEntries(all.map((s) => [s.stage, 0]));
  const rows = [
    {
      measure: 'Cycle',
      ...zero,
      ...Object.fromEntries(inCycle.map((s) => [s.stage, s.meanHours ?? 0])),
      offset: 0,
    },
    {
      measure: 'Then',
      ...zero,
      offset: cycleMeanHours ?? 0,
      delivery: delivery.meanHours ?? 0,
    },
  ];
  const everyOrder =
    orders === counted
      ? `all ${formatCount(orders)} orders counted, which have`
      : `the ${formatCount(orders)} of ${formatCount(counted)} orders counted that have`;
  const cycleWords = inCycle
    .map((s) => `${stageNames[s.stage].toLowerCase()} ${formatKpiValue(s.meanHours, 'hours')}`)
    .join(' + ');
  const summary =
    orders === 0 || cycleMeanHours === null
      ? 'No order counted has every timestamp of the cycle (order, entry, release, final shipment), so the time cannot be split into stages.'
      : `On ${everyOrder} every timestamp of the cycle: ${cycleWords} = ${formatKpiValue(cycleMeanHours, 'hours')}, ` +
        'their mean cycle time. ' +
        (delivery.meanHours !== null
          ? `After the cycle ends at final shipment, delivery takes ${formatKpiValue(delivery.meanHours, 'hours')} more on average (${formatCount(delivery.n)} of them delivered).`
          : 'None of them has a delivery date, so the time after the cycle is unknown.');
  const legend: LegendItem[] = [
    ...all.map((s) => ({
      label: `${stageNames[s.stage]}: ${s.label}`,
      color: LOOK[s.stage].fill,
      shape: LOOK[s.stage].shape,
      opacity: LOOK[s.stage].shape === 'bar' ? LOOK[s.stage].opacity : undefined,
    })),
    { label: 'Final shipment: the cycle ends', color: 'var(--text)', shape: 'dashed' },
  ];
  return (
    <ChartFrame
      title={title}
      summary={summary}
      height={height}
      legend={legend}
      empty={
        (orders === 0 || cycleMeanHours === null) &&
        'No order has every timestamp of the cycle in this range.'
      }
      table={{
        caption: `${title}: mean and median hours per stage`,
        rows: [...inCycle, 'cycle' as const, delivery],
        rowKey: (s) => (s === 'cycle' ? 'cycle' : s.stage),
        rowHeader: {
          header: 'Stage',
          cell: (s) =>
            s === 'cycle' ? (
              <strong>Cycle time (the stages above added up)</strong>
            ) : (
              <>
                {stageNames[s.stage]}
                <div className="stat-note">{s.label}</div>
              </>
            ),
        },
        columns: [
          {
            header: 'Mean',
            numeric: true,
            cell: (s) => formatKpiValue(s === 'cycle' ? cycleMeanHours : s.meanHours, 'hours'),
          },
          {
            header: 'Median',
            numeric: true,
            cell: (s) =>
              formatKpiValue(s === 'cycle' ? stages.cycleMedianHours : s.medianHours, 'hours'),
          },
          {
            header: 'Orders',
            numeric: true,
            cell: (s) => formatCount(s === 'cycle' ? orders : s.n),
          },
        ],
      }}
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={rows}
        layout="vertical"
        margin={{ top: 22, right: 16, bottom: 0, left: 0 }}
        barSize={34}
        accessibilityLayer={false}
      >
        <XAxis type="number" {...axis} tickFormatter={(v: number) => formatKpiTick(v, 'hours')} />
        <YAxis type="category" dataKey="measure" width={48} {...labelAxis} />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          content={(props: TooltipContentProps) => <StageTooltip {...props} stages={stages} />}
        />
        {all.map((s) => [
          s.stage === 'delivery' && (
            <Bar
              key="offset"
              dataKey="offset"
              stackId="stages"
              fill="transparent"
              isAnimationActive={false}
              legendType="none"
            />
          ),
          <Bar
            key={s.stage}
            dataKey={s.stage}
            name={stageNames[s.stage]}
            stackId="stages"
            fill={
              s.stage === 'delivery'
                ? { color: LOOK[s.stage].fill, definition: hatch }
                : LOOK[s.stage].fill
            }
            fillOpacity={LOOK[s.stage].opacity}
            stroke="var(--surface)"
            strokeWidth={1}
            isAnimationActive={false}
          >
            <LabelList
              dataKey={s.stage}
              content={(p) => (
                <SegmentLabel
                  {...p}
                  name={s.stage === 'delivery' ? 'Delivery, after the cycle:' : stageNames[s.stage]}
                />
              )}
            />
          </Bar>,
        ])}
        {cycleMeanHours !== null && (
          <ReferenceLine
            x={cycleMeanHours}
            stroke="var(--text)"
            strokeWidth={2}
            strokeDasharray="5 3"
            label={{
              value: `Final shipment: cycle ends at ${formatKpiTick(cycleMeanHours, 'hours')}`,
              position: 'top',
              fill: 'var(--text)',
              fontSize: 12,
            }}
          />
        )}
      </BarChart>
    </ChartFrame>
  );
}

/** The hours inside a segment, with the stage name when there is room; nothing when too narrow. */
function SegmentLabel({ x, y, width, height, value, name }: LabelProps & { name: string }) {
  const w = Number(width ?? 0);
  const v = Number(value ?? 0);
  if (!(w > 34) || !(v > 0)) return null;
  const cx = Number(x ?? 0) + w / 2;
  const cy = Number(y ?? 0) + Number(height ?? 0) / 2;
  const text =
    w > name.length * 7 + 60 ? `${name} ${formatKpiTick(v, 'hours')}` : formatKpiTick(v, 'hours');
  return (
    <text
      x={cx}
      y={cy}
      dy="0.35em"
      textAnchor="middle"
      fill="var(--text)"
      fontSize={12}
      fontWeight={600}
    >
      {text}
    </text>
  );
}

function StageTooltip({ active, stages }: TooltipContentProps & { stages: StagesInput }) {
  if (!active) return null;
  return (
    <ChartTooltip
      title="Mean hours per stage"
      notes={[
        ...stages.inCycle.map(
          (s) => `${stageNames[s.stage]}: ${formatKpiValue(s.meanHours, 'hours')}`,
        ),
        `= cycle time ${formatKpiValue(stages.cycleMeanHours, 'hours')}`,
        `then delivery: ${formatKpiValue(stages.delivery.meanHours, 'hours')} (after the cycle)`,
      ]}
    />
  );
}
