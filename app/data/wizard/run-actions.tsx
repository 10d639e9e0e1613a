/** Check (dry run) and Load, or, once loaded, the next file; and what stands in the way. */
import styles from '../data.module.css';
import type { Busy } from './types';
import wizard from './wizard.module.css';

export function RunActions({
  busy,
  loaded,
  disabled,
  note,
  warn = false,
  allow,
  onRun,
  onReset,
}: {
  busy: Busy;
  loaded: boolean;
  disabled: boolean;
  /** The line beside the buttons (runNote). */
  note: string;
  /** The note says the load would be refused. */
  warn?: boolean;
  /** After a check the load would fail: the rows to allow to be left out, and allowing them. */
  allow?: { rows: number; onAllow: () => void } | null;
  onRun: (dryRun: boolean) => void;
  onReset: () => void;
}) {
  return (
    <div className={styles.actions}>
      {loaded ? (
        <button
          type="button"
          className={`${styles.button} ${styles.primary}`}
          onClick={() => onReset()}
        >
          Load another file
        </button>
      ) : (
        <>
          <button
            type="button"
            className={styles.button}
            disabled={disabled}
            onClick={() => onRun(true)}
          >
            {busy === 'check' ? (
              <>
                <span className={wizard.spinner} aria-hidden="true" /> Checking every row…
              </>
            ) : (
              'Check (dry run)'
            )}
          </button>
          <button
            type="button"
            className={`${styles.button} ${styles.primary}`}
            disabled={disabled}
            onClick={() => onRun(false)}
          >
            {busy === 'load' ? (
              <>
                <span className={wizard.spinner} aria-hidden="true" /> Loading…
              </>
            ) : (
              'Load'
            )}
          </button>
        </>
      )}
      <span className={`${styles.actionsNote} ${warn ? wizard.refusedNote : ''}`} role="status">
        {note}
      </span>
      {allow && (
        <button type="button" className={styles.button} onClick={allow.onAllow}>
          Allow {allow.rows.toLocaleString('en-US')} {allow.rows === 1 ? 'row' : 'rows'} to be left
          out
        </button>
      )}
    </div>
  );
}
