/**
 * The ClickHouse dialect of KPI expressions: the SQL text of every node kind, then on the local
 * cluster (ClickHouse 18.16) the same expressions over the same twelve rows as in DuckDB, row by
 * row and as aggregates, compared value by value. Some expected values are written by hand too,
 * so that both engines being wrong the same way fails.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickhouseInstalled, clusterSuiteName, useLocalCluster } from '@/test/clickhouse-cluster';
import type { ParamValue } from '@/lib/clickhouse/sql';
import { toClickHouse } from './dialect-clickhouse';
import { toDuckDb } from './dialect-duckdb';
import {
  afterDay,
  always,
  and,
  coalesce,
  col,
  count,
  countWhere,
  day,
  daysBetween,
  duckdbSql,
  gt,
  gte,
  hoursBetween,
  isNotNull,
  isNull,
  isTrue,
  lt,
  lte,
  minus,
  never,
  not,
  onOrBeforeDay,
  or,
  sum,
  type CompareOp,
  type Expr,
  type Operand,
} from './expr';
import { plain, same } from '@/test/engine-values';

const cmp = (op: CompareOp, left: Operand, right: Operand): Expr => ({
  kind: 'compare',
  op,
  left: typeof left === 'object' ? left : typeof left === 'string' ? col(left) : lit(left),
  right: typeof right === 'object' ? right : typeof right === 'string' ? col(right) : lit(right),
});
const lit = (value: boolean | number): Expr => ({ kind: 'literal', value });
const column = (name: string): Expr => ({ kind: 'column', name });

describe('toClickHouse: the SQL of each node kind', () => {
  it('columns: bare, or quoted when not a plain name or a word of the expression grammar', () => {
    expect(toClickHouse(col('promised_ship_ts'))).toBe('promised_ship_ts');
    expect(toClickHouse(column('not'))).toBe('`not`');
    expect(toClickHouse(column('null'))).toBe('`null`');
    expect(toClickHouse(column('interval'))).toBe('`interval`');
    expect(toClickHouse(column('Order TS'))).toBe('`Order TS`');
    expect(toClickHouse(column('a`b'))).toBe('`a\\`b`');
  });

  it('literals: booleans as 1/0, numbers exact, negatives in parentheses', () => {
    expect(toClickHouse(always)).toBe('1');
    expect(toClickHouse(never)).toBe('0');
    expect(toClickHouse(lit(3))).toBe('3');
    expect(toClickHouse(lit(0.1))).toBe('0.1');
    expect(toClickHouse(lit(-2.5))).toBe('(-2.5)');
    expect(toClickHouse(lit(-0))).toBe('0');
    expect(() => toClickHouse(lit(Infinity))).toThrow(/a KPI literal: Infinity is not a finite/);
    expect(() => toClickHouse(lit(NaN))).toThrow(/not a finite number/);
  });

  it('not, is null, is not null', () => {
    expect(toClickHouse(not('cancelled'))).toBe('NOT cancelled');
    expect(toClickHouse(not(not('cancelled')))).toBe('NOT (NOT cancelled)');
    expect(toClickHouse(not(gt('x', 'y')))).toBe('NOT (x > y)');
    expect(toClickHouse(isNull('released_ts'))).toBe('isNull(released_ts)');
    expect(toClickHouse(isNotNull('released_ts'))).toBe('isNotNull(released_ts)');
  });

  it('and/or: three-valued through multiIf where an argument may be NULL', () => {
    expect(toClickHouse(and('a', 'b'))).toBe(
      'multiIf(NOT ifNull(a, 1) OR NOT ifNull(b, 1), 0, isNull(a) OR isNull(b), NULL, 1)',
    );
    expect(toClickHouse(or('a', 'b'))).toBe(
      'multiIf(ifNull(a, 0) OR ifNull(b, 0), 1, isNull(a) OR isNull(b), NULL, 0)',
    );
    // A NOT flips the test on its argument; NOT x is NULL exactly where x is.
    expect(toClickHouse(and(not('cancelled'), 'shipped'))).toBe(
      'multiIf(ifNull(cancelled, 0) OR NOT ifNull(shipped, 1), 0, isNull(cancelled) OR isNull(shipped), NULL, 1)',
    );
    expect(toClickHouse(not(or('error_return', 'damaged')))).toBe(
      'NOT multiIf(ifNull(error_return, 0) OR ifNull(damaged, 0), 1, isNull(error_return) OR isNull(damaged), NULL, 0)',
    );
    // Arguments that are never NULL take no ifNull and are not tested for NULL.
    expect(toClickHouse(and('a', isNull('x'), always))).toBe(
      'multiIf(NOT ifNull(a, 1) OR NOT isNull(x) OR NOT 1, 0, isNull(a), NULL, 1)',
    );
    expect(toClickHouse(or(gt('x', 1), isTrue('b')))).toBe(
      'multiIf(ifNull(x > 1, 0) OR coalesce(b, 0), 1, isNull(x > 1), NULL, 0)',
    );
    // One argument: itself.
    expect(toClickHouse(and('a'))).toBe('a');
    expect(() => toClickHouse(or())).toThrow('or() of no conditions cannot be compiled');
  });

  it('and/or: plain AND/OR where no argument can be NULL, parenthesised as in DuckDB', () => {
    expect(toClickHouse(and(isNotNull('a_ts'), isNull('b_ts')))).toBe(
      'isNotNull(a_ts) AND isNull(b_ts)',
    );
    expect(toClickHouse(and(isTrue('a'), not(isTrue('b'))))).toBe(
      'coalesce(a, 0) AND NOT coalesce(b, 0)',
    );
    expect(toClickHouse(or(and(isTrue('a'), isTrue('b')), not(isNull('c'))))).toBe(
      '(coalesce(a, 0) AND coalesce(b, 0)) OR isNotNull(c)',
    );
    expect(toClickHouse(and(always, not(or(never, isNull('c')))))).toBe(
      '1 AND (NOT (0 OR isNull(c)))',
    );
  });

  it('compare, coalesce, minus', () => {
    expect(toClickHouse(gt('ship_dates', 1))).toBe('ship_dates > 1');
    expect(toClickHouse(lt('lines_filled_first', 'lines'))).toBe('lines_filled_first < lines');
    expect(toClickHouse(cmp('<>', 'a', true))).toBe('a <> 1');
    expect(toClickHouse(cmp('=', minus('x', 'y'), -1))).toBe('(x - y) = (-1)');
    expect(toClickHouse(isTrue('cancelled'))).toBe('coalesce(cancelled, 0)');
    expect(toClickHouse(coalesce('entered_ts', 'order_ts'))).toBe('coalesce(entered_ts, order_ts)');
    expect(toClickHouse(minus('lines', 'lines_filled_first'))).toBe('lines - lines_filled_first');
    expect(toClickHouse(minus('x', minus('y', -1)))).toBe('x - (y - (-1))');
  });

  it('day: the UTC calendar day; compared as Dates', () => {
    expect(toClickHouse(day('ship_ts'))).toBe("toDate(ship_ts, 'UTC')");
    expect(toClickHouse(day(day('ship_ts')))).toBe("toDate(ship_ts, 'UTC')");
    expect(toClickHouse(onOrBeforeDay('delivered_ts', 'promised_delivery_ts'))).toBe(
      "toDate(delivered_ts, 'UTC') <= toDate(promised_delivery_ts, 'UTC')",
    );
    expect(toClickHouse(afterDay('delivered_ts', 'promised_delivery_ts'))).toBe(
      "toDate(delivered_ts, 'UTC') > toDate(promised_delivery_ts, 'UTC')",
    );
  });

  it('span: whole seconds between two DateTimes, divided as Float64', () => {
    expect(toClickHouse(hoursBetween(coalesce('entered_ts', 'order_ts'), 'released_ts'))).toBe(
      '(toUnixTimestamp(released_ts) - toUnixTimestamp(coalesce(entered_ts, order_ts))) / 3600',
    );
    expect(toClickHouse(daysBetween('return_ts', 'credited_ts'))).toBe(
      '(toUnixTimestamp(credited_ts) - toUnixTimestamp(return_ts)) / 86400',
    );
    expect(toClickHouse(gt(daysBetween('a_ts', 'b_ts'), 2))).toBe(
      '((toUnixTimestamp(b_ts) - toUnixTimestamp(a_ts)) / 86400) > 2',
    );
  });

  it('count and sum: FILTER as countIf of a non-Nullable condition, sum NULL on no rows', () => {
    expect(toClickHouse(count())).toBe('count()');
    expect(toClickHouse(countWhere('shipped'))).toBe('countIf(ifNull(shipped, 0))');
    expect(toClickHouse(countWhere(onOrBeforeDay('delivered_ts', 'promised_delivery_ts')))).toBe(
      "countIf(ifNull(toDate(delivered_ts, 'UTC') <= toDate(promised_delivery_ts, 'UTC'), 0))",
    );
    // Never NULL, so never Nullable: no ifNull.
    expect(toClickHouse(countWhere(isTrue('restocked')))).toBe('countIf(coalesce(restocked, 0))');
    expect(toClickHouse(countWhere(always))).toBe('countIf(1)');
    expect(toClickHouse(sum('qty_shipped'))).toBe('sum(toNullable(qty_shipped))');
    expect(toClickHouse(sum(minus('lines', 'lines_filled_first')))).toBe(
      'sum(toNullable(lines - lines_filled_first))',
    );
  });

  it('refuses raw DuckDB SQL, wherever it sits', () => {
    const raw = countWhere(and('shipped', duckdbSql("list_contains(tags, 'rush')")));
    expect(() => toClickHouse(raw)).toThrow(
      `This KPI uses DuckDB-only SQL (duckdbSql: "list_contains(tags, 'rush')"), which cannot run on ClickHouse`,
    );
  });
});

// --- the same values on ClickHouse 18.16 and DuckDB ------------------------------------------------

interface Fact {
  id: number;
  s: string | null;
  e: string | null;
  a: boolean | null;
  b: boolean | null;
  x: number | null;
  y: number | null;
  label: string | null;
}

const fact = (
  id: number,
  s: string | null,
  e: string | null,
  a: boolean | null,
  b: boolean | null,
  x: number | null,
  y: number | null,
  label: string | null,
): Fact => ({ id, s, e, a, b, x, y, label });

const T = true;
const F = false;
const N = null;

/** Twelve rows: NULLs in every column, same-day and next-day spans, 23:59:59 and 00:00:00. */
const FACTS: Fact[] = [
  fact(1, '2024-01-01 08:00:00', '2024-01-01 17:30:00', T, F, 1.5, 2, 'web'),
  fact(2, '2024-01-01 23:59:59', '2024-01-02 00:00:00', F, T, 0.25, N, 'edi'),
  fact(3, '2024-01-02 00:00:00', '2024-01-02 00:00:00', N, T, N, 3, N),
  fact(4, N, '2024-01-03 12:00:00', T, N, -2.75, 0.1, 'web'),
  fact(5, '2024-01-03 10:20:30', N, N, N, 10, N, 'edi'),
  fact(6, '2024-01-05 18:45:00', '2024-01-04 06:15:15', F, F, 0.1, 0.2, 'web'),
  fact(7, '2024-02-28 22:00:00', '2024-03-01 01:00:00', T, T, 0.001, 7, 'edi'),
  fact(8, '2024-01-10 00:00:00', '2024-01-10 23:59:59', F, N, 3, 3, 'web'),
  fact(9, N, N, N, N, N, N, N),
  fact(10, '2024-12-31 23:59:59', '2025-01-01 00:00:01', N, F, N, -1, 'edi'),
  fact(11, '2024-03-31 01:30:00', '2024-10-27 02:30:00', T, N, 7.125, 7.125, 'web'),
  fact(12, '2024-06-15 12:00:00', '2024-06-15 12:00:00', T, T, 0, N, 'edi'),
];

/** Per-row expressions: every node kind, nested, with NULLs. */
const ROW_EXPRESSIONS: Record<string, Expr> = {
  column: col('x'),
  'timestamp column': col('s'),
  'literal true': always,
  'literal false': never,
  'literal number': lit(-2.5),
  not: not('a'),
  'not not': not(not('b')),
  'not of a comparison': not(gt('x', 'y')),
  and: and('a', 'b'),
  or: or('a', 'b'),
  'and not': and('a', not('b')),
  'or of and and not': or(and('a', 'b'), not('a')),
  'not or': not(or('a', 'b')),
  'and of three, one an is-null': and('a', 'b', isNull('x')),
  'or with is null': or(isNull('s'), 'a'),
  'and with true': and(always, 'a'),
  'or with false': or(never, 'b'),
  'and of never-null': and(isTrue('a'), not(isTrue('b'))),
  'or of is-nulls': or(isNull('s'), isNull('e')),
  'and of comparisons': and(gt('x', 0), lt('y', 5)),
  'or of comparisons, not': or(not(gte('x', 'y')), lte('y', 0.2)),
  'compare >': gt('x', 'y'),
  'compare <=': lte('x', 1.5),
  'compare >= negative': gte('y', -1),
  'compare = true': cmp('=', 'a', true),
  'compare <> false': cmp('<>', 'b', false),
  'compare = of flags': cmp('=', 'a', 'b'),
  'is null': isNull('a'),
  'is null of a timestamp': isNull('s'),
  'is null of a text': isNull('label'),
  'is not null': isNotNull('x'),
  'coalesce with false': isTrue('a'),
  'coalesce with true': coalesce('b', true),
  'coalesce of numbers': coalesce('x', 'y'),
  'coalesce of numbers and 0': coalesce('x', 'y', 0),
  'coalesce of timestamps': coalesce('s', 'e'),
  'not coalesce': not(isTrue('b')),
  day: day('s'),
  'day of day': day(day('e')),
  'on or before day': onOrBeforeDay('s', 'e'),
  'after day': afterDay('s', 'e'),
  'same day': cmp('=', day('s'), day('e')),
  'other day': cmp('<>', day('s'), day('e')),
  'hours between': hoursBetween('s', 'e'),
  'days between': daysBetween('s', 'e'),
  'hours from a coalesce': hoursBetween(coalesce('s', 'e'), 'e'),
  'hours compared': gt(hoursBetween('s', 'e'), 24),
  minus: minus('x', 'y'),
  'minus a negative': minus('x', -1),
  'minus of a span': minus(daysBetween('s', 'e'), 1),
  'minus of integers': minus(col('id'), 20),
};

/** The row expressions that are conditions, also run as a WHERE. */
const CONDITION_NAMES = Object.keys(ROW_EXPRESSIONS).filter(
  (name) =>
    !/^(column|timestamp column|literal number|coalesce of|day$|day of day|hours between|days between|hours from|minus)/.test(
      name,
    ),
);

/** Aggregates, each over every filter below. */
const AGGREGATES: Record<string, Expr> = {
  count: count(),
  'count where a': countWhere('a'),
  'count where not a': countWhere(not('a')),
  'count where a and b': countWhere(and('a', 'b')),
  'count where a or b': countWhere(or('a', 'b')),
  'count where not (a or b)': countWhere(not(or('a', 'b'))),
  'count where on or before day': countWhere(onOrBeforeDay('s', 'e')),
  'count where true': countWhere(always),
  'count where false': countWhere(never),
  'count where is true': countWhere(isTrue('b')),
  'count where the span is over 24 h': countWhere(gt(hoursBetween('s', 'e'), 24)),
  'sum of a Nullable Float64': sum('x'),
  'sum of a non-Nullable integer': sum('id'),
  'sum of a difference': sum(minus('x', 'y')),
  'sum of hours': sum(hoursBetween('s', 'e')),
  'sum of a coalesce': sum(coalesce('y', 0)),
};

/** The filters of the aggregates: all rows, none, only the all-NULL row, compiled conditions. */
const FILTERS: Record<string, { duckdb: string; clickhouse: string }> = {
  'all rows': { duckdb: 'true', clickhouse: '1' },
  'no rows': { duckdb: 'id > 100', clickhouse: 'id > 100' },
  'only the all-NULL row': { duckdb: 'id = 9', clickhouse: 'id = 9' },
};
/** As the WHERE: the same conditions as some counts (18.16 makes the filter a constant). */
const CONDITIONS: Record<string, Expr> = {
  'where a': col('a'),
  'where a or b': or('a', 'b'),
  'where not a and b': and(not('a'), 'b'),
  'where the span is over 24 h': gt(hoursBetween('s', 'e'), 24),
  'where no row qualifies': and('a', not('a')),
};
for (const [name, expr] of Object.entries(CONDITIONS))
  FILTERS[name] = { duckdb: toDuckDb(expr), clickhouse: toClickHouse(expr) };

function expectSame(clickhouse: unknown[], duckdb: unknown[], what: string) {
  const equal =
    clickhouse.length === duckdb.length && clickhouse.every((v, i) => same(v, duckdb[i]));
  if (!equal) expect(clickhouse, what).toEqual(duckdb);
}

describe.skipIf(!clickhouseInstalled)(
  clusterSuiteName('toClickHouse on ClickHouse 18.16 against toDuckDb on DuckDB'),
  () => {
    const cluster = useLocalCluster();
    let instance: DuckDBInstance;
    let duck: DuckDBConnection;

    beforeAll(async () => {
      const { client } = cluster();
      await client.command(
        `CREATE TABLE dialect_facts (
           id UInt32,
           s Nullable(DateTime('UTC')),
           e Nullable(DateTime('UTC')),
           a Nullable(UInt8),
           b Nullable(UInt8),
           x Nullable(Float64),
           y Nullable(Float64),
           label Nullable(String)
         ) ENGINE = MergeTree ORDER BY id`,
      );
      const columns = ['id', 's', 'e', 'a', 'b', 'x', 'y', 'label'] as const;
      const rows: ParamValue[][] = FACTS.map((f) => columns.map((c) => f[c]));
      expect(await client.insertRows('dialect_facts', columns, rows)).toBe(12);

      instance = await DuckDBInstance.create(':memory:');
      duck = await instance.connect();
      await duck.run(
        'CREATE TABLE dialect_facts (id INTEGER, s TIMESTAMP, e TIMESTAMP, a BOOLEAN, b BOOLEAN, x DOUBLE, y DOUBLE, label VARCHAR)',
      );
      const sqlOf = (v: string | number | boolean | null, type: string) =>
        v === null ? 'NULL' : typeof v === 'string' ? `CAST('${v}' AS ${type})` : `${v}::${type}`;
      const values = FACTS.map(
        (f) =>
          `(${f.id}, ${sqlOf(f.s, 'TIMESTAMP')}, ${sqlOf(f.e, 'TIMESTAMP')}, ${sqlOf(f.a, 'BOOLEAN')}, ${sqlOf(f.b, 'BOOLEAN')}, ${sqlOf(f.x, 'DOUBLE')}, ${sqlOf(f.y, 'DOUBLE')}, ${sqlOf(f.label, 'VARCHAR')})`,
      );
      await duck.run(`INSERT INTO dialect_facts VALUES ${values.join(', ')}`);
    }, 60_000);

    afterAll(() => {
      duck?.closeSync();
      instance?.closeSync();
    });

    /** Rows as arrays of plain values, in column order. */
    async function onDuckDb(sql: string): Promise<unknown[][]> {
      const reader = await duck.runAndReadAll(sql);
      return reader.getRowObjectsJson().map((r) => Object.values(r).map(plain));
    }

    async function onClickHouse(sql: string): Promise<unknown[][]> {
      const rows = await cluster().client.query(sql);
      return rows.map((r) => Object.values(r).map(plain));
    }

    /** The rows of a query on both engines, asserted equal; ClickHouse's rows are returned. */
    async function both(clickhouseSql: string, duckdbSql: string, what: string) {
      const [clickhouse, duckdb] = await Promise.all([
        onClickHouse(clickhouseSql),
        onDuckDb(duckdbSql),
      ]);
      expectSame(clickhouse.flat(), duckdb.flat(), what);
      expect(clickhouse.length, what).toBe(duckdb.length);
      return clickhouse;
    }

    /** An expression's value on each row, ordered by id, on both engines (asserted equal). */
    async function perRow(expr: Expr, what: string): Promise<unknown[]> {
      const rows = await both(
        `SELECT id, ${toClickHouse(expr)} AS value FROM dialect_facts ORDER BY id`,
        `SELECT id, ${toDuckDb(expr)} AS value FROM dialect_facts ORDER BY id`,
        what,
      );
      expect(rows, what).toHaveLength(12);
      return rows.map((r) => r[1]);
    }

    async function aggregate(expr: Expr, filter: string): Promise<unknown> {
      const where = FILTERS[filter]!;
      const rows = await both(
        `SELECT ${toClickHouse(expr)} AS value FROM dialect_facts WHERE ${where.clickhouse}`,
        `SELECT ${toDuckDb(expr)} AS value FROM dialect_facts WHERE ${where.duckdb}`,
        `${JSON.stringify(expr)} ${filter}`,
      );
      expect(rows).toHaveLength(1);
      return rows[0]![0];
    }

    it.each(Object.entries(ROW_EXPRESSIONS))(
      'per row: %s gives the same values',
      async (name, expr) => {
        await perRow(expr, name);
      },
    );

    it.each(CONDITION_NAMES)('as a WHERE: %s keeps the same rows', async (name) => {
      const expr = ROW_EXPRESSIONS[name]!;
      await both(
        `SELECT id, ${toClickHouse(expr)} AS value FROM dialect_facts WHERE ${toClickHouse(expr)} ORDER BY id`,
        `SELECT id, ${toDuckDb(expr)} AS value FROM dialect_facts WHERE ${toDuckDb(expr)} ORDER BY id`,
        name,
      );
    });

    it.each(Object.entries(AGGREGATES))(
      'aggregate: %s gives the same value over every filter, and per group',
      async (name, expr) => {
        for (const filter of Object.keys(FILTERS)) await aggregate(expr, filter);
        // Groups by a text with a NULL group; the group of row 3 and 9 (label NULL) has no x.
        await both(
          `SELECT label, ${toClickHouse(expr)} AS value FROM dialect_facts GROUP BY label ORDER BY label`,
          `SELECT label, ${toDuckDb(expr)} AS value FROM dialect_facts GROUP BY label ORDER BY label`,
          `${name} by label`,
        );
      },
    );

    it('gives the values worked out by hand: three-valued logic', async () => {
      expect(await perRow(and('a', 'b'), 'and')).toEqual([0, 0, N, N, N, 0, 1, 0, N, 0, N, 1]);
      expect(await perRow(or('a', 'b'), 'or')).toEqual([1, 1, 1, 1, N, 0, 1, N, N, N, 1, 1]);
      expect(await perRow(not('a'), 'not')).toEqual([0, 1, N, 0, N, 1, 0, 1, N, N, 0, 0]);
      expect(await perRow(isTrue('a'), 'is true')).toEqual([1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 1]);
      expect(await perRow(not(or('a', 'b')), 'not or')).toEqual([
        0,
        0,
        0,
        0,
        N,
        1,
        0,
        N,
        N,
        N,
        0,
        0,
      ]);
    });

    it('gives the values worked out by hand: days and spans', async () => {
      expect(await perRow(day('s'), 'day')).toEqual([
        '2024-01-01',
        '2024-01-01',
        '2024-01-02',
        N,
        '2024-01-03',
        '2024-01-05',
        '2024-02-28',
        '2024-01-10',
        N,
        '2024-12-31',
        '2024-03-31',
        '2024-06-15',
      ]);
      // 23:59:59 → 00:00:00 is one second but the next calendar day: on or before, not the same.
      expect(await perRow(onOrBeforeDay('s', 'e'), 'on or before')).toEqual([
        1,
        1,
        1,
        N,
        N,
        0,
        1,
        1,
        N,
        1,
        1,
        1,
      ]);
      expect(await perRow(cmp('=', day('s'), day('e')), 'same day')).toEqual([
        1,
        0,
        1,
        N,
        N,
        0,
        0,
        1,
        N,
        0,
        0,
        1,
      ]);
      const hours = (await perRow(hoursBetween('s', 'e'), 'hours')) as (number | null)[];
      const expected = [
        9.5,
        1 / 3600,
        0,
        N,
        N,
        -(36 + 29 / 60 + 45 / 3600),
        27, // 2024 is a leap year: 28 Feb 22:00 → 1 Mar 01:00 crosses 29 Feb
        86399 / 3600,
        N,
        2 / 3600,
        210 * 24 + 1,
        0,
      ];
      expected.forEach((h, i) => {
        if (h === null) expect(hours[i], `row ${i + 1}`).toBeNull();
        else expect(hours[i], `row ${i + 1}`).toBeCloseTo(h, 12);
      });
      const [days] = (await perRow(daysBetween('s', 'e'), 'days')).slice(10);
      expect(days).toBeCloseTo(210 + 1 / 24, 12);
    });

    it('gives the values worked out by hand: counts and sums, NULL on no rows', async () => {
      expect(await aggregate(count(), 'all rows')).toBe(12);
      expect(await aggregate(countWhere('a'), 'all rows')).toBe(5);
      expect(await aggregate(countWhere(not('a')), 'all rows')).toBe(3);
      expect(await aggregate(countWhere(and('a', 'b')), 'all rows')).toBe(2);
      expect(await aggregate(countWhere(or('a', 'b')), 'all rows')).toBe(7);
      expect(await aggregate(countWhere('a'), 'no rows')).toBe(0);
      expect(await aggregate(count(), 'no rows')).toBe(0);
      expect(await aggregate(countWhere('a'), 'only the all-NULL row')).toBe(0);
      expect(await aggregate(sum('x'), 'all rows')).toBeCloseTo(19.226, 12);
      expect(await aggregate(sum(minus('x', 'y')), 'all rows')).toBeCloseTo(-10.449, 12);
      expect(await aggregate(sum('x'), 'no rows')).toBeNull();
      expect(await aggregate(sum('x'), 'only the all-NULL row')).toBeNull();
      expect(await aggregate(sum('id'), 'no rows')).toBeNull(); // a plain sum of UInt32 gives 0
      expect(await aggregate(sum('id'), 'where no row qualifies')).toBeNull();
      expect(await aggregate(sum('id'), 'all rows')).toBe(78);
    });

    it('quotes column names that are words of the grammar, and they run', async () => {
      const expr = and(column('not'), not(column('null')));
      expect(toClickHouse(expr)).toBe(
        'multiIf(NOT ifNull(`not`, 1) OR ifNull(`null`, 0), 0, isNull(`not`) OR isNull(`null`), NULL, 1)',
      );
      const rows = await cluster().client.query<{ value: number | null }>(
        `SELECT ${toClickHouse(expr)} AS value FROM (SELECT toNullable(toUInt8(1)) AS \`not\`, toNullable(toUInt8(0)) AS \`null\`)`,
      );
      expect(rows).toEqual([{ value: 1 }]);
    });
  },
);
