/**
 * The compiler: KPI definitions plus a query become one SQL statement over their base table,
 * grouped only by what was asked (period, segment), with exclusions counted by reason.
 */
import { quoteIdent } from '@/lib/db/sql';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import type { OpenCondition } from './horizon';
import {
  derivedAggregate,
  needMask,
  provenanceExclusions,
  type ProvenanceSummary,
} from './provenance';
import {
  dimensions,
  filterConditions,
  periodSql,
  type Dimension,
  type Filters,
  type Grain,
} from './filters';

export interface CompileOptions {
  filters: Filters;
  grain?: Grain;
  by?: Dimension;
  /** For all_of and product KPIs: the component conditions in use. */
  population?: string;
  numerator?: string;
  /**
   * With a grain or breakdown: also the ungrouped total, in the same scan (GROUPING SETS), marked
   * `_total = 1`. A total and its series then come from one pass over the facts.
   */
  withTotal?: boolean;
  /**
   * Rows whose end event has not happened yet (orders still open), counted as `_open` over the
   * whole scope in the same scan: a duration's last period will still take them in.
   */
  openRows?: OpenCondition;
  /** What the data's provenance holds: conditions that cannot be true are left out of the scan. */
  provenance?: ProvenanceSummary;
}

/**
 * Automatic exclusions: a row without an as-of date cannot be attributed to a period; a row whose
 * source file lacked a field the KPI needs cannot be judged.
 */
function exclusionsOf(kpi: KpiDefinition, provenance?: ProvenanceSummary) {
  const list = [
    { when: `${kpi.asOf} IS NULL`, reason: `no ${kpi.asOfLabel}` },
    ...provenanceExclusions(kpi, provenance),
    ...kpi.exclusions,
  ];
  if (kpi.kind === 'duration') {
    list.push({ when: `(${kpi.value}) IS NULL`, reason: 'timestamps missing' });
    list.push({
      when: `(${kpi.value}) < 0`,
      reason: 'ends before it starts (timestamps out of order)',
    });
  }
  return list;
}

/** The index of a row's first exclusion reason, or NULL when the row is kept. */
function exclusionIndexSql(exclusions: { when: string }[]): string {
  return `CASE ${exclusions.map((e, i) => `WHEN ${e.when} THEN ${i}`).join(' ')} END`;
}

/** The KPI's rows in scope, each with _excluded: the index of its exclusion reason, or NULL when kept. */
export function scopedRowsSql(kpi: KpiDefinition, options: CompileOptions) {
  const exclusions = exclusionsOf(kpi);
  const where = filterConditions(options.filters, kpi.asOf, kpi.base);
  const excludedCase = exclusionIndexSql(exclusions);
  const population = options.population ?? kpi.population;
  const sql = `SELECT *, ${excludedCase} AS _excluded FROM ${quoteIdent(kpi.base)} WHERE (${population}) AND ${where.sql}`;
  return { sql, params: where.params, exclusions };
}

/** One KPI of a fused statement, with the component conditions of all_of KPIs in use. */
export interface KpiPart {
  kpi: KpiDefinition;
  population?: string;
  numerator?: string;
  /** all_of: its own needs and those of the components in use. */
  needs?: string[];
}

export interface CompiledKpiGroup {
  sql: string;
  params: string[];
  /** Per part, in order: its exclusion reasons; its columns are prefixed `k<index>_`. */
  exclusionReasons: string[][];
}

/**
 * Several KPIs over the same base table and as-of column in one statement: one scan of the facts,
 * each KPI's population and exclusions folded into its own aggregates' FILTER clauses. The
 * catalogue is a handful of such groups rather than one scan per KPI.
 */
export function compileKpiGroup(parts: KpiPart[], options: CompileOptions): CompiledKpiGroup {
  const first = parts[0]!.kpi;
  if (parts.some((p) => p.kpi.base !== first.base || p.kpi.asOf !== first.asOf))
    throw new Error('a KPI group shares one base table and one as-of column');
  const where = filterConditions(options.filters, first.asOf, first.base, undatedBy(first.base));
  const groups = groupColumns(first, options);
  const keys = groups.map((g) => g.alias);
  const flags: string[] = [];
  const aggregates: string[] = [];
  const exclusionReasons = parts.map((part, i) => {
    const exclusions = exclusionsOf(part.kpi, options.provenance);
    const population = part.population ?? part.kpi.population;
    flags.push(
      `coalesce((${population}), false) AS _p${i}`,
      `${exclusionIndexSql(exclusions)} AS _x${i}`,
    );
    // A duration's value is computed once per row, not once per aggregate.
    if (part.kpi.kind === 'duration') flags.push(`(${part.kpi.value}) AS _v${i}`);
    const kept = `_p${i} AND _x${i} IS NULL`;
    aggregates.push(
      ...measuresOf(part.kpi, part.numerator, kept, `_v${i}`).map(
        (m) => `${m.sql} AS k${i}_${m.name}`,
      ),
      `${derivedAggregate(needMask(part.needs ?? part.kpi.needs), kept, options.provenance)} AS k${i}_derived`,
      // One aggregate counts every exclusion reason (a map of reason index → rows): a count per
      // reason made each scan pay once per reason, and provenance adds a reason per needed field.
      ...(exclusions.length
        ? [`histogram(_x${i}) FILTER (WHERE _p${i} AND _x${i} IS NOT NULL) AS k${i}_ex`]
        : []),
    );
    return exclusions.map((e) => e.reason);
  });
  if (options.openRows)
    aggregates.push(
      `count(*) FILTER (WHERE NOT coalesce(cancelled, false) AND (${options.openRows})) AS _open`,
    );
  const total = options.withTotal && keys.length > 0;
  // Rows without an as-of date belong to no period: counted as excluded in the total only.
  const having = options.grain
    ? `HAVING period IS NOT NULL${total ? ' OR GROUPING(period) = 1' : ''}`
    : '';
  const groupBy = !keys.length
    ? ''
    : total
      ? `GROUP BY GROUPING SETS ((), (${keys.join(', ')}))`
      : `GROUP BY ${keys.join(', ')}`;
  const order = keys.length
    ? `ORDER BY ${total ? '_total DESC, ' : ''}${keys.join(', ')} NULLS LAST`
    : '';
  const flag = total ? [`GROUPING(${keys.join(', ')}) > 0 AS _total`] : [];
  const sql = `
    SELECT ${[...keys, ...flag, ...aggregates].join(', ')}
      FROM (SELECT ${[...groups.map((g) => `${g.sql} AS ${g.alias}`), ...flags].join(', ')}, *
              FROM ${quoteIdent(first.base)} WHERE ${where.sql})
     ${groupBy} ${having} ${order}`;
  return { sql, params: where.params, exclusionReasons };
}

/**
 * With a date range, a row without an as-of date still belongs to the range by this date, so that
 * its exclusion ("no delivery date") is counted in the range rather than silently left out.
 */
function undatedBy(base: string): string {
  return base === 'kpi_return_facts' ? 'coalesce(return_ts, order_ts)' : 'order_ts';
}

function groupColumns(kpi: KpiDefinition, options: CompileOptions) {
  const groups: { sql: string; alias: string }[] = [];
  if (options.grain) groups.push({ sql: periodSql(options.grain, kpi.asOf), alias: 'period' });
  if (options.by) groups.push({ sql: dimensions[options.by], alias: 'segment' });
  return groups;
}

/** A KPI's aggregates over its kept rows: the kept condition is folded into every measure. */
function measuresOf(
  kpi: KpiDefinition,
  numeratorOverride: string | undefined,
  kept: string,
  v: string,
) {
  const measure = (name: string, sql: string) => ({ name, sql });
  const n = measure('n', `count(*) FILTER (WHERE ${kept})`);
  if (kpi.kind === 'duration') {
    // The mean is numerator ÷ denominator; a separate avg() would scan the values again.
    return [
      n,
      measure('numerator', `sum(${v}) FILTER (WHERE ${kept})`),
      measure('denominator', `count(${v}) FILTER (WHERE ${kept})`),
      measure('quantiles', `quantile_cont(${v}, [0.5, 0.9, 0.95]) FILTER (WHERE ${kept})`),
      measure('min', `min(${v}) FILTER (WHERE ${kept})`),
      measure('max', `max(${v}) FILTER (WHERE ${kept})`),
    ];
  }
  const numerator = numeratorOverride ?? kpi.numerator ?? '0';
  return [
    n,
    measure('numerator', foldFilter(numerator, kept)),
    measure('denominator', foldFilter(kpi.denominator ?? 'count(*)', kept)),
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
