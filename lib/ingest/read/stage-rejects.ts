import 'server-only';
/**
 * The records DuckDB's strict CSV reader refused, as row issues of the load (one per record, in
 * words), or the file refused outright when a quote that is never closed swallowed its rows.
 */
import type { Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import { ExtractError } from '../errors';
import type { RowIssue } from '../issues';
import type { CsvDialect } from './dialect';

interface Reject {
  line: number;
  column_name: string | null;
  error_type: string;
  error_message: string;
  csv_line: string;
  /** Line breaks inside the rejected record. */
  breaks: number;
}

/**
 * One issue per rejected record. DuckDB logs a row with k fields too many as k entries (found
 * n+1, n+2, …) and one with fields missing as one entry per missing field: keep the entry that
 * tells the real count, and prefer quote and encoding problems, which explain the rest. Only the
 * start of a record's text is fetched: a runaway quote can make it the rest of the file.
 */
export async function readRejects(
  db: Database,
  rejects: string,
  dialect: CsvDialect,
  fileName: string,
  skip: number,
) {
  const rows = await db.all<Reject & Record<string, unknown>>(
    `SELECT line, column_name, error_type, error_message, left(text, 200) AS csv_line,
            len(regexp_extract_all(text, '\\r\\n|\\r|\\n')) AS breaks
       FROM (
         SELECT *, trim(csv_line, chr(13) || chr(10)) AS text, row_number() OVER (
           PARTITION BY line
           ORDER BY CASE error_type WHEN 'UNQUOTED VALUE' THEN 0 WHEN 'INVALID ENCODING' THEN 1
                      WHEN 'INVALID UNICODE' THEN 1 WHEN 'LINE SIZE OVER MAXIMUM' THEN 2 ELSE 3 END,
                    CASE WHEN error_type = 'TOO MANY COLUMNS' THEN -column_idx ELSE column_idx END
         ) AS pick
         FROM ${quoteIdent(rejects)}
       ) WHERE pick = 1 ORDER BY line`,
  );
  const offset = (dialect.header ? 1 : 0) + skip;
  const columnName = (name: string | null) => {
    const index = name && /^c\d+$/.test(name) ? Number(name.slice(1)) : -1;
    return dialect.headers[index] ?? null;
  };
  return rows.map((reject): RowIssue => {
    const row = reject.line - offset;
    if (row >= 1) refuseRunawayQuote(reject, row, fileName);
    return {
      row,
      column: columnName(reject.column_name),
      rule: 'malformed_row',
      message: `${fileName}, row ${row}: ${describeReject(reject.error_type, reject.error_message)}`,
      value: reject.csv_line,
    };
  });
}

/**
 * A quote that is never closed swallows every line after it into one rejected "row": reporting
 * one row left out would hide the rows lost with it, so the file is refused instead.
 */
function refuseRunawayQuote(reject: Reject, row: number, fileName: string) {
  if (reject.error_type !== 'UNQUOTED VALUE' || reject.breaks === 0) return;
  throw new ExtractError(
    `${fileName}, row ${row}: a quote is not closed, so the value runs on over ` +
      `${reject.breaks + 1} lines and the rows within it cannot be told apart. Close the quote ` +
      '(or double a quote inside a value), then load the file again.',
    'unterminated_quote',
  );
}

function describeReject(type: string, message: string): string {
  switch (type) {
    case 'MISSING COLUMNS':
    case 'TOO MANY COLUMNS':
      return `wrong number of fields (${message.replace('Expected Number of Columns', 'expected').replace('Found', 'found')})`;
    case 'UNQUOTED VALUE':
      return 'a quote is not closed or not escaped';
    case 'INVALID UNICODE':
    case 'INVALID ENCODING':
      return 'the text is not valid in the file encoding';
    case 'LINE SIZE OVER MAXIMUM':
      return 'the row is longer than 16 MB';
    default:
      return type.toLowerCase();
  }
}
