/**
 * With store_rejects most problems land in the rejects table row by row, but DuckDB's CSV reader
 * still fails some files as a whole (line endings mixed outside quotes, above all). Its messages
 * quote SQL, options and the absolute path, so the known ones become ExtractErrors that name the
 * file, and the line where DuckDB gives one; anything else goes on to toUserError (logged, shown
 * as generic).
 */
import { ExtractError } from '../errors';
import type { LineBreaks } from './line-breaks';

export function csvReadError(error: unknown, fileName: string, lineBreaks: LineBreaks): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const line = /CSV Error on Line: (\d+)/i.exec(message)?.[1];
  const at = line ? `, line ${line}` : '';
  if (/state machine reached an invalid state/i.test(message)) {
    const where = lineBreaks.mixedAtLine
      ? `line ${lineBreaks.mixedAtLine} ends with another kind of line break than line 1`
      : 'its lines do not all end with the same kind of line break, or a carriage return stands alone';
    return new ExtractError(
      `${fileName} cannot be read: ${where} (outside quoted values). Save it again with one kind ` +
        'of line ending (CRLF or LF), then load it.',
      'mixed_line_endings',
    );
  }
  if (/invalid unicode|invalid utf-?8/i.test(message)) {
    return new ExtractError(
      `${fileName}${at}: the text is not valid in its encoding. Save it as UTF-8, then load it.`,
      'invalid_encoding',
    );
  }
  if (/maximum line size/i.test(message)) {
    return new ExtractError(`${fileName}${at}: a row is longer than 16 MB.`, 'line_too_long');
  }
  if (line) {
    return new ExtractError(
      `${fileName}, line ${line}: the row cannot be split into fields with the detected delimiter ` +
        'and quote.',
      'malformed_csv',
    );
  }
  return error;
}
