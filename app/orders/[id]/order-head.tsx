import Link from 'next/link';
import type { OrderDetail } from '@/lib/orders/order-detail';
import { StatusPill } from '../status-pill';
import { text, when } from './format';
import styles from './order.module.css';

/** The way back to the orders, the order's id and status, and who placed it when, how, from where. */
export function OrderHead({ order }: { order: OrderDetail['order'] }) {
  const who = [
    text(order.customer_id) && `customer ${text(order.customer_id)}`,
    text(order.channel) && `via ${text(order.channel)}`,
    text(order.site) && `from ${text(order.site)}`,
    text(order.region) && `${text(order.region)} region`,
  ].filter(Boolean);
  return (
    <>
      <nav aria-label="Breadcrumb" className={styles.crumbs}>
        <Link href="/orders">
          <span aria-hidden="true">←</span> Orders
        </Link>
      </nav>
      <div className={styles.head}>
        <h1>
          Order <span className={styles.orderId}>{order.order_id}</span>
        </h1>
        <StatusPill status={order.status} />
      </div>
      <p className="lede">
        Placed {when(order.order_ts)}
        {who.length ? `, ${who.join(', ')}` : ''}.
      </p>
    </>
  );
}

/** Where the order came from, and the customer's other orders. */
export function OrderSource({ order }: { order: OrderDetail['order'] }) {
  return (
    <p className={styles.source}>
      From load {text(order.load_id) || '—'} · <Link href="/data">loads and their files</Link>
      {' · '}
      <Link href={`/orders?search=${encodeURIComponent(text(order.customer_id))}`}>
        other orders of this customer
      </Link>
    </p>
  );
}
