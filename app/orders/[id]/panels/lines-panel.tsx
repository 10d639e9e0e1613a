import { fmtQty, num, qty, text, when } from '../format';
import styles from '../order.module.css';
import type { Row } from '../../types';
import { DetailTable } from './detail-table';
import { Empty, Panel } from './panel';

/** The order's lines: quantities ordered, cancelled, shipped and still open, prices and promises. */
export function LinesPanel({ lines }: { lines: Row[] }) {
  return (
    <Panel id="lines-heading" title="Lines">
      {lines.length ? (
        <DetailTable
          caption="Order lines"
          headers={[
            ['Line', true],
            ['SKU'],
            ['Ordered', true],
            ['Cancelled', true],
            ['Shipped', true],
            ['Open', true],
            ['Unit price', true],
            ['Promised ship'],
            ['Promised delivery'],
          ]}
        >
          {lines.map((line) => (
            <LineRow key={String(line.line_no)} line={line} />
          ))}
        </DetailTable>
      ) : (
        <Empty>No order lines were loaded for this order.</Empty>
      )}
    </Panel>
  );
}

function LineRow({ line }: { line: Row }) {
  const due = (num(line.qty_ordered) ?? 0) - (num(line.qty_cancelled) ?? 0);
  const open = Math.max(due - (num(line.qty_shipped) ?? 0), 0);
  return (
    <tr>
      <td className="num">{text(line.line_no)}</td>
      <td>{text(line.sku) || '—'}</td>
      <td className="num">{fmtQty(line.qty_ordered)}</td>
      <td className="num">{fmtQty(line.qty_cancelled)}</td>
      <td className="num">{fmtQty(line.qty_shipped ?? 0)}</td>
      <td className="num">
        {open > 0 ? <strong>{qty.format(open)}</strong> : <span className={styles.muted}>0</span>}
      </td>
      <td className="num">{fmtQty(line.unit_price)}</td>
      <td className="nowrap">{when(line.promised_ship_ts)}</td>
      <td className="nowrap">{when(line.promised_delivery_ts)}</td>
    </tr>
  );
}
