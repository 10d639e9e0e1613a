import { orderStatuses, statusLabels, type OrderStatus } from '@/lib/orders/query';
import { formatCount } from '../../ui/format';
import styles from '../orders.module.css';
import { statusGlyph } from '../status-pill';

/** All orders of the view, or those of one status: toggle buttons with each status's count. */
export function StatusTabs({
  counts,
  current,
  onPick,
}: {
  counts: Record<OrderStatus, number>;
  current: OrderStatus | undefined;
  onPick: (status: OrderStatus | undefined) => void;
}) {
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const tabs: { status: OrderStatus | undefined; label: string; n: number }[] = [
    { status: undefined, label: 'All', n: all },
    ...orderStatuses.map((s) => ({ status: s, label: statusLabels[s], n: counts[s] })),
  ];
  return (
    <div className={styles.statusTabs} role="group" aria-label="Show orders by status">
      {tabs.map((tab) => (
        <button
          key={tab.label}
          type="button"
          aria-pressed={current === tab.status}
          className={`${styles.statusTab} ${tab.status ? (styles[`tab_${tab.status}`] ?? '') : ''}`}
          onClick={() => onPick(tab.status)}
        >
          {tab.status && (
            <span className={styles.tabGlyph} aria-hidden="true">
              {statusGlyph[tab.status]}
            </span>
          )}
          {tab.label}
          <span className={styles.tabCount}>{formatCount(tab.n)}</span>
        </button>
      ))}
    </div>
  );
}
