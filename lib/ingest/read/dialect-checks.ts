/**
 * Second opinions on DuckDB's sniffer, from the head of the file parsed by PapaParse. The sniffer
 * optimises for a consistent table, and on ragged or oddly quoted files it gets there by choosing
 * a rare quote or by skipping real rows as if they were a preamble: the header then becomes a
 * data row and the data silently disappears. These checks keep what a person would see.
 */
import Papa from 'papaparse';
import { ExtractError } from '../errors';

export interface Quoting {
  delimiter: string;
  quote: string;
  escape: string;
  comment: string;
}

/** The quote that opens more fields in the head: the sniffer's choice or the usual '"'. */
export function preferredQuote(head: string, sniffed: string, delimiter: string): string {
  if (!sniffed || sniffed === '"') return '"';
  const opening = (quote: string) => {
    const starts = new RegExp(
      `(^|[\\r\\n]|${escapeRegExp(delimiter || ',')})${escapeRegExp(quote)}`,
      'g',
    );
    return head.match(starts)?.length ?? 0;
  };
  return opening(sniffed) > opening('"') ? sniffed : '"';
}

/**
 * Lines the sniffer would skip count as a preamble only when they look like one — blank, or a
 * title with at most one non-empty field and no quote (a quote may open a multi-line record) —
 * and when a header and a data line remain after them.
 */
export function plausiblePreamble(lines: string[], rest: string, quoting: Quoting): boolean {
  const remaining = rest.split(/\r\n|\n|\r/, 3).filter((line) => line.trim() !== '');
  if (lines.length > 0 && remaining.length < 2) return false;
  return lines.every((line) => {
    if (line.trim() === '') return true;
    if (quoting.quote && line.includes(quoting.quote)) return false;
    const fields = line.split(quoting.delimiter);
    return fields.filter((field) => field.trim() !== '').length <= 1;
  });
}

const SAMPLE_ROWS = 1000;
const MIN_SAMPLE = 20;

/**
 * When most rows of the head do not have the first record's number of fields, the file is not
 * one table under this dialect. Say so at once: DuckDB would reject row by row, and with many
 * extra fields per row that costs seconds per megabyte.
 */
export function checkFieldCounts(
  text: string,
  quoting: Quoting,
  header: boolean,
  truncated: boolean,
  fileName: string,
) {
  const records = Papa.parse<string[]>(text, {
    delimiter: quoting.delimiter,
    quoteChar: quoting.quote || '\u0000',
    escapeChar: quoting.escape || quoting.quote || '\u0000',
    comments: quoting.comment || false,
    skipEmptyLines: true,
    preview: SAMPLE_ROWS + 1,
  }).data;
  // The last record of a cut-off head may be cut too.
  const sample = (truncated ? records.slice(0, -1) : records).slice(1);
  const expected = records[0]?.length ?? 0;
  const wrong = sample.filter((record) => record.length !== expected);
  if (sample.length < MIN_SAMPLE || wrong.length * 2 <= sample.length) return;
  const first = sample.findIndex((record) => record.length !== expected);
  const row = first + (header ? 1 : 2);
  throw new ExtractError(
    `${fileName}: ${wrong.length} of the first ${sample.length} rows do not have the ` +
      `${expected} fields of the ${header ? 'header' : 'first row'} (row ${row} has ` +
      `${sample[first]!.length}). Check the delimiter, and whether lines above the header ` +
      'should be skipped.',
    'inconsistent_fields',
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
