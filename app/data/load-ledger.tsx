'use client';
/** The load ledger with Undo: every load, newest first; a completed load can be taken back. */
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import type { LedgerEntry, UndoResult } from '@/lib/ingest/load/ledger';
import { formatCount, formatDateTime } from '../ui/format';
import styles from './data.module.css';
import { RequestError, sendJson } from './request';

/** `dependents`: the undo was refused because other loads refer to its orders; offer all. */
/** `clickhouse://u:***@host:port/db?cluster=c…` (as the ledger records it) → `cluster c (host:port/db)`. */
function clusterName(engine: string): string {
  try {
    const url = new URL(engine);
    return `ClickHouse cluster ${url.searchParams.get('cluster') ?? ''} (${url.host}${url.pathname})`;
  } catch {
    return engine;
  }
}

type Outcome = { loadId: number; ok: boolean; text: string; dependents?: boolean };

const tableNames: Record<string, string> = {
  orders: 'orders',
  order_lines: 'order lines',
  shipments: 'shipment lines',
  returns: 'return lines',
};

function describeUndo(result: UndoResult): string {
  const list = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([table, n]) => `${formatCount(n)} ${tableNames[table] ?? table}`)
      .join(', ');
  const removed = list(result.removed);
  const restored = list(result.restored);
  const which =
    result.loads.length > 1
      ? `Loads ${result.loads.join(', ')} were undone together`
      : `Load ${result.loadId} was undone`;
  return (
    `${which}: ${removed ? `removed ${removed}` : 'no rows removed'}` +
    `${restored ? `; restored ${restored} it had replaced` : ''}.`
  );
}

export function LoadLedger({ loads, canUndo }: { loads: LedgerEntry[]; canUndo: boolean }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<number | null>(null);
  const [pending, setPending] = useState<number | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // The Undo button goes away with the load: focus moves to the outcome, not to the page top.
  const outcomeRef = useRef<HTMLDivElement>(null);

  async function undo(loadId: number, cascade = false) {
    setPending(loadId);
    setOutcome(null);
    try {
      const result = await sendJson<UndoResult>(
        `/api/loads/${loadId}/undo`,
        cascade ? { cascade: true } : undefined,
      );
      setOutcome({ loadId, ok: true, text: describeUndo(result) });
      router.refresh();
    } catch (error) {
      const dependents = error instanceof RequestError && error.code === 'has_dependents';
      setOutcome({ loadId, ok: false, text: (error as Error).message, dependents });
    } finally {
      setPending(null);
      setConfirming(null);
      requestAnimationFrame(() => outcomeRef.current?.focus());
    }
  }

  if (loads.length === 0) {
    return (
      <div className={styles.emptyState}>
        <strong>Nothing loaded yet</strong>
        Upload an extract above; every load will be listed here, and can be undone.
      </div>
    );
  }

  return (
    <>
      <div aria-live="polite">
        {outcome && (
          <div
            ref={outcomeRef}
            tabIndex={-1}
            className={`${styles.message} ${outcome.ok ? styles.success : styles.error}`}
            role={outcome.ok ? 'status' : 'alert'}
          >
            <span className={styles.icon} aria-hidden="true">
              {outcome.ok ? '✓' : '✗'}
            </span>
            <div>
              <p>{outcome.text}</p>
              {outcome.dependents && canUndo && (
                // The second confirmation: the first named one load, this one names them all.
                <span className={`${styles.confirm} ${styles.confirmBelow}`}>
                  <button
                    type="button"
                    className={`${styles.button} ${styles.small} ${styles.danger}`}
                    disabled={pending !== null}
                    onClick={() => void undo(outcome.loadId, true)}
                  >
                    Undo them all together
                  </button>
                  <button
                    type="button"
                    className={`${styles.button} ${styles.small}`}
                    disabled={pending !== null}
                    onClick={() => setOutcome(null)}
                  >
                    Keep
                  </button>
                </span>
              )}
            </div>
          </div>
        )}
      </div>
      <div className={styles.scroll} tabIndex={0} role="region" aria-label="Loads, newest first">
        <table>
          <caption className="visually-hidden">{loads.length} loads, newest first</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                Load
              </th>
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
              <th scope="col">Time</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {loads.map((load) => {
              // A load into a ClickHouse cluster is undone where the cluster is set: the CLI.
              const undoable =
                canUndo &&
                !load.engine &&
                (load.status === 'loaded' || load.status === 'unchanged');
              return (
                <tr
                  key={load.loadId}
                  className={load.status === 'undone' ? styles.undoneRow : undefined}
                >
                  <td className="num">{load.loadId}</td>
                  <td className={styles.ledgerFile}>
                    {load.fileName}
                    {load.isDemo && <span className="tag">demo</span>}
                    {load.engine && (
                      <>
                        <span className="tag">ClickHouse</span>
                        <span className={styles.ledgerMessage} title={load.engine}>
                          Rows on {clusterName(load.engine)}, which this app does not read yet; undo
                          with <code>orderlens undo {load.loadId} --engine …</code>
                        </span>
                      </>
                    )}
                    {load.status === 'rejected' && load.message && (
                      <span className={styles.ledgerMessage}>{load.message}</span>
                    )}
                  </td>
                  <td>{load.target}</td>
                  <td>
                    <span className={`status status-${load.status}`}>{load.status}</span>
                    {load.undoneAt && (
                      <span className={styles.ledgerMessage}>{formatDateTime(load.undoneAt)}</span>
                    )}
                  </td>
                  <td className="num">{formatCount(load.rowsRead)}</td>
                  <td className="num">{formatCount(load.rowsInserted)}</td>
                  <td className="num">{formatCount(load.rowsUpdated)}</td>
                  <td className="num">{formatCount(load.rowsRejected)}</td>
                  <td className="nowrap">{formatDateTime(load.finishedAt ?? load.startedAt)}</td>
                  <td className="num">
                    {undoable &&
                      (confirming === load.loadId ? (
                        <span className={styles.confirm}>
                          <span className={styles.confirmText}>Undo load {load.loadId}?</span>
                          <button
                            type="button"
                            className={`${styles.button} ${styles.small} ${styles.danger}`}
                            disabled={pending !== null}
                            onClick={() => void undo(load.loadId)}
                            // The confirm button takes focus so Enter confirms and Tab reaches Keep.
                            autoFocus
                          >
                            {pending === load.loadId ? 'Undoing…' : 'Yes, undo'}
                          </button>
                          <button
                            type="button"
                            className={`${styles.button} ${styles.small}`}
                            disabled={pending !== null}
                            onClick={() => setConfirming(null)}
                          >
                            Keep
                          </button>
                        </span>
                      ) : (
                        <button
                          type="button"
                          className={`${styles.button} ${styles.small}`}
                          disabled={pending !== null}
                          onClick={() => {
                            setConfirming(load.loadId);
                            setOutcome(null);
                          }}
                          aria-label={`Undo load ${load.loadId} (${load.fileName})`}
                        >
                          Undo
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
}
