/**
 * The installed catalogue on ClickHouse (issue 18): every expression of every KPI compiles to
 * ClickHouse SQL, none is raw DuckDB SQL, and on the local cluster each one gives what DuckDB
 * gives over the same fact rows (NULLs included), row by row and as the KPI's aggregates.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ParamValue } from '@/lib/clickhouse/sql';
import { factTableOf } from '@/lib/semantic/catalogue';
import { toClickHouse } from '@/lib/semantic/dialect-clickhouse';
import { toDuckDb } from '@/lib/semantic/dialect-duckdb';
import { and, isExpr, not, usesRawSql, type Expr } from '@/lib/semantic/expr';
import type { FactColumn } from '@/lib/semantic/facts';
import type { KpiDefinition, KpiSource } from '@/lib/semantic/kpi';
import { clickhouseInstalled, clusterSuiteName, useLocalCluster } from '@/test/clickhouse-cluster';
import { catalogue } from '.';
import { plain, same } from '@/test/engine-values';

/** The expression fields of a KPI definition (lib/semantic/kpi.ts), by their paths. */
function expressionsOf(source: KpiSource): [string, Expr][] {
  const found: [string, Expr][] = [['population', source.population]];
  source.exclusions.forEach((e, i) => found.push([`exclusions.${i}.when`, e.when]));
  for (const key of ['numerator', 'denominator', 'value', 'failure'] as const) {
    const expr = source[key];
    if (expr) found.push([key, expr]);
  }
  source.components?.forEach((c, i) => {
    if (c.population) found.push([`components.${i}.population`, c.population]);
    if (c.pass) found.push([`components.${i}.pass`, c.pass]);
  });
  return found;
}

const EXPR_KINDS = new Set<string>([
  'column',
  'literal',
  'not',
  'and',
  'or',
  'compare',
  'is_null',
  'coalesce',
  'day',
  'span',
  'minus',
  'count',
  'sum',
  'sql',
] satisfies Expr['kind'][]);

/** Every expression anywhere in a definition, found by walking it: a new field shows up here. */
function expressionsFound(value: unknown, path = ''): string[] {
  // The definition itself has a `kind` too (ratio, duration…): only an expression's kind counts.
  if (path && isExpr(value) && EXPR_KINDS.has(value.kind)) return [path];
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : typeof value === 'object' && value !== null
      ? Object.entries(value)
      : [];
  return entries.flatMap(([key, v]) => expressionsFound(v, path ? `${path}.${key}` : key));
}

const kpis = catalogue.kpis.map((k) => [k.id, k] as const);

describe('the installed catalogue in the ClickHouse dialect', () => {
  it('has KPIs, and every expression of each is one listed here', () => {
    expect(kpis.length).toBeGreaterThanOrEqual(30);
    for (const [id, kpi] of kpis)
      expect(expressionsFound(kpi.source).sort(), id).toEqual(
        expressionsOf(kpi.source)
          .map(([path]) => path)
          .sort(),
      );
  });

  it.each(kpis)('%s: no raw DuckDB SQL, and every expression compiles', (id, kpi) => {
    for (const [path, expr] of expressionsOf(kpi.source)) {
      expect(usesRawSql(expr), `${id}.${path}`).toBe(false);
      expect(toClickHouse(expr), `${id}.${path}`).toMatch(/\S/);
    }
  });
});

// --- the same values on ClickHouse 18.16 and DuckDB ------------------------------------------------

/** The ClickHouse type of a fact column's DuckDB type (as lib/clickhouse/schema.ts maps them). */
const CLICKHOUSE_TYPE: Record<FactColumn['type'], string> = {
  VARCHAR: 'String',
  TIMESTAMP: "DateTime('UTC')",
  BOOLEAN: 'UInt8',
  BIGINT: 'Int64',
  DOUBLE: 'Float64',
  INTEGER: 'Int64',
};

/** Values per type, NULL among them; 23:59:59 and 00:00:00 of the same and next days. */
const POOLS: Record<FactColumn['type'], (string | number | boolean | null)[]> = {
  VARCHAR: ['a', 'b', null],
  TIMESTAMP: [
    '2024-01-01 00:00:00',
    '2024-01-01 23:59:59',
    '2024-01-02 00:00:00',
    '2024-01-02 12:30:15',
    null,
    '2024-01-05 08:00:00',
    '2024-02-29 18:00:00',
  ],
  BOOLEAN: [true, false, null],
  BIGINT: [0, 1, 2, 3, null, 5],
  DOUBLE: [0, 1.5, null, 2.25, 10],
  INTEGER: [0, 1, 2, null, 3, 5],
};

const ROWS = 300;

/** A fixed pseudo-random sequence (mulberry32), so that every run compares the same rows. */
function randomOf(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function duckdbLiteral(value: string | number | boolean | null, type: string): string {
  if (value === null) return 'NULL';
  return typeof value === 'string' ? `CAST('${value}' AS ${type})` : `CAST(${value} AS ${type})`;
}

describe.skipIf(!clickhouseInstalled)(
  clusterSuiteName('the installed catalogue: ClickHouse 18.16 gives what DuckDB gives'),
  () => {
    const cluster = useLocalCluster();
    let instance: DuckDBInstance;
    let duck: DuckDBConnection;
    const tables = [...new Set(catalogue.kpis.map((k) => k.base))];

    beforeAll(async () => {
      const { client } = cluster();
      instance = await DuckDBInstance.create(':memory:');
      duck = await instance.connect();
      for (const name of tables) {
        const columns = factTableOf(catalogue, name).columns;
        await client.command(
          `CREATE TABLE ${name} (fact_row UInt32, ${columns.map((c) => `${c.name} Nullable(${CLICKHOUSE_TYPE[c.type]})`).join(', ')}) ENGINE = MergeTree ORDER BY fact_row`,
        );
        await duck.run(
          `CREATE TABLE ${name} (fact_row INTEGER, ${columns.map((c) => `${c.name} ${c.type}`).join(', ')})`,
        );
        const random = randomOf(18);
        const rows = Array.from({ length: ROWS }, (_, r) => [
          r + 1,
          ...columns.map((c) => {
            const pool = POOLS[c.type];
            return pool[Math.floor(random() * pool.length)]!;
          }),
        ]);
        await client.insertRows(
          name,
          ['fact_row', ...columns.map((c) => c.name)],
          rows as ParamValue[][],
        );
        const values = rows.map(
          ([row, ...cells]) =>
            `(${row}, ${cells.map((v, k) => duckdbLiteral(v, columns[k]!.type)).join(', ')})`,
        );
        await duck.run(`INSERT INTO ${name} VALUES ${values.join(', ')}`);
      }
    }, 60_000);

    afterAll(() => {
      duck?.closeSync();
      instance?.closeSync();
    });

    async function both(clickhouseSql: string, duckdbSql: string, what: string) {
      const [clickhouse, duckdb] = await Promise.all([
        cluster()
          .client.query(clickhouseSql)
          .then((rows) => rows.map((r) => Object.values(r).map(plain))),
        duck
          .runAndReadAll(duckdbSql)
          .then((reader) => reader.getRowObjectsJson().map((r) => Object.values(r).map(plain))),
      ]);
      const a = clickhouse.flat();
      const b = duckdb.flat();
      if (a.length !== b.length || !a.every((v, i) => same(v, b[i])))
        expect(clickhouse, what).toEqual(duckdb);
      return clickhouse;
    }

    const rowLevel = (kpi: KpiDefinition) =>
      expressionsOf(kpi.source).filter(([path]) => !['numerator', 'denominator'].includes(path));

    it.each(kpis)('%s: every condition and value, row by row', async (id, kpi) => {
      const exprs = rowLevel(kpi);
      const rows = await both(
        `SELECT fact_row, ${exprs.map(([, e], i) => `${toClickHouse(e)} AS c${i}`).join(', ')} FROM ${kpi.base} ORDER BY fact_row`,
        `SELECT fact_row, ${exprs.map(([, e], i) => `${toDuckDb(e)} AS c${i}`).join(', ')} FROM ${kpi.base} ORDER BY fact_row`,
        `${id}: ${exprs.map(([p]) => p).join(', ')}`,
      );
      expect(rows).toHaveLength(ROWS);
    });

    it.each(kpis)(
      '%s: its aggregates and counts over its rows (population, not excluded)',
      async (id, kpi) => {
        const { source } = kpi;
        const kept = and(source.population, ...source.exclusions.map((e) => not(e.when)));
        const counted = ([] as [string, Expr][]).concat(
          source.numerator ? [['numerator', source.numerator]] : [],
          source.denominator ? [['denominator', source.denominator]] : [],
        );
        // Every row-level condition also as a count over the kept rows, as a drill would.
        const conditions = rowLevel(kpi).filter(([path]) => path !== 'value');
        const select = (compile: (e: Expr) => string) =>
          [
            `${compile({ kind: 'count' })} AS kept`,
            ...counted.map(([, e], i) => `${compile(e)} AS a${i}`),
            ...conditions.map(([, e], i) => `${compile({ kind: 'count', where: e })} AS n${i}`),
            ...(source.value ? [`${compile({ kind: 'sum', arg: source.value })} AS total`] : []),
          ].join(', ');
        for (const where of [kept, source.population]) {
          const [row] = await both(
            `SELECT ${select(toClickHouse)} FROM ${kpi.base} WHERE ${toClickHouse(where)}`,
            `SELECT ${select(toDuckDb)} FROM ${kpi.base} WHERE ${toDuckDb(where)}`,
            id,
          );
          expect(row).toBeDefined();
        }
      },
    );

    it('finds rows kept and rows counted, so the comparisons above compare something', async () => {
      const [row] = await both(
        `SELECT count() AS n, countIf(ifNull(shipped, 0)) AS shipped FROM kpi_order_facts`,
        `SELECT count(*) AS n, count(*) FILTER (WHERE shipped) AS shipped FROM kpi_order_facts`,
        'rows',
      );
      expect(row![0]).toBe(ROWS);
      expect(row![1]).toBeGreaterThan(5);
    });
  },
);
