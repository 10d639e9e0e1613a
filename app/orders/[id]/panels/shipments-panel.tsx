import { fmtQty, text, when } from '../format';
import styles from '../order.module.css';
import type { Row } from '../../types';
import { DetailTable } from './detail-table';
import { Empty, Panel } from './panel';

/** What shipped, per shipment line: when, delivered when, by which carrier, from where, issues. */
export function ShipmentsPanel({ shipments }: { shipments: Row[] }) {
  return (
    <Panel id="shipments-heading" title="Shipments">
      {shipments.length ? (
        <DetailTable
          caption="Shipment lines"
          headers={[
            ['Shipment'],
            ['Line', true],
            ['SKU'],
            ['Qty', true],
            ['Shipped'],
            ['Delivered'],
            ['Carrier'],
            ['Site'],
            ['Issues'],
          ]}
        >
          {shipments.map((s, i) => (
            <tr key={`${text(s.shipment_id)}-${text(s.line_no)}-${i}`}>
              <td>{text(s.shipment_id) || '—'}</td>
              <td className="num">{text(s.line_no) || '—'}</td>
              <td>{text(s.sku) || '—'}</td>
              <td className="num">{fmtQty(s.qty_shipped)}</td>
              <td className="nowrap">{when(s.ship_ts)}</td>
              <td className="nowrap">{when(s.delivered_ts)}</td>
              <td>{[text(s.carrier), text(s.ship_mode)].filter(Boolean).join(' · ') || '—'}</td>
              <td>{text(s.site) || '—'}</td>
              <td>
                <Issues shipment={s} />
              </td>
            </tr>
          ))}
        </DetailTable>
      ) : (
        <Empty>Nothing has shipped.</Empty>
      )}
    </Panel>
  );
}

function Issues({ shipment: s }: { shipment: Row }) {
  return (
    <>
      {s.damaged === true && <span className={styles.issue}>Damaged</span>}
      {s.documentation_error === true && <span className={styles.issue}>Documentation error</span>}
      {s.damaged !== true && s.documentation_error !== true && (
        <span className={styles.muted}>None</span>
      )}
    </>
  );
}
