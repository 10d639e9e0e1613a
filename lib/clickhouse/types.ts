import 'server-only';
/**
 * ClickHouse type names (`Nullable(Array(Int64))`, `DateTime('UTC')`) as trees, and what the
 * client does with each type's values in a FORMAT JSON answer:
 *
 * - Int64/UInt64 come quoted ("18446744073709551615", output_format_json_quote_64bit_integers):
 *   a number when it is a safe integer (|n| ≤ 2^53 − 1: counts, ids, line numbers), a bigint
 *   otherwise (hashes, sums of huge integers): exact, and a bigint refuses JSON.stringify rather
 *   than silently rounding, as Number() would.
 * - Float32/Float64 infinities and NaN come quoted ("inf", "-nan": output_format_json_quote_denormals)
 *   and become Infinity / NaN. Without that setting 18.16 prints them as null, which would read as
 *   SQL NULL (an avg over no rows is nan in ClickHouse, NULL in DuckDB: the dialect must say which).
 * - Decimal comes as a bare JSON number, so JSON.parse keeps ~15 significant digits: cast wide
 *   decimals to String in the query. Our schema has none (see schema.ts).
 * - Date and DateTime stay as ClickHouse prints them ('2024-01-05 10:11:12', in the column's time
 *   zone: UTC for our columns), the same text lib/db gives for DuckDB timestamps.
 * - Strings stay strings; bytes that are not UTF-8 come back as U+FFFD (JSON output replaces them).
 */

export interface TypeNode {
  /** `Nullable`, `Array`, `DateTime`, `Int64`… */
  name: string;
  /** Nested types of Nullable, Array, LowCardinality and Tuple. */
  args: TypeNode[];
  /** The argument text of other parameterised types (`'UTC'`, `18, 2`), as written. */
  params: string;
}

const NESTING = new Set(['Nullable', 'Array', 'LowCardinality', 'Tuple']);

/** Parse a type name as ClickHouse prints it in `meta` and `system.columns`. */
export function parseType(text: string): TypeNode {
  const [node, rest] = parseAt(text.trim(), 0);
  if (rest !== text.trim().length) throw new Error(`cannot read the ClickHouse type ${text}`);
  return node;
}

function parseAt(text: string, start: number): [TypeNode, number] {
  const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start))?.[0];
  if (!name) throw new Error(`cannot read the ClickHouse type ${text}`);
  let i = start + name.length;
  if (text[i] !== '(') return [{ name, args: [], params: '' }, i];
  const close = closingParen(text, i);
  const inner = text.slice(i + 1, close);
  if (!NESTING.has(name)) return [{ name, args: [], params: inner }, close + 1];
  const args: TypeNode[] = [];
  i += 1;
  while (i < close) {
    while (text[i] === ' ') i++;
    // A named tuple element (`a Int64`, newer releases) keeps only its type.
    const named = /^[A-Za-z_][A-Za-z0-9_]* (?=[A-Za-z])/.exec(text.slice(i));
    if (name === 'Tuple' && named) i += named[0].length;
    const [arg, end] = parseAt(text, i);
    args.push(arg);
    i = end;
    while (text[i] === ' ') i++;
    if (text[i] === ',') i++;
    else if (i !== close) throw new Error(`cannot read the ClickHouse type ${text}`);
  }
  return [{ name, args, params: '' }, close + 1];
}

/** The index of the parenthesis closing the one at `open`, skipping quoted text. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      for (i++; i < text.length && text[i] !== "'"; i++) if (text[i] === '\\') i++;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error(`cannot read the ClickHouse type ${text}`);
}

export type Converter = (value: unknown) => unknown;

/** The converter of types whose JSON values are kept as they come. */
export const keepValue: Converter = (value) => value;

/** A quoted 64-bit integer as a number when safe, as a bigint otherwise. */
export function int64Value(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const big = BigInt(value);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(big)
    : big;
}

const SPECIAL_FLOATS: Record<string, number> = {
  inf: Infinity,
  '+inf': Infinity,
  '-inf': -Infinity,
  nan: NaN,
  '+nan': NaN,
  '-nan': NaN,
};

function floatValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const special = SPECIAL_FLOATS[value];
  if (special === undefined) throw new Error(`unexpected float text from ClickHouse: ${value}`);
  return special;
}

/** The conversion of a FORMAT JSON value of a type (see the header). */
export function jsonConverter(type: TypeNode): Converter {
  switch (type.name) {
    case 'Int64':
    case 'UInt64':
      return int64Value;
    case 'Float32':
    case 'Float64':
      return floatValue;
    case 'Nullable':
    case 'LowCardinality': {
      const inner = jsonConverter(type.args[0]!);
      return inner === keepValue ? keepValue : (v) => (v === null ? null : inner(v));
    }
    case 'Array': {
      const inner = jsonConverter(type.args[0]!);
      if (inner === keepValue) return keepValue;
      return (v) => (Array.isArray(v) ? v.map(inner) : v);
    }
    case 'Tuple': {
      const inner = type.args.map(jsonConverter);
      if (inner.every((c) => c === keepValue)) return keepValue;
      return (v) => (Array.isArray(v) ? v.map((x, i) => (inner[i] ?? keepValue)(x)) : v);
    }
    default:
      return keepValue;
  }
}
