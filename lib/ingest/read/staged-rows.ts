import 'server-only';
/** Reading a staged table back: how many rows it holds, and sample values of its first rows. */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { StagedSource } from './stage';

export async function countRows(db: Database, table: string): Promise<number> {
  const row = await db.one<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table)}`);
  return row?.n ?? 0;
}

/** Rows whose values judge the automatic mapping's candidates, in the preview and in a load. */
export const SAMPLE_ROWS = 100;

/** Up to SAMPLE_ROWS non-empty values per header from the first rows of a staged file. */
export async function sampleValues(
  db: Database,
  staged: Pick<StagedSource, 'table' | 'headers' | 'columns'>,
): Promise<{ rows: string[][]; samples: Record<string, string[]> }> {
  const columns = staged.columns.map((c) => quoteIdent(c)).join(', ');
  const records = await db.all(
    `SELECT ${columns} FROM ${quoteIdent(staged.table)} ORDER BY _row LIMIT ${SAMPLE_ROWS}`,
  );
  const rows = records.map((record) =>
    staged.columns.map((c) =>
      record[c] === null || record[c] === undefined ? '' : String(record[c]),
    ),
  );
  const samples: Record<string, string[]> = {};
  staged.headers.forEach((header, i) => {
    samples[header] = rows.map((row) => row[i] ?? '').filter((v) => v.trim() !== '');
  });
  return { rows, samples };
}
