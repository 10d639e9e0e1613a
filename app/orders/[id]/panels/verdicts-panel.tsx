import Link from 'next/link';
import type { KpiVerdictStatus, OrderKpiVerdict } from '@/lib/orders/order-detail';
import { formatKpiValue } from '../../../ui/format';
import styles from '../order.module.css';
import { Panel } from './panel';

const verdictText: Record<KpiVerdictStatus, { glyph: string; label: string }> = {
  failed: { glyph: '✕', label: 'Failed' },
  passed: { glyph: '✓', label: 'Passed' },
  measured: { glyph: '◷', label: 'Measured' },
  excluded: { glyph: '–', label: 'Excluded' },
  not_in_scope: { glyph: '·', label: 'Not counted' },
};

const summaryOrder = ['failed', 'passed', 'measured', 'excluded', 'not_in_scope'] as const;

/** The verdict of each order-level KPI on this order: a count per verdict, then one row per KPI. */
export function VerdictsPanel({ kpis }: { kpis: OrderKpiVerdict[] }) {
  const counts = kpis.reduce<Record<string, number>>((acc, k) => {
    acc[k.status] = (acc[k.status] ?? 0) + 1;
    return acc;
  }, {});
  return (
    <Panel id="kpis-heading" title="How it counts in each KPI">
      <p className={styles.sectionNote}>
        The verdict of each order-level KPI on this order, by the catalogue&rsquo;s definitions.
      </p>
      <p className={styles.verdictSummary}>
        {summaryOrder
          .filter((s) => counts[s])
          .map((s) => (
            <span key={s} className={`${styles.verdict} ${styles[`verdict_${s}`] ?? ''}`}>
              <span aria-hidden="true">{verdictText[s].glyph}</span> {counts[s]}{' '}
              {verdictText[s].label.toLowerCase()}
            </span>
          ))}
      </p>
      <table className={styles.verdictTable}>
        <caption className="visually-hidden">KPI verdicts for this order</caption>
        <thead>
          <tr>
            <th scope="col">KPI</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {kpis.map((kpi) => (
            <VerdictRow key={kpi.id} kpi={kpi} />
          ))}
        </tbody>
      </table>
    </Panel>
  );
}

/** A KPI (linking to its rows, failing ones when this order failed) and its verdict. */
function VerdictRow({ kpi }: { kpi: OrderKpiVerdict }) {
  const v = verdictText[kpi.status];
  // A duration KPI's value for this order, in the KPI's unit as the KPI pages show it.
  const value = kpi.status === 'measured' ? kpi.value : null;
  return (
    <tr>
      <th scope="row" className="row-head">
        <Link
          href={`/orders?kpi=${kpi.id}${kpi.status === 'failed' ? '&failed=1' : ''}`}
          className={styles.kpiLink}
        >
          {kpi.name}
        </Link>
      </th>
      <td>
        <span className={`${styles.verdict} ${styles[`verdict_${kpi.status}`] ?? ''}`}>
          <span aria-hidden="true">{v.glyph}</span> {v.label}
          {value !== null && value !== undefined ? `: ${formatKpiValue(value, kpi.unit)}` : ''}
        </span>
        {kpi.reason && <span className={styles.reason}>{kpi.reason}</span>}
      </td>
    </tr>
  );
}
