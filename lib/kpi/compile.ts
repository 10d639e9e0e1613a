/**
 * The compiler: a KPI definition plus a query become one SQL statement over the KPI's base table,
 * grouped only by what was asked (period, segment), with exclusions counted by reason.
 */
import { quoteIdent } from '@/lib/db/sql';
import type { KpiDefinition } from './define';
import {
  dimensions,
  filterConditions,
  periodSql,
  type Dimension,
  type Filters,
  type Grain,
} from './filters';

export interface CompiledKpi {
  sql: string;
  params: string[];
  exclusionReasons: string[];
}

export interface CompileOptions {
  filters: Filters;
  grain?: Grain;
  by?: Dimension;
  /** For all_of and product KPIs: the component conditions in use. */
  population?: string;
  numerator?: string;
}

/** Automatic exclusions: a row without an as-of date cannot be attributed to a period. */
function exclusionsOf(kpi: KpiDefinition) {
  const list = [{ when: `${kpi.asOf} IS NULL`, reason: `no ${kpi.asOfLabel}` }, ...kpi.exclusions];
  if (kpi.kind === 'duration') {
    list.push({ when: `(${kpi.value}) IS NULL`, reason: 'timestamps missing' });
    list.push({
      when: `(${kpi.value}) < 0`,
      reason: 'ends before it starts (timestamps out of order)',
    });
  }
  return list;
}

/** The KPI's rows in scope, each with _excluded: the index of its exclusion reason, or NULL when kept. */
export function scopedRowsSql(kpi: KpiDefinition, options: CompileOptions) {
  const exclusions = exclusionsOf(kpi);
  const where = filterConditions(options.filters, kpi.asOf, kpi.base);
  const excludedCase = `CASE ${exclusions.map((e, i) => `WHEN ${e.when} THEN ${i}`).join(' ')} END`;
  const population = options.population ?? kpi.population;
  const sql = `SELECT *, ${excludedCase} AS _excluded FROM ${quoteIdent(kpi.base)} WHERE (${population}) AND ${where.sql}`;
  return { sql, params: where.params, exclusions };
}

export function compileKpi(kpi: KpiDefinition, options: CompileOptions): CompiledKpi {
  const { sql: rows, params, exclusions } = scopedRowsSql(kpi, options);
  const groups = groupColumns(kpi, options);
  const keys = groups.map((g) => g.alias);
  const select = groups.map((g) => `${g.sql} AS ${g.alias}`);
  const measures = measuresOf(kpi, options);
  const exclusionCounts = exclusions.map(
    (_, i) => `count(*) FILTER (WHERE _excluded = ${i}) AS ex${i}`,
  );
  // Rows without an as-of date belong to no period: counted as excluded in the total only.
  const having = options.grain ? 'HAVING period IS NOT NULL' : '';
  const sql = `
    WITH rows AS (${rows})
    SELECT ${[...select, ...measures, ...exclusionCounts].join(', ')}
      FROM (SELECT *, CASE WHEN _excluded IS NULL THEN 1 END AS _kept FROM rows)
     ${keys.length ? `GROUP BY ${keys.map((_, i) => i + 1).join(', ')} ${having} ORDER BY ${keys.map((_, i) => i + 1).join(', ')} NULLS LAST` : ''}`;
  return { sql, params, exclusionReasons: exclusions.map((e) => e.reason) };
}

function groupColumns(kpi: KpiDefinition, options: CompileOptions) {
  const groups: { sql: string; alias: string }[] = [];
  if (options.grain) groups.push({ sql: periodSql(options.grain, kpi.asOf), alias: 'period' });
  if (options.by) groups.push({ sql: dimensions[options.by], alias: 'segment' });
  return groups;
}

/** Aggregates over kept rows only: FILTER (WHERE _kept = 1) is folded into every measure. */
function measuresOf(kpi: KpiDefinition, options: CompileOptions): string[] {
  const kept = (aggregate: string) => foldFilter(aggregate, '_kept = 1');
  const n = 'count(*) FILTER (WHERE _kept = 1) AS n';
  if (kpi.kind === 'duration') {
    const v = `(${kpi.value})`;
    return [
      n,
      `sum(${v}) FILTER (WHERE _kept = 1) AS numerator`,
      `count(${v}) FILTER (WHERE _kept = 1) AS denominator`,
      `avg(${v}) FILTER (WHERE _kept = 1) AS mean`,
      `quantile_cont(${v}, [0.5, 0.9, 0.95]) FILTER (WHERE _kept = 1) AS quantiles`,
      `min(${v}) FILTER (WHERE _kept = 1) AS min`,
      `max(${v}) FILTER (WHERE _kept = 1) AS max`,
    ];
  }
  const numerator = options.numerator ?? kpi.numerator ?? '0';
  return [
    n,
    `${kept(numerator)} AS numerator`,
    `${kept(kpi.denominator ?? 'count(*)')} AS denominator`,
  ];
}

/**
 * Fold a condition into an aggregate expression: `count(*) FILTER (WHERE x)` becomes
 * `count(*) FILTER (WHERE (x) AND cond)`, a bare `sum(y)` becomes `sum(y) FILTER (WHERE cond)`.
 * Definitions use single aggregates, which the catalogue test checks.
 */
export function foldFilter(aggregate: string, condition: string): string {
  const match = /^\s*([a-z_]+\s*\(.*\))\s*FILTER\s*\(\s*WHERE\s+(.*)\)\s*$/is.exec(aggregate);
  if (match) return `${match[1]} FILTER (WHERE (${match[2]}) AND ${condition})`;
  return `${aggregate.trim()} FILTER (WHERE ${condition})`;
}
