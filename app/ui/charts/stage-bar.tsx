'use client';
import {
  Bar,
  BarChart,
  LabelList,
  pattern,
  patterns,
  Tooltip,
  XAxis,
  YAxis,
  type LabelProps,
  type TooltipContentProps,
} from 'recharts';
import { axis, labelAxis } from './chart-axes';
import { ChartFrame, type LegendItem } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { formatCount, formatKpiTick, formatKpiValue } from './units';

export interface StageInput {
  stage: 'entry' | 'release' | 'ship' | 'delivery';
  label: string;
  meanHours: number | null;
  medianHours: number | null;
  n: number;
}

export interface StageBarProps {
  title: string;
  stages: StageInput[];
  height?: number;
}

const LOOK: Record<
  StageInput['stage'],
  { name: string; fill: string; opacity: number; shape: LegendItem['shape'] }
> = {
  entry: { name: 'Entry', fill: 'var(--muted)', opacity: 0.55, shape: 'bar' },
  release: { name: 'Release', fill: 'var(--accent)', opacity: 0.45, shape: 'bar' },
  ship: { name: 'Pick, pack & ship', fill: 'var(--accent)', opacity: 0.9, shape: 'bar' },
  delivery: { name: 'Delivery', fill: 'var(--good)', opacity: 0.55, shape: 'hatched' },
};

/** Delivery lies outside the shipment cycle time: hatched, not only another colour. */
const hatch = pattern({
  ...patterns.diagonal,
  color: 'var(--surface)',
  opacity: 0.55,
  strokeWidth: 2,
});

/**
 * Where the time goes: order → entry → release → final shipment → delivery, as one stacked bar
 * for the mean and one for the median hours of each stage, every segment labelled.
 */
export function StageBar({ title, stages, height = 150 }: StageBarProps) {
  const present = stages.filter((s) => s.meanHours !== null);
  const rows = (['mean', 'median'] as const).map((measure) => ({
    measure: measure === 'mean' ? 'Mean' : 'Median',
    ...Object.fromEntries(
      stages.map((s) => [s.stage, (measure === 'mean' ? s.meanHours : s.medianHours) ?? 0]),
    ),
  }));
  const toShip = stages
    .filter((s) => s.stage !== 'delivery')
    .reduce((sum, s) => sum + (s.meanHours ?? 0), 0);
  const slowest = [...present].sort((a, b) => (b.meanHours ?? 0) - (a.meanHours ?? 0))[0];
  const summary = !present.length
    ? 'No stage has both of its timestamps in this range.'
    : `${present
        .map((s) => `${LOOK[s.stage].name} ${formatKpiValue(s.meanHours, 'hours')}`)
        .join(' → ')} on average. ` +
      (slowest
        ? `The longest stage is ${LOOK[slowest.stage].name.toLowerCase()} (${formatKpiValue(slowest.meanHours, 'hours')}). `
        : '') +
      `Order to final shipment adds up to about ${formatKpiValue(toShip, 'hours')}; ` +
      'each stage averages over the orders that have both of its timestamps, so the sum differs slightly from the cycle time.';
  const legend: LegendItem[] = stages.map((s) => ({
    label: `${LOOK[s.stage].name}: ${s.label}`,
    color: LOOK[s.stage].fill,
    shape: LOOK[s.stage].shape,
    opacity: LOOK[s.stage].shape === 'bar' ? LOOK[s.stage].opacity : undefined,
  }));
  return (
    <ChartFrame
      title={title}
      summary={summary}
      height={height}
      legend={legend}
      empty={!present.length && 'No stage timestamps in this range.'}
      table={{
        caption: `${title}, hours per stage`,
        rows: stages,
        rowKey: (s) => s.stage,
        rowHeader: {
          header: 'Stage',
          cell: (s) => (
            <>
              {LOOK[s.stage].name}
              <div className="stat-note">{s.label}</div>
            </>
          ),
        },
        columns: [
          { header: 'Mean', numeric: true, cell: (s) => formatKpiValue(s.meanHours, 'hours') },
          { header: 'Median', numeric: true, cell: (s) => formatKpiValue(s.medianHours, 'hours') },
          { header: 'Orders', numeric: true, cell: (s) => formatCount(s.n) },
        ],
      }}
    >
      <BarChart
        responsive
        style={{ width: '100%', height: '100%' }}
        data={rows}
        layout="vertical"
        margin={{ top: 4, right: 16, bottom: 0, left: 0 }}
        barSize={34}
        accessibilityLayer={false}
      >
        <XAxis type="number" {...axis} tickFormatter={(v: number) => formatKpiTick(v, 'hours')} />
        <YAxis type="category" dataKey="measure" width={64} {...labelAxis} />
        <Tooltip
          cursor={{ fill: 'var(--accent-soft)' }}
          content={(props: TooltipContentProps) => <StageTooltip {...props} stages={stages} />}
        />
        {stages.map((s) => (
          <Bar
            key={s.stage}
            dataKey={s.stage}
            name={LOOK[s.stage].name}
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
              content={(p) => <SegmentLabel {...p} name={LOOK[s.stage].name} />}
            />
          </Bar>
        ))}
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
  const text = w > 130 ? `${name} ${formatKpiTick(v, 'hours')}` : formatKpiTick(v, 'hours');
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

function StageTooltip({ active, payload, stages }: TooltipContentProps & { stages: StageInput[] }) {
  const measure = (payload?.[0]?.payload as { measure?: string } | undefined)?.measure;
  if (!active || !measure) return null;
  return (
    <ChartTooltip
      title={`${measure} hours per stage`}
      notes={stages.map(
        (s) =>
          `${LOOK[s.stage].name}: ${formatKpiValue(measure === 'Mean' ? s.meanHours : s.medianHours, 'hours')}`,
      )}
    />
  );
}
