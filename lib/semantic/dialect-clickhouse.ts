/**
 * KPI expressions compiled to ClickHouse SQL (issue 18) with DuckDB's meaning, for ClickHouse
 * 18.16 (Debian's) and current releases alike. Every rule below was run on 18.16; the facts it
 * rests on, each with its query and result, are in docs/clickhouse-18.md ("KPI expressions on
 * ClickHouse"). What differs from the DuckDB text of dialect-duckdb.ts, and why:
 *
 * - Booleans are UInt8 1/0: 18.16 has no `true`/`false` (E47 Unknown identifier).
 * - `and`/`or` are not SQL's three-valued logic on 18.16: `0 AND NULL` → NULL (SQL: false),
 *   `0 OR NULL` and `NULL OR NULL` → 0 (SQL: NULL). Where an argument may be NULL they are spelt
 *   out: `multiIf(<some argument is false>, 0, <some argument is NULL>, NULL, 1)` (and the dual
 *   for `or`), whose conditions read only `ifNull`/`isNull` of the arguments, never NULL. Where
 *   no argument can be NULL (literals, is-null tests, coalesce with a non-NULL fallback, …) the
 *   plain `AND`/`OR` is exact and kept, for readable SQL. `NOT NULL` → NULL on 18.16: plain NOT.
 * - `count(*) FILTER (WHERE c)` → `countIf(ifNull(c, 0))`: counts rows where c is true, 0 on no
 *   rows. The condition must not be Nullable: 18.16's `countIf` of a Nullable condition answers
 *   NULL on no rows, and `count(if(c, 1, NULL))` fails (E44 "Illegal column Const(Nullable(UInt8))
 *   of first argument of function if") when c is also the query's WHERE (18.16 makes the filter
 *   column a constant after filtering). An expression that can never be NULL has a non-Nullable
 *   type here (see neverNull) and is passed as it is.
 * - `sum(x)` → `sum(toNullable(x))`: NULL on no rows and on only NULLs, as in DuckDB (a plain
 *   `sum` of a non-Nullable value answers 0 on no rows).
 * - `x::DATE` → `toDate(x, 'UTC')`: the calendar day in UTC, whatever the server's time zone.
 * - `epoch(to - from) / 3600` → `(toUnixTimestamp(to) - toUnixTimestamp(from)) / 3600`: whole
 *   seconds (DateTime has no fractions on 18.16) as Int64, divided as Float64; NULL if either is.
 * - Raw DuckDB SQL (`duckdbSql`) cannot be translated: compiling it throws.
 *
 * Column names are the catalogue's own (`col` checks them against /^[a-z][a-z0-9_]*$/) and are
 * written bare, as in the DuckDB text, unless a name is not of that form or is a word ClickHouse's
 * expression parser reads itself (`not`, `null`, `and`, `true`, `interval`, …, see KEYWORDS): those
 * are quoted by quoteIdent (`` `not` ``). Numbers go through `literal` of lib/clickhouse/sql.ts,
 * the one place values become ClickHouse SQL text (finite only, negatives in parentheses).
 */
import { literal, quoteIdent } from '@/lib/clickhouse/sql';
import type { Expr } from './expr';

/** Compiles a KPI expression to ClickHouse SQL; throws for raw DuckDB SQL. */
export function toClickHouse(expr: Expr): string {
  return build(expr).text;
}

/** SQL text, and whether it can stand as an operand without parentheses of its own. */
interface Sql {
  text: string;
  atomic: boolean;
}

const atom = (text: string): Sql => ({ text, atomic: true });
const compound = (text: string): Sql => ({ text, atomic: false });

const BARE = /^[a-z][a-z0-9_]*$/;

/**
 * Words that ClickHouse (18.16 or newer) reads as operators, literals or clause keywords where
 * an expression stands: a column so named is quoted. Quoting more than needed is harmless.
 */
const KEYWORDS = new Set([
  'all',
  'and',
  'any',
  'array',
  'as',
  'asc',
  'between',
  'by',
  'case',
  'cast',
  'date',
  'desc',
  'distinct',
  'else',
  'end',
  'exists',
  'extract',
  'false',
  'final',
  'format',
  'from',
  'global',
  'group',
  'having',
  'ilike',
  'in',
  'inf',
  'interval',
  'is',
  'join',
  'like',
  'limit',
  'nan',
  'not',
  'null',
  'on',
  'or',
  'order',
  'prewhere',
  'sample',
  'select',
  'settings',
  'then',
  'timestamp',
  'true',
  'union',
  'using',
  'when',
  'where',
  'with',
]);

function columnName(name: string): string {
  return BARE.test(name) && !KEYWORDS.has(name) ? name : quoteIdent(name);
}

/**
 * Whether an expression's value is never NULL, whatever the columns hold. Such an expression
 * also has a type that is not Nullable in ClickHouse: literals, isNull/isNotNull and count are
 * not, a function of non-Nullable arguments is not, and coalesce with a non-Nullable argument is
 * not (`toTypeName(coalesce(a, b, 0))` → UInt8 with a, b Nullable(UInt8): tested on 18.16).
 */
function neverNull(expr: Expr): boolean {
  switch (expr.kind) {
    case 'literal':
    case 'is_null':
    case 'count':
      return true;
    case 'not':
    case 'day':
      return neverNull(expr.arg);
    case 'and':
    case 'or':
      return expr.args.every(neverNull);
    case 'coalesce':
      return expr.args.some(neverNull);
    case 'compare':
    case 'minus':
      return neverNull(expr.left) && neverNull(expr.right);
    case 'span':
      return neverNull(expr.from) && neverNull(expr.to);
    default:
      return false;
  }
}

const operand = (expr: Expr): string => {
  const sql = build(expr);
  return sql.atomic ? sql.text : `(${sql.text})`;
};

/** 1 where a condition is true, 0 where it is false or NULL (never NULL itself). */
function trueOr0(expr: Expr): string {
  if (expr.kind === 'not') return falseOr0(expr.arg);
  return neverNull(expr) ? operand(expr) : `ifNull(${build(expr).text}, 0)`;
}

/** 1 where a condition is false, 0 where it is true or NULL (never NULL itself). */
function falseOr0(expr: Expr): string {
  if (expr.kind === 'not') return trueOr0(expr.arg);
  return neverNull(expr) ? `NOT ${operand(expr)}` : `NOT ifNull(${build(expr).text}, 1)`;
}

/** `NOT x` is NULL exactly where x is. */
const withoutNot = (expr: Expr): Expr => (expr.kind === 'not' ? withoutNot(expr.arg) : expr);

function logical(kind: 'and' | 'or', args: Expr[]): Sql {
  if (args.length === 0) throw new Error(`${kind}() of no conditions cannot be compiled`);
  if (args.length === 1) return build(args[0]!);
  if (args.every(neverNull)) {
    // Two-valued here, where ClickHouse's AND and OR are right. `a AND NOT b`: NOT binds
    // tighter than AND and OR, as in DuckDB.
    const parts = args.map((a) =>
      a.kind === 'not' && build(a.arg).atomic ? build(a).text : operand(a),
    );
    return compound(parts.join(kind === 'and' ? ' AND ' : ' OR '));
  }
  const someNull = args
    .filter((a) => !neverNull(a))
    .map((a) => `isNull(${build(withoutNot(a)).text})`)
    .join(' OR ');
  // SQL: an AND is false if one argument is false, else NULL if one is NULL, else true; OR the
  // dual. The conditions of multiIf read no NULL, so ClickHouse's own OR is right in them.
  if (kind === 'and')
    return atom(`multiIf(${args.map(falseOr0).join(' OR ')}, 0, ${someNull}, NULL, 1)`);
  return atom(`multiIf(${args.map(trueOr0).join(' OR ')}, 1, ${someNull}, NULL, 0)`);
}

function build(expr: Expr): Sql {
  switch (expr.kind) {
    case 'column':
      return atom(columnName(expr.name));
    case 'literal':
      // DuckDB writes -0 as 0 (an integer); `literal` would keep the sign as (-0.).
      return atom(literal(Object.is(expr.value, -0) ? 0 : expr.value, 'a KPI literal'));
    case 'not':
      return expr.arg.kind === 'is_null'
        ? atom(`isNotNull(${build(expr.arg.arg).text})`)
        : compound(`NOT ${operand(expr.arg)}`);
    case 'and':
    case 'or':
      return logical(expr.kind, expr.args);
    case 'compare':
      return compound(`${operand(expr.left)} ${expr.op} ${operand(expr.right)}`);
    case 'is_null':
      return atom(`isNull(${build(expr.arg).text})`);
    case 'coalesce':
      return atom(`coalesce(${expr.args.map((a) => build(a).text).join(', ')})`);
    case 'day':
      // The day of a day is itself (DuckDB's DATE::DATE); toDate(Date, tz) is not asked for.
      return expr.arg.kind === 'day'
        ? build(expr.arg)
        : atom(`toDate(${build(expr.arg).text}, 'UTC')`);
    case 'span':
      return compound(
        `(toUnixTimestamp(${build(expr.to).text}) - toUnixTimestamp(${build(expr.from).text})) / ${expr.unit === 'hours' ? 3600 : 86400}`,
      );
    case 'minus':
      return compound(`${operand(expr.left)} - ${operand(expr.right)}`);
    case 'count':
      if (!expr.where) return atom('count()');
      return atom(
        neverNull(expr.where)
          ? `countIf(${build(expr.where).text})`
          : `countIf(ifNull(${build(expr.where).text}, 0))`,
      );
    case 'sum':
      return atom(`sum(toNullable(${build(expr.arg).text}))`);
    case 'sql':
      throw new Error(
        `This KPI uses DuckDB-only SQL (duckdbSql: ${JSON.stringify(expr.text)}), which cannot run on ClickHouse: write it with the expressions of lib/semantic/expr.ts.`,
      );
  }
}
