/**
 * KPI expressions compiled to DuckDB SQL. Column names are the catalogue's own (checked by
 * `col`), written bare as every statement over the fact tables reads them; values are literals of
 * the definition, never user input.
 */
import type { Expr } from './expr';

/** Compiles without parentheses of its own where it stands as an operand. */
function isAtomic(expr: Expr): boolean {
  return ['column', 'literal', 'coalesce', 'count', 'sum', 'day'].includes(expr.kind);
}

const operand = (expr: Expr) => (isAtomic(expr) ? toDuckDb(expr) : `(${toDuckDb(expr)})`);

export function toDuckDb(expr: Expr): string {
  switch (expr.kind) {
    case 'column':
      return expr.name;
    case 'literal':
      return `${expr.value}`;
    case 'not':
      return expr.arg.kind === 'is_null'
        ? `${operand(expr.arg.arg)} IS NOT NULL`
        : `NOT ${operand(expr.arg)}`;
    case 'and':
    case 'or':
      return expr.args
        .map((a) => (a.kind === 'not' && isAtomic(a.arg) ? toDuckDb(a) : operand(a)))
        .join(expr.kind === 'and' ? ' AND ' : ' OR ');
    case 'compare':
      return `${operand(expr.left)} ${expr.op} ${operand(expr.right)}`;
    case 'is_null':
      return `${operand(expr.arg)} IS NULL`;
    case 'coalesce':
      return `coalesce(${expr.args.map(toDuckDb).join(', ')})`;
    case 'day':
      return `${operand(expr.arg)}::DATE`;
    case 'span':
      return `epoch(${operand(expr.to)} - ${operand(expr.from)}) / ${expr.unit === 'hours' ? 3600 : 86400}`;
    case 'minus':
      return `${operand(expr.left)} - ${operand(expr.right)}`;
    case 'count':
      return expr.where ? `count(*) FILTER (WHERE ${toDuckDb(expr.where)})` : 'count(*)';
    case 'sum':
      return `sum(${toDuckDb(expr.arg)})`;
    case 'sql':
      return expr.text;
  }
}
