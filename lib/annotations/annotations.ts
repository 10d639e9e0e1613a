import 'server-only';
/**
 * Notes on dates: a user marks a day or a range (a system change, a peak season, a strike) for one
 * KPI or for all of them. Every trend that covers the days shows the note, and so do reports.
 * Anyone who may annotate adds and removes notes; the audit log says who did.
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { getKpi } from '@/lib/kpi/engine';
import { annotationInputSchema, overlaps, type Annotation } from './notes';

export * from './notes';

const columns = `annotation_id AS id, from_day::VARCHAR AS "from", to_day::VARCHAR AS "to", note,
  kpi_id AS kpi, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS "createdAt",
  created_by AS "createdBy"`;

export class AnnotationNotFoundError extends OrderlensError {
  constructor(id: string) {
    super(`There is no note "${id}".`, 'not_found');
  }
}

/** Add a note (checked by annotationInputSchema; a KPI must be in the catalogue). */
export async function addAnnotation(
  db: Database,
  input: unknown,
  createdBy: string | null,
): Promise<Annotation> {
  const a = annotationInputSchema.parse(input);
  if (a.kpi) getKpi(a.kpi);
  const row = await db.transaction((tx) =>
    tx.one<Annotation>(
      `INSERT INTO annotations (annotation_id, from_day, to_day, note, kpi_id, created_at, created_by)
       VALUES ($1, $2::DATE, $3::DATE, $4, $5, now()::TIMESTAMP, $6) RETURNING ${columns}`,
      [randomUUID(), a.from, a.to, a.note, a.kpi, createdBy],
    ),
  );
  return row!;
}

/**
 * The notes that cover any day of [from, to] (either end open), first day first; with a KPI, its
 * own notes and those on every KPI.
 */
export async function listAnnotations(
  db: Database,
  range: { from?: string | null; to?: string | null; kpi?: string | null } = {},
): Promise<Annotation[]> {
  const all = await db.memo('annotations', () =>
    db.read<Annotation>(
      `SELECT ${columns} FROM annotations ORDER BY from_day, to_day, created_at, annotation_id`,
    ),
  );
  return all.filter(
    (a) =>
      overlaps(a, range.from ?? undefined, range.to ?? undefined) &&
      (!range.kpi || a.kpi === null || a.kpi === range.kpi),
  );
}

export async function removeAnnotation(db: Database, id: string): Promise<Annotation> {
  return db.transaction(async (tx) => {
    const row = await tx.one<Annotation>(
      `SELECT ${columns} FROM annotations WHERE annotation_id = $1`,
      [id],
    );
    if (!row) throw new AnnotationNotFoundError(id);
    await tx.run('DELETE FROM annotations WHERE annotation_id = $1', [id]);
    return row;
  });
}
