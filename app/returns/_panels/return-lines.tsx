import type { OrderReturnLine } from '@/lib/kpi/return-reasons';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';
import styles from '../page.module.css';
import { errorCategories, labelOf } from './data';

/** A returned order's return lines: code, category, quantity × SKU and date. */
export function ReturnLines({ lines }: { lines: OrderReturnLine[] }) {
  if (!lines.length) return <span className={shared.na}>—</span>;
  return (
    <ul className={styles.returnLines}>
      {lines.map((l) => (
        <li key={l.returnId}>
          <strong>{l.reasonCode ?? '(no code)'}</strong>
          {l.reasonCategory && (
            <span className={shared.na}>
              {' '}
              {labelOf(l.reasonCategory)}
              {errorCategories.has(l.reasonCategory) && ' · error'}
            </span>
          )}{' '}
          <span className={styles.nowrap}>
            · {l.qty ?? '?'} × {l.sku ?? 'item'}
          </span>{' '}
          <span className={styles.nowrap}>· {l.returnTs?.slice(0, 10) ?? '—'}</span>
        </li>
      ))}
    </ul>
  );
}
