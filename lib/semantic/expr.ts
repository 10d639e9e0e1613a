/**
 * The expressions a KPI is written in: a small typed vocabulary over fact columns (conditions,
 * calendar days, spans between timestamps, counts and sums) that the engine compiles to SQL. It
 * compiles to DuckDB today; another engine's dialect is another compiler over the same tree, not a
 * rewrite of SQL strings. Raw SQL stays possible through `duckdbSql`, marked as DuckDB-only.
 */

export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>';

export type Expr =
  | { kind: 'column'; name: string }
  | { kind: 'literal'; value: boolean | number }
  | { kind: 'not'; arg: Expr }
  | { kind: 'and' | 'or'; args: Expr[] }
  | { kind: 'compare'; op: CompareOp; left: Expr; right: Expr }
  | { kind: 'is_null'; arg: Expr }
  | { kind: 'coalesce'; args: Expr[] }
  | { kind: 'day'; arg: Expr }
  | { kind: 'span'; unit: 'hours' | 'days'; from: Expr; to: Expr }
  | { kind: 'minus'; left: Expr; right: Expr }
  | { kind: 'count'; where?: Expr }
  | { kind: 'sum'; arg: Expr }
  | { kind: 'sql'; dialect: 'duckdb'; text: string };

/** A fact column by name, or any expression. */
export type Operand = string | number | boolean | Expr;

const COLUMN = /^[a-z][a-z0-9_]*$/;

export function col(name: string): Expr {
  if (!COLUMN.test(name)) throw new Error(`not a fact column name: "${name}"`);
  return { kind: 'column', name };
}

function operand(x: Operand): Expr {
  if (typeof x === 'string') return col(x);
  if (typeof x === 'number' || typeof x === 'boolean') return { kind: 'literal', value: x };
  return x;
}

export const always: Expr = { kind: 'literal', value: true };
export const never: Expr = { kind: 'literal', value: false };

export const not = (arg: Operand): Expr => ({ kind: 'not', arg: operand(arg) });
export const and = (...args: Operand[]): Expr => ({ kind: 'and', args: args.map(operand) });
export const or = (...args: Operand[]): Expr => ({ kind: 'or', args: args.map(operand) });
export const isNull = (arg: Operand): Expr => ({ kind: 'is_null', arg: operand(arg) });
export const isNotNull = (arg: Operand): Expr => not(isNull(arg));
export const coalesce = (...args: Operand[]): Expr => ({
  kind: 'coalesce',
  args: args.map(operand),
});
/** A flag that counts as false when unknown. */
export const isTrue = (arg: Operand): Expr => coalesce(arg, false);

const compare =
  (op: CompareOp) =>
  (left: Operand, right: Operand): Expr => ({
    kind: 'compare',
    op,
    left: operand(left),
    right: operand(right),
  });
export const lt = compare('<');
export const lte = compare('<=');
export const gt = compare('>');
export const gte = compare('>=');

/** The calendar day of a timestamp: KPIs compare promises by day. */
export const day = (arg: Operand): Expr => ({ kind: 'day', arg: operand(arg) });
/** The first timestamp's day is on or before the second's: on time. */
export const onOrBeforeDay = (actual: Operand, due: Operand): Expr => lte(day(actual), day(due));
/** The first timestamp's day is after the second's: late. */
export const afterDay = (actual: Operand, due: Operand): Expr => gt(day(actual), day(due));

export const hoursBetween = (from: Operand, to: Operand): Expr => ({
  kind: 'span',
  unit: 'hours',
  from: operand(from),
  to: operand(to),
});
export const daysBetween = (from: Operand, to: Operand): Expr => ({
  kind: 'span',
  unit: 'days',
  from: operand(from),
  to: operand(to),
});
export const minus = (left: Operand, right: Operand): Expr => ({
  kind: 'minus',
  left: operand(left),
  right: operand(right),
});

/** Rows counted, all or those where a condition holds. */
export const count = (): Expr => ({ kind: 'count' });
export const countWhere = (where: Operand): Expr => ({ kind: 'count', where: operand(where) });
export const sum = (arg: Operand): Expr => ({ kind: 'sum', arg: operand(arg) });

/** The escape hatch: DuckDB SQL as text. A KPI using it runs on DuckDB only. */
export const duckdbSql = (text: string): Expr => ({ kind: 'sql', dialect: 'duckdb', text });

export function isExpr(value: unknown): value is Expr {
  return typeof value === 'object' && value !== null && typeof (value as Expr).kind === 'string';
}

/** Whether an expression holds raw SQL of one dialect (and so runs on that engine only). */
export function usesRawSql(expr: Expr): boolean {
  return childrenOf(expr).some(usesRawSql) || expr.kind === 'sql';
}

/** The fact columns an expression reads (raw SQL is opaque: its columns are not known). */
export function columnsOf(expr: Expr): string[] {
  if (expr.kind === 'column') return [expr.name];
  return [...new Set(childrenOf(expr).flatMap(columnsOf))];
}

function childrenOf(expr: Expr): Expr[] {
  switch (expr.kind) {
    case 'not':
    case 'is_null':
    case 'day':
      return [expr.arg];
    case 'and':
    case 'or':
    case 'coalesce':
      return expr.args;
    case 'compare':
    case 'minus':
      return [expr.left, expr.right];
    case 'span':
      return [expr.from, expr.to];
    case 'count':
      return expr.where ? [expr.where] : [];
    case 'sum':
      return [expr.arg];
    default:
      return [];
  }
}
