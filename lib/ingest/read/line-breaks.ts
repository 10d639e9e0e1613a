/**
 * Line breaks as a CSV reader sees them: outside quotes they end records, inside quotes they are
 * data. DuckDB's strict reader takes the file's very first line break for the record separator,
 * even when it sits inside a quoted header cell (an Excel export with a line break in a header, in
 * a CRLF file), and then refuses every real record end. Scanning the head tells us when that
 * happens, and where a file mixes kinds of line ending outside quotes.
 */

export interface LineBreaks {
  /** The first line break outside quotes: the record separator ('' when the head has none). */
  record: string;
  /** The file's first line break is inside quotes and of another kind than `record`. */
  misleading: boolean;
  /** 1-based physical line that ends with another kind of line break than the first record. */
  mixedAtLine?: number;
}

/** Scan text (the head of a file) for its line breaks; quote '' means fields are never quoted. */
export function scanLineBreaks(text: string, quote: string, escape: string): LineBreaks {
  let inQuotes = false;
  let first = '';
  let record = '';
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes && escape && escape !== quote && ch === escape) {
      i++;
    } else if (quote && ch === quote) {
      if (inQuotes && escape === quote && text[i + 1] === quote) i++;
      else inQuotes = !inQuotes;
    } else if (ch === '\r' || ch === '\n') {
      const kind = ch === '\r' && text[i + 1] === '\n' ? '\r\n' : ch;
      if (kind === '\r\n') i++;
      first ||= kind;
      if (!inQuotes && !record) record = kind;
      else if (!inQuotes && kind !== record) {
        return { record, misleading: first !== record, mixedAtLine: line };
      }
      line++;
    }
  }
  return { record, misleading: record !== '' && first !== record };
}
