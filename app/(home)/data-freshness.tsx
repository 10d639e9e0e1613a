import 'server-only';
/**
 * The scorecard's freshness panel (issue 19): a line per source with its newest date, its last
 * load and how often it usually arrives, and a warning in words for a source that is overdue.
 * Rendered in its own Suspense boundary; lib/ingest/load/freshness.ts does the reading and judging.
 */
import Link from 'next/link';
import { dataFreshness, type SourceFreshness } from '@/lib/ingest/load/freshness';
import { getServerDatabase } from '@/runtime/database';
import { formatDay } from '../ui/format';
import styles from './data-freshness.module.css';

export async function DataFreshness() {
  const db = await getServerDatabase();
  const sources = await dataFreshness(db, new Date());
  if (sources.length === 0) return null;
  const overdue = sources.filter((s) => s.overdue);
  return (
    <section className={styles.panel} aria-labelledby="freshness-heading">
      <div className={styles.head}>
        <h2 id="freshness-heading">Data freshness</h2>
        <Link href="/data">
          Load ledger<span className="visually-hidden"> on the Data page</span> →
        </Link>
      </div>
      {overdue.map((s) => (
        <p key={s.table} className={styles.overdue}>
          <span className={styles.icon} aria-hidden="true">
            ▲
          </span>{' '}
          <span>{s.overdueReason}</span>
        </p>
      ))}
      {sources.every((s) => s.demo) ? (
        // One line for the demo: four lines saying "generated" would crowd the scorecard.
        <p className={styles.list}>
          Generated demo data, {newestWords(sources[0]!)}: no delivery schedule is judged until your
          own extracts arrive.
        </p>
      ) : (
        <SourceList sources={sources} />
      )}
    </section>
  );
}

function SourceList({ sources }: { sources: SourceFreshness[] }) {
  return (
    <ul className={styles.list}>
      {sources.map((s) => (
        <li key={s.table}>
          <strong>{s.label}</strong> <span aria-hidden="true">—</span> {newestWords(s)}
          {s.lastLoad && (
            <>
              {' · '}last loaded {formatDay(s.lastLoad.finishedAt)} from{' '}
              <span className={styles.file}>{s.lastLoad.fileName}</span>
            </>
          )}
          {' · '}
          {s.overdue ? (
            <span className={styles.late}>
              <span aria-hidden="true">▲ </span>overdue, {s.cadenceNote}
            </span>
          ) : (
            <span className={s.cadence ? undefined : styles.muted}>{s.cadenceNote}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** "newest order date 2026-12-03, 4 days old" (by the table's own date), or that no row has that date. */
function newestWords(s: SourceFreshness): string {
  if (s.newest === null || s.ageDays === null) return `no ${s.dateOf} in the data`;
  const age =
    s.ageDays === 0 ? 'from today' : s.ageDays === 1 ? '1 day old' : `${s.ageDays} days old`;
  return `newest ${s.dateOf} ${formatDay(s.newest)}, ${age}`;
}
