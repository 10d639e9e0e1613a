import Link from 'next/link';
import type { KpiUnit } from '@/lib/semantic/kpi';
import type { OrderStatus } from '@/lib/orders/query';
import { useMetaOf } from './column-meta';
import { formatKpiValue } from '../../ui/format';
import styles from '../orders.module.css';
import { StatusPill } from '../status-pill';
import type { Row } from '../types';

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** A row's KPI value as the KPI pages print it; a bare number when the column has no KPI. */
const formatValue = (value: number, unit: KpiUnit | undefined) =>
  unit ? formatKpiValue(value, unit) : number.format(value);

/** One cell, shown by its column's type; the order id links to the order. */
export function Cell({
  column,
  value,
  row,
  unit,
}: {
  column: string;
  value: unknown;
  row: Row;
  unit: KpiUnit | undefined;
}) {
  const meta = useMetaOf()(column);
  const none = <span className={styles.none}>—</span>;
  if (column === 'failed') {
    return (
      <td>
        {value === true ? (
          <span className={styles.fail}>
            <span aria-hidden="true">✕</span> Failed
          </span>
        ) : (
          <span className={styles.pass}>
            <span aria-hidden="true">✓</span> Passed
          </span>
        )}
      </td>
    );
  }
  if (value === null || value === undefined) {
    const numeric = meta.type === 'number' || meta.type === 'hours';
    return <td className={numeric ? styles.num : undefined}>{none}</td>;
  }
  switch (meta.type) {
    case 'id': {
      const text = String(value);
      const orderId = typeof row.order_id === 'string' ? row.order_id : text;
      return (
        <td className={styles.idCell}>
          {column === 'order_id' ? (
            <Link href={`/orders/${encodeURIComponent(orderId)}`} tabIndex={-1} prefetch={false}>
              {text}
            </Link>
          ) : (
            text
          )}
        </td>
      );
    }
    case 'timestamp': {
      const text = String(value);
      // A date without a time of day (promised and requested dates, usually) shows as the day.
      const dateOnly = text.slice(11, 23) === '00:00:00.000';
      return (
        <td className={styles.time} title={`${text.slice(0, 19).replace('T', ' ')} UTC`}>
          {text.slice(0, 10)}
          {!dateOnly && <span className={styles.clock}> {text.slice(11, 16)}</span>}
        </td>
      );
    }
    case 'number':
      return (
        <td className={styles.num}>
          {typeof value === 'number'
            ? column === 'value'
              ? formatValue(value, unit)
              : number.format(value)
            : String(value)}
        </td>
      );
    case 'hours':
      return (
        <td className={styles.num}>
          {typeof value === 'number' ? formatKpiValue(value, 'hours') : none}
        </td>
      );
    case 'boolean':
      return (
        <td>
          {value === true ? (
            <span className={styles.yes}>
              <span aria-hidden="true">●</span> Yes
            </span>
          ) : (
            <span className={styles.no}>No</span>
          )}
        </td>
      );
    case 'status':
      return (
        <td>
          <StatusPill status={String(value) as OrderStatus} />
        </td>
      );
    default:
      return <td title={String(value)}>{String(value)}</td>;
  }
}
