import { OrderlensError } from '@/lib/errors';
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import { dimensionLabels } from '@/lib/format/labels';
import { explainChange, type ChangeExplained } from '@/lib/kpi/explain-change';
import type { SegmentEffect } from '@/lib/kpi/rate-mix';
import { takesInputOf, whatItTakes } from '@/lib/kpi/what-it-takes';
import { Waterfall, type WaterfallStep } from '@/app/ui/charts/waterfall';
import { loadScorecard } from '@/app/ui/kpi-pages/data';
import { compareOf, comparedText, rangeText } from '@/app/ui/kpi-pages/explain-words';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { WhatItTakesNote, WhyMovedSection } from '@/app/ui/kpi-pages/why-moved-section';
import { getServerDatabase } from '@/runtime/database';
import type { KpiView } from './view';

/** Segments drawn one by one; the rest are one "Other segments" bar. */
const TOP = 6;

/**
 * Why it moved: the change against the comparison period split by the page's dimension into
 * each segment's rate effect (its own value) and mix effect (its share of the counted orders), as
 * a waterfall with its table; then what it would take to reach the target or the next band.
 */
export async function WhyMovedPanel({ view }: { view: KpiView }) {
  const { definition, by } = view;
  const { compare, asked } = compareOf(view.search);
  const dimension = dimensionLabels[by].toLowerCase();
  let r: ChangeExplained;
  try {
    r = await explainChange(await getServerDatabase(), definition.id, {
      filters: view.filters,
      by,
      compare,
    });
  } catch (error) {
    if (!(error instanceof OrderlensError)) throw error;
    return (
      <WhyMovedSection title="Why it moved">
        <p className={shared.note}>{error.message}</p>
      </WhyMovedSection>
    );
  }
  const range = { ...view.filters, from: r.current.from, to: r.current.to };
  const [[entry], [byEntry]] = await Promise.all([
    loadScorecard({ filters: range }, [definition.id]),
    loadScorecard({ filters: range, by, details: false }, [definition.id]),
  ]);
  const takes = entry && whatItTakes(takesInputOf(definition, entry, byEntry, dimensionLabels[by]));
  return (
    <WhyMovedSection title="Why it moved">
      <p className={shared.note}>
        {comparedText(r, asked)} {r.note}
      </p>
      {r.change === null ? (
        <p className={shared.note}>
          No value in one of the two periods, so there is no change to explain.
        </p>
      ) : (
        <>
          <ChangeWaterfall r={r} dimension={dimension} />
          <p className={shared.note}>
            Each part is a {dimension}’s rate effect (its own value moved, weighted by its share
            before) plus its mix effect (its share moved, valued at its value now). Shares add up to
            100% in both periods, so the mix effects largely offset one another: together they come
            to {formatKpiChange(r.mixEffect, r.unit)}.
          </p>
        </>
      )}
      <WhatItTakesNote takes={takes} range={r.current} />
    </WhyMovedSection>
  );
}

interface Row {
  key: string;
  label: string;
  segments: SegmentEffect[];
}

function ChangeWaterfall({ r, dimension }: { r: ChangeExplained; dimension: string }) {
  const named = r.segments.filter((s) => s.recorded);
  const top = named.slice(0, TOP);
  const rest = named.slice(TOP);
  const unrecorded = r.segments.filter((s) => !s.recorded);
  const rows: Row[] = [
    ...top.map((s) => ({ key: s.segment, label: s.segment, segments: [s] })),
    ...(rest.length
      ? [{ key: '_other', label: `Other segments (${rest.length})`, segments: rest }]
      : []),
    ...unrecorded.map((s) => ({ key: '_none', label: `No ${dimension} recorded`, segments: [s] })),
  ];
  const sum = (row: Row, f: (s: SegmentEffect) => number) =>
    row.segments.reduce((t, s) => t + f(s), 0);
  const contribution = (row: Row) => sum(row, (s) => s.contribution);
  const steps: WaterfallStep[] = [
    {
      key: '_before',
      label: `Before: ${rangeText(r.previous.from, r.previous.to)}`,
      kind: 'total',
      value: r.previous.value!,
    },
    ...rows.map((row) => ({
      key: row.key,
      label: row.label,
      kind: 'part' as const,
      value: contribution(row),
    })),
    {
      key: '_now',
      label: `Now: ${rangeText(r.current.from, r.current.to)}`,
      kind: 'total',
      value: r.current.value!,
    },
  ];
  const v = (x: number | null) => formatKpiValue(x, r.unit);
  const d = (x: number) => formatKpiChange(x, r.unit);
  const share = (x: number) => `${(x * 100).toFixed(1)}%`;
  const one = (row: Row) => (row.segments.length === 1 ? row.segments[0]! : null);
  const biggest = top[0];
  const summary =
    `${r.name} moved ${d(r.change!)}, from ${v(r.previous.value)} to ${v(r.current.value)}: ` +
    `${d(r.rateEffect)} from the ${dimension}s' own values (rate) and ${d(r.mixEffect)} from their shares of what is counted (mix).` +
    (biggest
      ? ` ${dimensionLabels[r.by]} ${biggest.segment} moved it most: ${d(biggest.contribution)} (rate ${d(biggest.rateEffect)}, mix ${d(biggest.mixEffect)}).`
      : '');
  return (
    <Waterfall
      title={`${r.name}: the change by ${dimension}`}
      summary={summary}
      unit={r.unit}
      direction={r.direction}
      steps={steps}
      table={{
        caption: `The change by ${dimension}: each part is its rate effect plus its mix effect; the parts add up to the change`,
        rows: [...rows, { key: '_total', label: 'Change', segments: r.segments }],
        rowKey: (row) => row.key,
        rowHeader: {
          header: dimensionLabels[r.by],
          cell: (row) => (row.key === '_total' ? <strong>{row.label}</strong> : row.label),
        },
        columns: [
          {
            header: 'Before',
            numeric: true,
            cell: (row) => (one(row) ? v(one(row)!.previousValue) : ''),
          },
          {
            header: 'Now',
            numeric: true,
            cell: (row) => (one(row) ? v(one(row)!.currentValue) : ''),
          },
          {
            header: 'Share before',
            numeric: true,
            cell: (row) => share(sum(row, (s) => s.previousShare)),
          },
          {
            header: 'Share now',
            numeric: true,
            cell: (row) => share(sum(row, (s) => s.currentShare)),
          },
          { header: 'Rate effect', numeric: true, cell: (row) => d(sum(row, (s) => s.rateEffect)) },
          { header: 'Mix effect', numeric: true, cell: (row) => d(sum(row, (s) => s.mixEffect)) },
          {
            header: 'Part of the change',
            numeric: true,
            cell: (row) => <span data-part={contribution(row)}>{d(contribution(row))}</span>,
          },
        ],
      }}
    />
  );
}
