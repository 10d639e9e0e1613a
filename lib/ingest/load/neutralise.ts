/**
 * CSV/XLSX injection: a text cell that a spreadsheet would run as a formula gets a leading
 * apostrophe. Numbers (including negative ones) stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)([eE][+-]?\d+)?$/;

/**
 * A cell echoed from an extract, where numbers arrive as text: text that looks like a plain
 * number ("-2") is kept, since it is the number the file held.
 */
export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}

/**
 * A cell known to be text (a name, a label), where numbers are written as numbers: any formula
 * start is neutralised, "-2" included, so a site named "-2+3" or "-2" is never evaluated.
 */
export function neutraliseText(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
