import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { toDuckDb } from './dialect-duckdb';
import {
  afterDay,
  always,
  and,
  coalesce,
  col,
  columnsOf,
  count,
  countWhere,
  daysBetween,
  duckdbSql,
  gt,
  hoursBetween,
  isNotNull,
  isNull,
  isTrue,
  lt,
  minus,
  not,
  onOrBeforeDay,
  or,
  sum,
  usesRawSql,
} from './expr';

describe('KPI expressions', () => {
  it('compile to the DuckDB SQL the KPIs were written in', () => {
    expect(toDuckDb(and(not('cancelled'), 'shipped'))).toBe('NOT cancelled AND shipped');
    expect(toDuckDb(countWhere(onOrBeforeDay('delivered_ts', 'promised_delivery_ts')))).toBe(
      'count(*) FILTER (WHERE delivered_ts::DATE <= promised_delivery_ts::DATE)',
    );
    expect(toDuckDb(hoursBetween(coalesce('entered_ts', 'order_ts'), 'released_ts'))).toBe(
      'epoch(released_ts - coalesce(entered_ts, order_ts)) / 3600',
    );
    expect(toDuckDb(daysBetween('return_ts', 'credited_ts'))).toBe(
      'epoch(credited_ts - return_ts) / 86400',
    );
    expect(toDuckDb(sum(minus('lines', 'lines_filled_first')))).toBe(
      'sum(lines - lines_filled_first)',
    );
    expect(toDuckDb(countWhere(not(or('error_return', 'damaged'))))).toBe(
      'count(*) FILTER (WHERE NOT (error_return OR damaged))',
    );
    expect(toDuckDb(and(isNotNull('a_ts'), isNull('b_ts')))).toBe(
      '(a_ts IS NOT NULL) AND (b_ts IS NULL)',
    );
    expect(toDuckDb(isTrue('cancelled'))).toBe('coalesce(cancelled, false)');
    expect(toDuckDb(gt('ship_dates', 1))).toBe('ship_dates > 1');
    expect(toDuckDb(count())).toBe('count(*)');
    expect(toDuckDb(always)).toBe('true');
  });

  it('keep the meaning SQL precedence would change: nested or, and, not are parenthesised', async () => {
    const db = await openMemoryDatabase();
    // a = false, b = true, c = false: NOT (a OR b) AND NOT c is false; unparenthesised, true.
    const expr = and(not(or('a', 'b')), not('c'));
    const [row] = await db.read<{ v: boolean }>(
      `SELECT ${toDuckDb(expr)} AS v FROM (SELECT false AS a, true AS b, false AS c)`,
    );
    expect(row).toEqual({ v: false });
    const late = afterDay('delivered_ts', 'promised_ts');
    const [late1] = await db.read<{ v: boolean }>(
      `SELECT ${toDuckDb(late)} AS v FROM (SELECT TIMESTAMP '2024-01-02 00:30:00' AS delivered_ts, TIMESTAMP '2024-01-01 23:00:00' AS promised_ts)`,
    );
    expect(late1).toEqual({ v: true }); // a day later by the calendar, 1.5 h by the clock
  });

  it('name the columns they read, and say when they hold raw SQL of one dialect', () => {
    expect(columnsOf(and(lt('lines_filled_first', 'lines'), not('cancelled')))).toEqual([
      'lines_filled_first',
      'lines',
      'cancelled',
    ]);
    expect(usesRawSql(countWhere('shipped'))).toBe(false);
    expect(usesRawSql(countWhere(duckdbSql("list_contains(tags, 'rush')")))).toBe(true);
    expect(toDuckDb(countWhere(duckdbSql("list_contains(tags, 'rush')")))).toBe(
      "count(*) FILTER (WHERE list_contains(tags, 'rush'))",
    );
  });

  it('refuse a column name that is not one', () => {
    expect(() => col('order_ts; DROP TABLE orders')).toThrow(/not a fact column name/);
    expect(() => and('shipped', 'Order TS')).toThrow(/not a fact column name/);
  });
});
