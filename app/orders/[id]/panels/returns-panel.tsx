import { fmtQty, money, text, when } from '../format';
import styles from '../order.module.css';
import type { Row } from '../../types';
import { DetailTable } from './detail-table';
import { Empty, Panel } from './panel';

/** What came back: per return line, when received and credited, why, and its value. */
export function ReturnsPanel({ returns, currency }: { returns: Row[]; currency: unknown }) {
  return (
    <Panel id="returns-heading" title="Returns">
      {returns.length ? (
        <DetailTable
          caption="Returns"
          headers={[
            ['Return'],
            ['Line', true],
            ['SKU'],
            ['Qty', true],
            ['Received'],
            ['Credited'],
            ['Reason'],
            ['Value', true],
          ]}
        >
          {returns.map((r, i) => (
            <tr key={`${text(r.return_id)}-${i}`}>
              <td>{text(r.return_id) || '—'}</td>
              <td className="num">{text(r.line_no) || '—'}</td>
              <td>{text(r.sku) || '—'}</td>
              <td className="num">{fmtQty(r.qty_returned)}</td>
              <td className="nowrap">{when(r.return_ts)}</td>
              <td className="nowrap">
                {text(r.credited_ts) ? (
                  when(r.credited_ts)
                ) : (
                  <span className={styles.muted}>Not yet</span>
                )}
              </td>
              <td>
                {text(r.reason_category).replaceAll('_', ' ') || '—'}
                {text(r.reason_code) && (
                  <span className={styles.muted}> · {text(r.reason_code)}</span>
                )}
              </td>
              <td className="num">{money(r.return_value, currency)}</td>
            </tr>
          ))}
        </DetailTable>
      ) : (
        <Empty>Nothing was returned.</Empty>
      )}
    </Panel>
  );
}
