import { statusLabels, type OrderStatus } from '@/lib/orders/query';
import styles from './orders.module.css';

/** The glyph beside each status, in the pill and the status tabs (colour is not the only cue). */
export const statusGlyph: Record<OrderStatus, string> = {
  open: '○',
  shipped: '◐',
  complete: '●',
  delivered: '✓',
  cancelled: '✕',
};

/** An order's status as a coloured pill with its glyph and label. */
export function StatusPill({ status }: { status: OrderStatus }) {
  return (
    <span className={`${styles.pill} ${styles[`pill_${status}`] ?? ''}`}>
      <span aria-hidden="true">{statusGlyph[status] ?? '•'}</span>
      {statusLabels[status] ?? status}
    </span>
  );
}
