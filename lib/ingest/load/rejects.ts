import 'server-only';
/**
 * The rejected rows of a load as a CSV file: row number, reasons, the row as one line of the file
 * (raw_line, to find or paste it whole), then the row's cells under the file's headers.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import Papa from 'papaparse';
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { RowIssue } from '../issues';
import { neutraliseCell } from './neutralise';

const PAGE = 10_000;

export async function writeRejects(
  db: Database,
  out: string,
  stage: {
    table: string;
    headers: string[];
    columns: string[];
    dialect?: { delimiter: string; quote?: string };
  },
  issuesTable: string | undefined,
  structural: RowIssue[],
): Promise<number> {
  const stream = createWriteStream(out, { encoding: 'utf-8' });
  const write = async (cells: unknown[][]) => {
    const text =
      Papa.unparse(
        cells.map((row) => row.map(neutraliseCell)),
        { newline: '\n' },
      ) + '\n';
    if (!stream.write(text)) await once(stream, 'drain');
  };
  await write([['row', 'reasons', 'raw_line', ...stage.headers]]);
  // The staged cells are the row as read: joined in the file's dialect they give its line back
  // (a sheet or Parquet row, which has no line, reads as a CSV line).
  const rawLine = (cells: unknown[]) =>
    Papa.unparse([cells.map((c) => (c === null || c === undefined ? '' : String(c)))], {
      delimiter: stage.dialect?.delimiter ?? ',',
      quoteChar: stage.dialect?.quote || '"',
      newline: '',
    });
  let written = 0;
  const rows = [...structural].sort((a, b) => a.row - b.row);
  if (rows.length) await write(rows.map((r) => [r.row, r.message, r.value ?? '']));
  written += rows.length;
  if (issuesTable) {
    const columns = stage.columns.map((c) => `s.${quoteIdent(c)}`).join(', ');
    for (let offset = 0; ; offset += PAGE) {
      const page = await db.all(
        `SELECT s._row AS row, i.reasons, ${columns}
           FROM ${quoteIdent(stage.table)} AS s
           JOIN (SELECT row, string_agg(message, '; ' ORDER BY rule) AS reasons FROM ${quoteIdent(issuesTable)} GROUP BY row) AS i
             ON i.row = s._row
          ORDER BY s._row LIMIT ${PAGE} OFFSET ${offset}`,
      );
      if (page.length === 0) break;
      await write(
        page.map((r) => {
          const cells = stage.columns.map((c) => r[c] ?? '');
          return [r.row, r.reasons, rawLine(cells), ...cells];
        }),
      );
      written += page.length;
    }
  }
  stream.end();
  await once(stream, 'finish');
  return written;
}
