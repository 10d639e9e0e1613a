import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { listAnnotations, noteDays } from '@/lib/annotations/annotations';
import { can } from '@/lib/auth/roles';
import { getKpi } from '@/lib/kpi/engine';
import { getServerDatabase } from '@/runtime/database';
import { DeleteButton } from '../benchmarks/forms/delete-button';
import styles from '../ui/annotations/annotations.module.css';
import { requirePage } from '../session';

export const metadata: Metadata = { title: 'Notes on dates' };

/** The KPI's name, or its id when the catalogue no longer has it. */
function kpiName(id: string): string {
  try {
    return getKpi(id).name;
  } catch {
    return id;
  }
}

/**
 * Every note on dates, first day first, with Remove for those who may annotate. Notes are added
 * under a KPI's trend ("Add a note"), where the bump they explain is seen.
 */
export default async function AnnotationsPage() {
  await connection();
  const identity = await requirePage('view', '/annotations');
  const notes = await listAnnotations(await getServerDatabase());
  const mayRemove = can(identity.role, 'annotate');
  return (
    <>
      <h1>Notes on dates</h1>
      <p className="lede">
        A note marks a day or a range (a system change, a peak season, a strike). It shows on every
        trend that covers it, numbered on the chart and listed under it, and in reports. Add one
        under a KPI&apos;s trend, e.g.{' '}
        <Link href="/kpis/order_fill_rate#trend">order fill rate</Link>.
      </p>
      <section className="panel" aria-labelledby="notes-h">
        <h2 id="notes-h">
          {notes.length} {notes.length === 1 ? 'note' : 'notes'}
        </h2>
        {notes.length === 0 ? (
          <p>No notes yet.</p>
        ) : (
          <ul className={styles.list}>
            {notes.map((n) => (
              <li key={n.id}>
                <span className={styles.days}>{noteDays(n)}</span>
                <span className={styles.text}>{n.note}</span>
                <span className={styles.meta}>
                  {n.kpi ? <Link href={`/kpis/${n.kpi}#trend`}>{kpiName(n.kpi)}</Link> : 'All KPIs'}
                  {n.createdBy ? ` · by ${n.createdBy}` : ''}
                </span>
                {mayRemove && (
                  <DeleteButton
                    url={`/api/annotations/${encodeURIComponent(n.id)}`}
                    what={`the note “${n.note.length > 40 ? `${n.note.slice(0, 40)}…` : n.note}”`}
                    label="Remove"
                  />
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
