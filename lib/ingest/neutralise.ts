/**
 * CSV/XLSX injection: a text cell that a spreadsheet would run as a formula gets a leading
 * apostrophe. Numbers (including negative ones) stay numbers.
 */
const FORMULA_START = /^[=+\-@\t\r\n\0]/;
const PLAIN_NUMBER = /^[+-]?(\d+([.,]\d+)*|\d*[.,]\d+)([eE][+-]?\d+)?$/;

export function neutraliseCell(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!FORMULA_START.test(value) || PLAIN_NUMBER.test(value)) return value;
  return `'${value}`;
}
