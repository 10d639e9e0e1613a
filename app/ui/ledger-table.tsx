import type { LedgerEntry } from '@/lib/ingest/ledger';
import { formatCount, formatDateTime } from './format';

/** The load ledger: one row per load, newest first. */
export function LedgerTable({ loads, caption }: { loads: LedgerEntry[]; caption: string }) {
  if (loads.length === 0) {
    return (
      <p className="empty">
        No loads yet. Load an extract with <code>npx orderlens ingest FILE</code>.
      </p>
    );
  }
  return (
    <table>
      <caption className="stat-label" style={{ textAlign: 'left', paddingBottom: 8 }}>
        {caption}
      </caption>
      <thead>
        <tr>
          <th scope="col">Load</th>
          <th scope="col">File</th>
          <th scope="col">Table</th>
          <th scope="col">Outcome</th>
          <th scope="col" className="num">
            Read
          </th>
          <th scope="col" className="num">
            New
          </th>
          <th scope="col" className="num">
            Updated
          </th>
          <th scope="col" className="num">
            Rejected
          </th>
          <th scope="col">Finished</th>
        </tr>
      </thead>
      <tbody>
        {loads.map((load) => (
          <tr key={load.loadId}>
            <td>{load.loadId}</td>
            <td>
              {load.fileName}
              {load.isDemo && <span className="tag">demo</span>}
            </td>
            <td>{load.target}</td>
            <td>
              <span className={`status status-${load.status}`}>{load.status}</span>
            </td>
            <td className="num">{formatCount(load.rowsRead)}</td>
            <td className="num">{formatCount(load.rowsInserted)}</td>
            <td className="num">{formatCount(load.rowsUpdated)}</td>
            <td className="num">{formatCount(load.rowsRejected)}</td>
            <td>{formatDateTime(load.finishedAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
