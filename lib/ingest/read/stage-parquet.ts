import 'server-only';
/** Staging a Parquet file: DuckDB reads it, every column cast to text, numbered by file row. */
import type { Database } from '@/lib/db/database';
import { quoteIdent, quoteLiteral } from '@/lib/db/sql';
import { countRows } from './staged-rows';

export async function stageParquet(db: Database, file: string, table: string) {
  const described = await db.all<{ column_name: string }>(
    `DESCRIBE SELECT * FROM read_parquet(${quoteLiteral(file)})`,
  );
  const headers = described.map((column) => column.column_name);
  const columns = headers.map((_, i) => `c${i}`);
  const select = headers
    .map((name, i) => `CAST(${quoteIdent(name)} AS VARCHAR) AS ${quoteIdent(columns[i]!)}`)
    .join(', ');
  await db.run(
    `CREATE TEMP TABLE ${quoteIdent(table)} AS
       SELECT file_row_number + 1 AS _row, ${select}
         FROM read_parquet(${quoteLiteral(file)}, file_row_number=true)`,
  );
  const rows = await countRows(db, table);
  return { table, headers, columns, rows, structuralRejects: [] };
}
