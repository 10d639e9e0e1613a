import { OrderlensError } from '@/lib/errors';
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import {
  explainCycleStages,
  type StageChange,
  type StagesExplained,
} from '@/lib/kpi/explain-change';
import type { Filters } from '@/lib/kpi/filters';
import { takesInputOf, whatItTakes } from '@/lib/kpi/what-it-takes';
import { getKpi } from '@/lib/kpi/engine';
import { stageNames } from '@/app/ui/charts/stage-names';
import { Waterfall, type WaterfallStep } from '@/app/ui/charts/waterfall';
import { loadScorecard } from '@/app/ui/kpi-pages/data';
import { compareOf, comparedText, rangeText } from '@/app/ui/kpi-pages/explain-words';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { WhatItTakesNote, WhyMovedSection } from '@/app/ui/kpi-pages/why-moved-section';
import type { SearchParams } from '@/app/ui/search-params';
import { getServerDatabase } from '@/runtime/database';
import { KPI } from './data';

/**
 * Why the cycle time moved, stage by stage: on the orders with every timestamp the stage means
 * add up to the mean cycle time in each period, so their changes add up to its change. Then what
 * it would take to reach the target or the next band, by site and by stage.
 */
export async function WhyMovedPanel({
  filters,
  search,
}: {
  filters: Filters;
  search: SearchParams;
}) {
  const { compare, asked } = compareOf(search);
  let r: StagesExplained;
  try {
    r = await explainCycleStages(await getServerDatabase(), filters, compare);
  } catch (error) {
    if (!(error instanceof OrderlensError)) throw error;
    return (
      <WhyMovedSection title="Why it moved, stage by stage">
        <p className={shared.note}>{error.message}</p>
      </WhyMovedSection>
    );
  }
  const range = { ...filters, from: r.current.from, to: r.current.to };
  const [[entry], [bySite]] = await Promise.all([
    loadScorecard({ filters: range }, [KPI]),
    loadScorecard({ filters: range, by: 'site', details: false }, [KPI]),
  ]);
  const takes = entry && whatItTakes(takesInputOf(getKpi(KPI), entry, bySite, 'Site', stageNames));
  return (
    <WhyMovedSection title="Why it moved, stage by stage">
      <p className={shared.note}>
        {comparedText(r, asked)} The stages are measured on the orders with every timestamp of the
        cycle ({r.previous.n.toLocaleString('en-US')} before, {r.current.n.toLocaleString('en-US')}{' '}
        now), so their means add up to those orders’ mean cycle time. {r.note}
      </p>
      {r.change === null ? (
        <p className={shared.note}>
          No order with every timestamp in one of the two periods, so there is no change to split.
        </p>
      ) : (
        <StageWaterfall r={r} />
      )}
      <WhatItTakesNote takes={takes} range={r.current} />
    </WhyMovedSection>
  );
}

function StageWaterfall({ r }: { r: StagesExplained }) {
  const h = (x: number | null) => formatKpiValue(x, 'hours');
  const d = (x: number | null) => formatKpiChange(x, 'hours');
  const steps: WaterfallStep[] = [
    {
      key: '_before',
      label: `Before: ${rangeText(r.previous.from, r.previous.to)}`,
      kind: 'total',
      value: r.previous.value!,
    },
    ...r.stages.map((s) => ({
      key: s.stage,
      label: stageNames[s.stage],
      kind: 'part' as const,
      value: s.change ?? 0,
    })),
    {
      key: '_now',
      label: `Now: ${rangeText(r.current.from, r.current.to)}`,
      kind: 'total',
      value: r.current.value!,
    },
  ];
  const words = r.stages
    .map((s) => `${stageNames[s.stage].toLowerCase()} ${d(s.change)}`)
    .join(', ');
  const total: StageChange = {
    stage: 'delivery',
    label: 'Mean cycle time',
    previousHours: r.previous.value,
    currentHours: r.current.value,
    change: r.change,
  };
  return (
    <Waterfall
      title="Mean cycle time: the change by stage"
      summary={`The mean cycle time of the orders with every timestamp moved ${d(r.change)}, from ${h(r.previous.value)} to ${h(r.current.value)}: ${words}.`}
      unit="hours"
      direction="lower"
      steps={steps}
      table={{
        caption: 'The change by stage: the stage changes add up to the change of the mean',
        rows: [...r.stages, total],
        rowKey: (s) => (s === total ? '_total' : s.stage),
        rowHeader: {
          header: 'Stage',
          cell: (s) =>
            s === total ? (
              <strong>{s.label}</strong>
            ) : (
              <>
                {stageNames[s.stage]}
                <div className="stat-note">{s.label}</div>
              </>
            ),
        },
        columns: [
          { header: 'Before', numeric: true, cell: (s) => h(s.previousHours) },
          { header: 'Now', numeric: true, cell: (s) => h(s.currentHours) },
          {
            header: 'Change',
            numeric: true,
            cell: (s) => <span data-part={s.change ?? 0}>{d(s.change)}</span>,
          },
        ],
      }}
    />
  );
}
