import 'server-only';
/**
 * The one place ClickHouse SQL text is made from names and values (issue 18). Identifiers come
 * only from our own schema and are quoted by quoteIdent. Values go into SQL ONLY through
 * bindParams: ClickHouse 18.16 has no server-side query parameters (`param_x` is refused as an
 * unknown setting), so a `$1, $2…` placeholder, the style of lib/db's DuckDB reads, is replaced on
 * the client by the literal of its value, built by `literal` below: this file is the audit point.
 *
 * Placeholders are found by a small lexer that knows ClickHouse's string literals ('…' with
 * backslash escapes and ''), quoted identifiers ("…", `…`) and comments (-- …, /* … *\/): a `$1`
 * inside any of them is text, not a placeholder. A `$` outside them that is not a placeholder is
 * refused, and so is a nested `/*`: 18.16 does not nest
 * comments (tested), newer releases do (from their changelog, not tested), so the two would
 * disagree on where a comment ends.
 */
import { OrderlensError } from '@/lib/errors';

/** A value a placeholder (or an inserted cell, see row-binary.ts) may take. */
export type ParamValue = string | number | bigint | boolean | null | Date | readonly ParamValue[];

/**
 * DateTime on 18.16 is seconds since 1970 in a UInt32, and its text parser and date tables stop at
 * 2105-12-31 (`toDateTime('2106-01-01 00:00:00')` → 0, silently). The epoch itself is stored as
 * 0, which 18.16 prints as `0000-00-00 00:00:00`, its "no date" value: so 1970-01-01 00:00:00
 * is refused too. Nothing is clamped: a date outside the range is an error naming it.
 */
export const FIRST_DATETIME = Date.UTC(1970, 0, 1, 0, 0, 1);
export const LAST_DATETIME = Date.UTC(2105, 11, 31, 23, 59, 59);

/** Float64 literals below this magnitude (subnormals) are a syntax error on 18.16 (tested). */
const SMALLEST_NORMAL = 2.2250738585072014e-308;

const INT64_MIN = -(2n ** 63n);
const UINT64_MAX = 2n ** 64n - 1n;

/** A value that cannot be sent to ClickHouse; `where` names the placeholder or cell, never the value. */
export function badValue(where: string, problem: string): OrderlensError {
  return new OrderlensError(`${where}: ${problem}.`, 'engine_failed');
}

/** Quote an identifier for ClickHouse (`a\`b`); only our own schema names reach it. */
export function quoteIdent(name: string): string {
  if (name.length === 0 || /[\u0000-\u001f\u007f]/.test(name) || LONE_SURROGATE.test(name))
    throw new Error('invalid identifier');
  return `\`${name.replace(/[\\`]/g, (c) => `\\${c}`)}\``;
}

const LONE_SURROGATE = /\p{Cs}/u;

/** The escapes ClickHouse reads in a string literal; other control characters go as \xHH. */
const ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** A JS string as a ClickHouse string literal. Refuses strings that are not valid Unicode. */
function stringLiteral(value: string, where: string): string {
  checkString(value, where);
  const body = value.replace(/[\\'\u0000-\u001f\u007f]/g, (c) => {
    const escape = ESCAPES[c];
    return escape ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `'${body}'`;
}

/**
 * A lone UTF-16 surrogate cannot be encoded as UTF-8: fetch and Buffer would send U+FFFD instead,
 * silently changing the value. Refuse it.
 */
export function checkString(value: string, where: string): void {
  if (LONE_SURROGATE.test(value)) throw badValue(where, 'a text with an unpaired surrogate');
}

/** A finite number; subnormals are refused only where they become literals (see literal). */
export function checkNumber(value: number, where: string): void {
  if (!Number.isFinite(value)) throw badValue(where, `${value} is not a finite number`);
}

/** An integer that fits Int64 or UInt64. */
export function checkBigint(value: bigint, where: string): void {
  if (value < INT64_MIN || value > UINT64_MAX)
    throw badValue(where, 'an integer outside the 64-bit range');
}

/** Seconds since 1970 of a valid Date in the DateTime range, in whole seconds. */
export function dateTimeSeconds(value: Date, where: string): number {
  const ms = value.getTime();
  if (Number.isNaN(ms)) throw badValue(where, 'an invalid date');
  if (ms < FIRST_DATETIME || ms > LAST_DATETIME)
    throw badValue(
      where,
      `${value.toISOString()} is outside 1970-01-01 00:00:01 … 2105-12-31 23:59:59 UTC, the range of ClickHouse's DateTime`,
    );
  if (ms % 1000 !== 0)
    throw badValue(
      where,
      `${value.toISOString()} has milliseconds; ClickHouse's DateTime keeps whole seconds (truncate it first)`,
    );
  return ms / 1000;
}

/** 'YYYY-MM-DD hh:mm:ss' of a checked Date, in UTC. */
export function dateTimeText(value: Date, where: string): string {
  dateTimeSeconds(value, where);
  return value.toISOString().slice(0, 19).replace('T', ' ');
}

function numberLiteral(value: number, where: string): string {
  checkNumber(value, where);
  if (value !== 0 && Math.abs(value) < SMALLEST_NORMAL)
    throw badValue(where, 'a number too close to 0 for ClickHouse (a subnormal float)');
  // String(-0) is "0"; `-0.` keeps the sign (1 / $1 stays -inf). A negative number is wrapped in
  // parentheses, or `1-$1` with -5 would read `1--5`, a comment.
  if (Object.is(value, -0)) return '(-0.)';
  return value < 0 ? `(${String(value)})` : String(value);
}

/**
 * The ClickHouse literal of a value. THE audited function: every value that becomes SQL text
 * passes here. string → '…' escaped; number → its shortest exact decimal (finite only; the SQL
 * parser reads it exactly, unlike the data formats, see notes); bigint → digits (64-bit range);
 * boolean → 1/0; null → NULL; Date → toDateTime('YYYY-MM-DD hh:mm:ss', 'UTC'); array → [..].
 */
export function literal(value: ParamValue, where = 'a value'): string {
  if (value === null) return 'NULL';
  switch (typeof value) {
    case 'string':
      return stringLiteral(value, where);
    case 'number':
      return numberLiteral(value, where);
    case 'bigint':
      checkBigint(value, where);
      return value < 0n ? `(${value})` : String(value);
    case 'boolean':
      return value ? '1' : '0';
  }
  if (value instanceof Date) return `toDateTime('${dateTimeText(value, where)}', 'UTC')`;
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, where)).join(', ')}]`;
  throw badValue(where, `${describeType(value)}, which cannot be sent to ClickHouse`);
}

function describeType(value: unknown): string {
  if (value === undefined) return 'a missing value (undefined)';
  if (typeof value === 'object') return `an object (${value?.constructor?.name ?? 'no prototype'})`;
  return `a ${typeof value}`;
}

const DIGITS = /\d+/y;

/** Where the lexer is: in plain SQL, or inside a literal, quoted identifier or comment. */
type State = 'sql' | 'quote' | 'line-comment' | 'block-comment';

/**
 * Replace `$1…$n` in SQL text by the literals of params[0…n-1]. Every parameter must be used
 * (an unused one is an error, as is a placeholder without a parameter); a placeholder may repeat.
 * Placeholders inside string literals, quoted identifiers and comments are left as text.
 * A bound literal never holds a raw quote, newline or control character (literal escapes them),
 * so it cannot end the string, line comment or statement it sits in.
 */
export function bindParams(sql: string, params: readonly ParamValue[] = []): string {
  const used = new Set<number>();
  let out = '';
  let state: State = 'sql';
  let quote = '';
  let i = 0;
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (state === 'sql') {
      if (c === "'" || c === '"' || c === '`') {
        state = 'quote';
        quote = c;
      } else if (c === '-' && next === '-') {
        state = 'line-comment';
      } else if (c === '/' && next === '*') {
        state = 'block-comment';
        out += '/*';
        i += 2;
        continue;
      } else if (c === '$') {
        DIGITS.lastIndex = i + 1;
        const digits = DIGITS.exec(sql)?.[0];
        // Not a placeholder: newer releases read `$$…$$` / `$tag$…$tag$` as a string, which
        // this lexer does not track, so a `$` is refused rather than guessed at.
        if (digits === undefined) throw new Error('SQL template: a $ that is not a placeholder');
        const n = Number(digits);
        if (n === 0 || digits.startsWith('0'))
          throw new Error(`SQL template: placeholder $${digits} (they start at $1)`);
        if (n > params.length)
          throw new Error(
            `SQL template: placeholder $${n} has no parameter (${params.length} given)`,
          );
        used.add(n);
        out += literal(params[n - 1]!, `parameter $${n}`);
        i += 1 + digits.length;
        continue;
      }
    } else if (state === 'quote') {
      if (c === '\\') {
        out += c + (next ?? '');
        i += 2;
        continue;
      }
      if (c === quote) {
        if (next === quote) {
          out += c + next;
          i += 2;
          continue;
        }
        state = 'sql';
      }
    } else if (state === 'line-comment') {
      if (c === '\n') state = 'sql';
    } else if (c === '*' && next === '/') {
      state = 'sql';
      out += '*/';
      i += 2;
      continue;
    } else if (c === '/' && next === '*') {
      throw new Error('SQL template: a nested /* comment');
    }
    out += c;
    i++;
  }
  if (state === 'quote') throw new Error(`SQL template: an unterminated ${quote} quote`);
  if (state === 'block-comment') throw new Error('SQL template: an unterminated /* comment');
  const unused = params.map((_, k) => k + 1).filter((n) => !used.has(n));
  if (unused.length)
    throw new Error(`SQL template: parameter ${unused.map((n) => `$${n}`).join(', ')} not used`);
  return out;
}
