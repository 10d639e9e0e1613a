/**
 * One cell's value, as exceljs's streaming reader gives it, to the exact text the CSV carries.
 * Pure (no I/O). Dates become ISO text, numbers their shortest round-trip form, errors nothing.
 */

const MS_PER_DAY = 86_400_000;
/** Days from 1899-12-30 (the 1900 system's day 0, leap-year bug included) to 1970-01-01. */
const EPOCH_1900 = 25569;
/** The 1904 system's day 0 is 1904-01-01, 1462 days after the 1900 system's. */
const OFFSET_1904 = 1462;

/**
 * exceljs returns a Date for a plain number cell whose format it sees as a date, and the serial
 * number for everything else, including formula results, so those are checked here too.
 */
export function cellText(value: unknown, numFmt: string | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return unescapeOoxml(value);
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? formatDate(serialToDate(value, date1904)) : formatNumber(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return formatDate(value);
  if (typeof value !== 'object') return '';
  if ('richText' in value && Array.isArray(value.richText)) {
    const runs = value.richText as Array<{ text?: unknown }>;
    return unescapeOoxml(
      runs.map((run) => (typeof run.text === 'string' ? run.text : '')).join(''),
    );
  }
  // Formulas give their cached result (absent when never calculated); errors (#N/A…) give nothing.
  if ('formula' in value || 'sharedFormula' in value) {
    return 'result' in value ? cellText(value.result, numFmt, date1904) : '';
  }
  if ('text' in value && typeof value.text === 'string') return unescapeOoxml(value.text); // hyperlink
  return '';
}

/**
 * Excel's rule, as exceljs applies it but case-insensitive (Excel accepts YYYY-MM-DD) and ignoring
 * escaped characters: a date/time code outside quoted text, [colour]/[$-locale] and \x escapes.
 */
export function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const bare = numFmt
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(?!h+]|m+]|s+])[^\]]*]/gi, '');
  return /[dmyhsb]/i.test(bare);
}

export function serialToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - EPOCH_1900 + (date1904 ? OFFSET_1904 : 0)) * MS_PER_DAY));
}

/**
 * Serial dates are wall-clock time with no zone, so they are read and written as UTC, whatever the
 * process TZ. Seconds are rounded to the nearest (serials are binary fractions of a day).
 */
export function formatDate(date: Date): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  if (!Number.isFinite(ms)) return '';
  const rounded = new Date(ms);
  const year = rounded.getUTCFullYear();
  if (year < 0 || year > 9999) return '';
  const iso = rounded.toISOString(); // YYYY-MM-DDTHH:MM:SS.000Z for years 0-9999
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
}

/** Shortest round-trip text, written out in full where String() would use an exponent. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return '';
  const text = String(n);
  if (!text.includes('e')) return text;
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!m) return text;
  const [, sign = '', lead = '', fraction = '', exponent = '0'] = m;
  const digits = lead + fraction;
  const point = 1 + Number(exponent); // position of the decimal point within digits
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  // String() uses an exponent only from 1e21, longer than any double's 17 significant digits.
  return `${sign}${digits.padEnd(point, '0')}`;
}

/** OOXML writes characters XML cannot carry (CR, most controls) as _xHHHH_; _x005F_ is '_'. */
export function unescapeOoxml(text: string): string {
  if (!text.includes('_x')) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/** RFC 4180: quote a field holding a comma, quote, CR or LF, doubling its quotes; '\n' ends lines. */
export function csvLine(fields: string[]): string {
  const quoted = fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f));
  return `${quoted.join(',')}\n`;
}
