/**
 * The one place identifiers are quoted. Identifiers come only from our own catalogue and schema;
 * values always travel as bound parameters.
 */

/** Quote an identifier for DuckDB ("a""b"). */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes('\0')) throw new Error('invalid identifier');
  return `"${name.replaceAll('"', '""')}"`;
}

/** Quote a string literal, for the few DuckDB options that do not accept parameters (file paths we generate). */
export function quoteLiteral(value: string): string {
  if (value.includes('\0')) throw new Error('invalid literal');
  return `'${value.replaceAll("'", "''")}'`;
}
