import Link from 'next/link';
import type { Filters } from '@/lib/kpi/filters';
import type { FlowGap, FlowStage } from '@/lib/kpi/returns-flow';
import { ChartTable } from '@/app/ui/charts/chart-table';
import { formatCount, formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import { searchStringOf } from '@/app/ui/search-params';
import styles from '../page.module.css';
import { labelOf, loadReturnsFlow } from './data';

/** The stage times as KPIs, each with its definition, trend and breakdown. */
const stageKpis = [
  ['return_authorisation_to_receipt_time', 'authorisation to receipt'],
  ['return_receipt_to_inspection_time', 'receipt to inspection'],
  ['return_receipt_to_disposition_time', 'receipt to disposition'],
  ['returns_processing_cycle_time', 'receipt to credit'],
] as const;

const days = (d: number | null) => formatKpiValue(d, 'days');

/**
 * The returns flow: the workflow's stages in order, each with the returns that reached it (a bar
 * labelled with its count), and between stages the median and 90th percentile days. A stage the
 * extract does not record is said so, dashed, never drawn as zero. The table holds the same.
 */
export async function FlowPanel({ filters }: { filters: Filters }) {
  const flow = await loadReturnsFlow(filters);
  const most = Math.max(1, ...flow.stages.map((s) => s.reached ?? 0));
  const gapInto = new Map(flow.gaps.map((g) => [g.to, g]));
  return (
    <section className="panel" aria-labelledby="flow-h">
      <div className={shared.panelHead}>
        <h2 id="flow-h">Returns flow</h2>
        <Link
          className={shared.buttonLink}
          href={`/kpis/restock_rate${searchStringOf({ filters })}`}
        >
          Restock rate →
        </Link>
      </div>
      <p className={shared.note}>
        {formatCount(flow.total)} returns by receipt date (by authorisation date while not yet
        received): how many reached each stage, and the days from one recorded stage to the next
        (median and 90th percentile, over the returns with both dates).
        {flow.cancelledOrderReturns > 0 &&
          ` ${formatCount(flow.cancelledOrderReturns)} ${flow.cancelledOrderReturns === 1 ? 'return' : 'returns'} of cancelled orders left out.`}
      </p>
      <ol className={styles.flow} aria-hidden="true">
        {flow.stages.map((stage) => (
          <FlowStep
            key={stage.stage}
            stage={stage}
            gap={gapInto.get(stage.stage)}
            width={stage.reached === null ? 100 : (100 * stage.reached) / most}
          />
        ))}
      </ol>
      {flow.dispositions && (
        <p className={shared.note}>
          Dispositions:{' '}
          {flow.dispositions
            .map((d) => `${labelOf(d.disposition)} ${formatCount(d.count)}`)
            .join(' · ')}
          .
        </p>
      )}
      <p className={shared.note}>
        The stage times as KPIs:{' '}
        {stageKpis.map(([id, label], i) => (
          <span key={id}>
            {i > 0 && ' · '}
            <Link href={`/kpis/${id}${searchStringOf({ filters })}`}>{label}</Link>
          </span>
        ))}
        .
      </p>
      <details className={styles.tableAlt}>
        <summary>The flow as a table</summary>
        <ChartTable
          caption="Returns reaching each stage, and the days from the stage before"
          rows={flow.stages}
          rowKey={(s) => s.stage}
          rowHeader={{ header: 'Stage', cell: (s) => s.label }}
          columns={[
            {
              header: 'Returns reaching it',
              numeric: true,
              cell: (s) => (s.reached === null ? s.notRecorded : formatCount(s.reached)),
            },
            {
              header: 'From',
              cell: (s) => {
                const g = gapInto.get(s.stage);
                return g ? flow.stages.find((x) => x.stage === g.from)?.label : '—';
              },
            },
            {
              header: 'Median days',
              numeric: true,
              cell: (s) => (gapInto.has(s.stage) ? days(gapInto.get(s.stage)!.medianDays) : '—'),
            },
            {
              header: '90th percentile days',
              numeric: true,
              cell: (s) => (gapInto.has(s.stage) ? days(gapInto.get(s.stage)!.p90Days) : '—'),
            },
            {
              header: 'Returns measured',
              numeric: true,
              cell: (s) => (gapInto.has(s.stage) ? formatCount(gapInto.get(s.stage)!.n) : '—'),
            },
          ]}
        />
      </details>
    </section>
  );
}

function FlowStep({ stage, gap, width }: { stage: FlowStage; gap?: FlowGap; width: number }) {
  return (
    <li className={styles.flowStep}>
      {gap && (
        <p className={styles.flowGap}>
          ↓ median {days(gap.medianDays)}, 90th percentile {days(gap.p90Days)} ({formatCount(gap.n)}{' '}
          returns)
        </p>
      )}
      <div className={styles.flowRow}>
        <span className={styles.flowLabel}>{stage.label}</span>
        {stage.reached === null ? (
          <span className={styles.flowMissing}>{stage.notRecorded}</span>
        ) : (
          <span className={styles.flowBar} style={{ width: `${Math.max(width, 1)}%` }}>
            {formatCount(stage.reached)}
          </span>
        )}
      </div>
    </li>
  );
}
