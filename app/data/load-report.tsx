'use client';
/** The outcome of a check (dry run) or a load: counts per table, problems by rule, the rows. */
import Link from 'next/link';
import type { Ref } from 'react';
import { ruleDescriptions, type RowIssue } from '@/lib/ingest/issues';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import { formatCount } from '../ui/format';
import styles from './data.module.css';

const ISSUE_ROWS = 100;

const tableLabels: Record<string, string> = {
  orders: 'Orders',
  order_lines: 'Order lines',
  shipments: 'Shipment lines',
  returns: 'Return lines',
};

export function LoadReportView({
  report,
  uploadId,
  stale = false,
  headingRef,
}: {
  report: LoadReport;
  uploadId: string;
  /** The mapping changed since: the result is shown dimmed, for reference. */
  stale?: boolean;
  headingRef?: Ref<HTMLHeadingElement>;
}) {
  const { dryRun } = report;
  const rejected = report.status === 'rejected';
  const tone = rejected ? styles.error : report.status === 'loaded' ? styles.success : styles.info;
  // The order id beside the row number, when the file has them: what the row is found by again.
  const withOrderIds = report.issues.some((issue) => issue.orderId);
  const tables = Object.entries(report.tables).filter(
    (entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
  );
  return (
    <section
      className={`${styles.section} ${stale ? styles.stale : ''}`}
      aria-labelledby="report-heading"
    >
      <h3 id="report-heading" ref={headingRef} tabIndex={-1}>
        {dryRun ? 'Check result' : 'Load result'}
        {stale ? ' (for the mapping before your last change)' : ''}
      </h3>
      <div className={`${styles.message} ${tone}`} role="status">
        <span className={styles.icon} aria-hidden="true">
          {rejected ? '✗' : report.status === 'loaded' ? '✓' : 'i'}
        </span>
        <div>
          <p className={styles.outcome}>{headline(report)}</p>
          {/* The tables below say the rest; the message explains what they cannot. */}
          {tables.length === 0 && report.ruleCounts.length === 0 && <p>{report.message}</p>}
          {report.demoRemoved && tables.length > 0 && <p>{report.demoRemoved.message}</p>}
        </div>
      </div>

      {report.warnings.length > 0 && (
        <div className={`${styles.message} ${styles.warning}`}>
          <span className={styles.icon} aria-hidden="true">
            !
          </span>
          <ul style={{ margin: 0, paddingLeft: 18 }}>
            {report.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </div>
      )}

      {tables.length > 0 && (
        <table className={styles.counts}>
          <caption className="visually-hidden">
            Rows {dryRun ? 'the load would write' : 'written'} per table
          </caption>
          <thead>
            <tr>
              <th scope="col">Table</th>
              <th scope="col" className="num">
                {dryRun ? 'Would add' : 'New'}
              </th>
              <th scope="col" className="num">
                {dryRun ? 'Would update' : 'Updated'}
              </th>
              <th scope="col" className="num">
                Unchanged
              </th>
            </tr>
          </thead>
          <tbody>
            {tables.map(([table, counts]) => (
              <tr key={table}>
                <th scope="row" className="row-head">
                  {tableLabels[table] ?? table}
                </th>
                <td className="num">{formatCount(counts.inserted)}</td>
                <td className="num">{formatCount(counts.updated)}</td>
                <td className="num">{formatCount(counts.unchanged)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {report.ruleCounts.length > 0 && (
        <>
          <h4>Problems by rule and column</h4>
          <table className={styles.counts}>
            <thead>
              <tr>
                <th scope="col">Problem</th>
                <th scope="col">Column</th>
                <th scope="col" className="num">
                  Rows
                </th>
              </tr>
            </thead>
            <tbody>
              {report.ruleCounts.map((count) => (
                <tr key={`${count.rule}-${count.column ?? ''}`}>
                  <td>
                    {ruleDescriptions[count.rule] ?? count.rule} <code>{count.rule}</code>
                  </td>
                  <td>{count.column ?? '—'}</td>
                  <td className="num">{formatCount(count.count)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {report.rowsRejected > 0 && (
        <p>
          {report.rejectsWritten ? (
            <a className={styles.button} href={`/api/uploads/${uploadId}/rejects`} download>
              ⬇ Download the {formatCount(report.rejectsWritten)} rejected rows (CSV)
            </a>
          ) : null}
        </p>
      )}

      {report.issues.length > 0 && (
        <>
          <h4>
            Rows with problems
            {report.issues.length > ISSUE_ROWS || report.rowsRejected > ISSUE_ROWS
              ? ` (the first ${ISSUE_ROWS})`
              : ''}
          </h4>
          <div
            className={`${styles.scroll} ${styles.scrollTall}`}
            tabIndex={0}
            role="region"
            aria-label="Rows with problems"
          >
            <table>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    Row
                  </th>
                  {withOrderIds && <th scope="col">Order</th>}
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                  <th scope="col">Value</th>
                </tr>
              </thead>
              <tbody>
                {report.issues.slice(0, ISSUE_ROWS).map((issue, i) => (
                  <tr key={`${issue.row}-${issue.rule}-${issue.column ?? ''}-${i}`}>
                    <td className="num">{formatCount(issue.row)}</td>
                    {withOrderIds && <td>{issue.orderId || '—'}</td>}
                    <td>{issue.column ?? '—'}</td>
                    <td>{problemText(issue, report.fileName)}</td>
                    <td className={styles.issueValue} title={issue.value ?? undefined}>
                      {issue.value ?? ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}

      {!dryRun && report.status !== 'rejected' && (
        <p>
          <Link href="/">See the KPIs on the scorecard →</Link>
        </p>
      )}
    </section>
  );
}

/** "Orders.csv, row 3, column "Ship Date": x is not a date" → "x is not a date": the table has the rest. */
function problemText(issue: RowIssue, fileName: string): string {
  const prefix = `${fileName}, row ${issue.row}`;
  if (!issue.message.startsWith(prefix)) return issue.message;
  const rest = issue.message.slice(prefix.length);
  const lead = /^(, column "(?:[^"]|"")*")?: /.exec(rest);
  return lead ? rest.slice(lead[0].length) : issue.message;
}

function headline(report: LoadReport): string {
  const rows = formatCount(report.rowsRead);
  const rejected = formatCount(report.rowsRejected);
  if (report.dryRun) {
    if (report.status === 'rejected')
      return `The load would be refused: ${rejected} of ${rows} rows fail the checks.`;
    if (report.status === 'unchanged')
      return `All ${rows} rows pass, and loading would change nothing.`;
    if (report.rowsRejected > 0)
      return `${rejected} of ${rows} rows would be left out; the rest can be loaded.`;
    return `All ${rows} rows pass the checks. Nothing was loaded yet.`;
  }
  if (report.status === 'rejected')
    return `Not loaded: ${rejected} of ${rows} rows fail the checks. Nothing changed.`;
  if (report.status === 'unchanged') return 'Nothing changed: this data is already loaded.';
  return `Loaded${report.loadId ? ` as load ${report.loadId}` : ''}: ${rows} rows read${
    report.rowsRejected > 0 ? `, ${rejected} left out` : ''
  }.`;
}
