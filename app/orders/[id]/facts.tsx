import type { OrderDetail } from '@/lib/orders/order-detail';
import { formatCount } from '../../ui/format';
import { duration, fmtQty, money, num, text, when } from './format';
import styles from './order.module.css';

interface Fact {
  label: string;
  value: string;
  note?: string;
}

const hoursBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 3_600_000;

/** The order at a glance: value, lines, shipped, times to final shipment and delivery, returns. */
export function factsOf({ order, lines, shipments, returns }: OrderDetail): Fact[] {
  const placed = text(order.order_ts);
  const finalShip = text(order.final_ship_ts);
  const delivered = text(order.delivered_ts);
  return [
    {
      label: 'Order value',
      value: money(order.order_value, order.currency),
    },
    {
      label: 'Lines',
      value: formatCount(num(order.lines) ?? lines.length),
      note: `${fmtQty(order.units_due)} units due`,
    },
    {
      label: 'Shipped',
      value: `${fmtQty(order.qty_shipped ?? 0)} units`,
      note:
        num(order.ship_dates) && num(order.ship_dates)! > 1
          ? `on ${order.ship_dates} days (split)`
          : order.complete
            ? 'in full'
            : shipments.length
              ? 'not yet in full'
              : 'nothing yet',
    },
    {
      label: 'To final shipment',
      value:
        placed && finalShip && order.complete ? duration(hoursBetween(placed, finalShip)) : '—',
      note: order.complete ? when(finalShip) : 'not shipped in full',
    },
    {
      label: 'To delivery',
      value: placed && delivered ? duration(hoursBetween(placed, delivered)) : '—',
      note: delivered ? when(delivered) : 'not delivered in full',
    },
    {
      label: 'Returned',
      value: returns.length ? `${fmtQty(order.qty_returned)} units` : 'Nothing',
      note: returns.length
        ? `${returns.length} return${returns.length === 1 ? '' : 's'}${order.error_return ? ', fulfilment error' : ''}`
        : undefined,
    },
  ];
}

export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className={styles.facts}>
      {facts.map((f) => (
        <div key={f.label} className={styles.fact}>
          <dt>{f.label}</dt>
          <dd>
            <span className={styles.factValue}>{f.value}</span>
            {f.note && <span className={styles.factNote}>{f.note}</span>}
          </dd>
        </div>
      ))}
    </dl>
  );
}
