/** Values of DuckDB and ClickHouse results as one comparable shape, for the dialect tests. */

/** 1/0 for booleans, numbers for integers and decimals given as text, null for undefined. */
export function plain(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value === 'bigint') return Number(value);
  // DuckDB's JSON rows give BIGINT, HUGEINT and DECIMAL as text.
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value ?? null;
}

/** NULL equals NULL; numbers equal within 1e-9 (relative above 1); other values exactly. */
export function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number')
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return Object.is(a, b);
}
