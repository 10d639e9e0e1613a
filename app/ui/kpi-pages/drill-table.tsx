import type { ReactNode } from 'react';
import { formatCount, formatKpiValue, type KpiUnit } from '../charts/units';
import { explainingFields, failureReason, timeReason, type DrillField } from './failure';
import styles from './kpi-pages.module.css';

type Row = Record<string, unknown>;

const orderBase: DrillField[] = [
  { key: 'order_id', label: 'Order', kind: 'text' },
  { key: 'order_ts', label: 'Ordered', kind: 'day' },
  { key: 'site', label: 'Site', kind: 'text' },
  { key: 'channel', label: 'Channel', kind: 'text' },
  { key: 'carrier', label: 'Carrier', kind: 'text' },
];
const returnBase: DrillField[] = [
  { key: 'return_id', label: 'Return', kind: 'text' },
  { key: 'order_id', label: 'Order', kind: 'text' },
  { key: 'site', label: 'Site', kind: 'text' },
  { key: 'channel', label: 'Channel', kind: 'text' },
];

function cell(value: unknown, kind: DrillField['kind']): ReactNode {
  if (value === null || value === undefined || value === '')
    return <span className={styles.na}>—</span>;
  switch (kind) {
    case 'day':
      return String(value).slice(0, 10);
    case 'datetime':
      return String(value).slice(0, 16).replace('T', ' ');
    case 'count':
      return formatCount(Number(value));
    case 'flag':
      return value ? (
        <strong className={styles.flagYes}>yes</strong>
      ) : (
        <span className={styles.na}>no</span>
      );
    default:
      return String(value);
  }
}

/**
 * The rows behind a KPI (orders, or returns for return-level KPIs) with the fields that explain a
 * failure, the failure in words, and for durations the value itself.
 */
export function DrillTable({
  kpiId,
  rows,
  caption,
  unit,
  valueLabel,
  extraHeader,
  extraCell,
  showReason = true,
}: {
  kpiId: string;
  rows: Row[];
  caption: ReactNode;
  /** Duration KPIs: the unit of `value`, shown as its own column. */
  unit?: KpiUnit;
  valueLabel?: string;
  /** One more column, e.g. the return reasons of a returned order. */
  extraHeader?: string;
  extraCell?: (row: Row) => ReactNode;
  showReason?: boolean;
}) {
  const isReturn = rows.some((r) => 'return_id' in r);
  const explaining = explainingFields(kpiId);
  // Many explaining fields: keep the table within the page by leaving channel and carrier out.
  const base = isReturn
    ? returnBase
    : explaining.length > 4
      ? orderBase.filter((f) => f.key !== 'channel' && f.key !== 'carrier')
      : orderBase;
  const fields = [...base, ...explaining.filter((f) => !base.some((b) => b.key === f.key))];
  // Durations have no failure: say instead where a slow row's time went.
  const explain = unit ? timeReason : failureReason;
  const reasons = showReason ? rows.map((r) => explain(kpiId, r)) : [];
  const withReason = reasons.some((r) => r !== null);
  return (
    <div
      className={styles.tableScroll}
      tabIndex={0}
      role="region"
      aria-label="Order list, scrolls sideways"
    >
      <table className={styles.drill}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {fields.map((f) => (
              <th key={f.key} scope="col" className={f.kind === 'count' ? 'num' : undefined}>
                {f.label}
              </th>
            ))}
            {unit && (
              <th scope="col" className="num">
                {valueLabel ?? 'Value'}
              </th>
            )}
            {extraHeader && <th scope="col">{extraHeader}</th>}
            {withReason && <th scope="col">{unit ? 'Where the time went' : 'Why it failed'}</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={`${String(row.return_id ?? row.order_id)}-${i}`}>
              {fields.map((f, j) =>
                j === 0 ? (
                  <th key={f.key} scope="row" className={`row-head ${styles.mono}`}>
                    {cell(row[f.key], f.kind)}
                  </th>
                ) : (
                  <td
                    key={f.key}
                    className={
                      f.kind === 'count' ? 'num' : f.kind === 'text' ? undefined : 'nowrap'
                    }
                  >
                    {cell(row[f.key], f.kind)}
                  </td>
                ),
              )}
              {unit && (
                <td className={`num ${styles.strong}`}>
                  {formatKpiValue(row.value === null ? null : Number(row.value), unit)}
                </td>
              )}
              {extraHeader && <td>{extraCell?.(row)}</td>}
              {withReason && <td className={styles.reason}>{reasons[i] ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
