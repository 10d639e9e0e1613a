import type { ReactNode } from 'react';
import { factTableOf } from '@/lib/semantic/catalogue';
import { columnOf } from '@/lib/semantic/facts';
import type { FactColumn, FactColumnKind } from '@/lib/semantic/facts';
import { engine } from '@/runtime/engine';
import { formatCount, formatKpiValue, type KpiUnit } from '../charts/units';
import styles from './kpi-pages.module.css';

type Row = Record<string, unknown>;

/** The columns that say which row it is and where it belongs, before the explaining fields. */
const orderHead = ['order_id', 'order_ts', 'site', 'channel', 'carrier'];
const returnHead = ['return_id', 'order_id', 'site', 'channel'];

/** The drill's columns for a KPI: its head, then its explaining fields, labelled as declared. */
function drillColumns(kpiId: string): FactColumn[] {
  const kpi = engine.kpi(kpiId);
  const table = factTableOf(engine.catalogue, kpi.base);
  const explaining = engine.explainingColumns(kpiId);
  // Many explaining fields: keep the table within the page by leaving channel and carrier out.
  const head =
    kpi.base === 'kpi_return_facts'
      ? returnHead
      : explaining.length > 4
        ? orderHead.filter((name) => name !== 'channel' && name !== 'carrier')
        : orderHead;
  const columns = head.map((name) => columnOf(table, name)!);
  return [...columns, ...explaining.filter((f) => !head.includes(f.name))];
}

const isNumeric = (kind: FactColumnKind) =>
  kind === 'count' || kind === 'quantity' || kind === 'money';

/** Numbers right-aligned; a date and time may take two lines; other values one. */
function cellClass(kind: FactColumnKind): string | undefined {
  if (isNumeric(kind)) return 'num';
  if (kind === 'datetime') return styles.when;
  return kind === 'text' ? undefined : 'nowrap';
}

function cell(value: unknown, kind: FactColumnKind): ReactNode {
  if (value === null || value === undefined || value === '')
    return <span className={styles.na}>—</span>;
  switch (kind) {
    case 'day':
      return String(value).slice(0, 10);
    case 'datetime': {
      // Date and time may break onto two lines, so a table of several times fits the page.
      const [day, time] = String(value).slice(0, 16).split(/[T ]/);
      return (
        <>
          <span className="nowrap">{day}</span> <span className="nowrap">{time}</span>
        </>
      );
    }
    case 'count':
    case 'quantity':
    case 'money':
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
  const fields = drillColumns(kpiId);
  // A failing row says why it failed; a duration's row, where its time went.
  const reasons = showReason ? rows.map((r) => engine.explain(kpiId, r)) : [];
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
              <th
                key={f.name}
                scope="col"
                className={
                  isNumeric(f.kind) ? 'num' : f.kind === 'datetime' ? styles.when : undefined
                }
              >
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
                  <th key={f.name} scope="row" className={`row-head ${styles.mono}`}>
                    {cell(row[f.name], f.kind)}
                  </th>
                ) : (
                  <td key={f.name} className={cellClass(f.kind)}>
                    {cell(row[f.name], f.kind)}
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
