/**
 * The binding of values into ClickHouse SQL text, without a server (client.test.ts sends the same
 * literals to the local cluster and reads them back).
 */
import { describe, expect, it } from 'vitest';
import { OrderlensError } from '@/lib/errors';
import { bindParams, literal, quoteIdent } from './sql';

describe('quoteIdent', () => {
  it('backquotes, escaping backslashes and backquotes', () => {
    expect(quoteIdent('orders')).toBe('`orders`');
    expect(quoteIdent('a`b')).toBe('`a\\`b`');
    expect(quoteIdent('a\\b')).toBe('`a\\\\b`');
    expect(quoteIdent('with space"and\'quotes')).toBe('`with space"and\'quotes`');
  });

  it('refuses empty names, control characters and lone surrogates', () => {
    for (const bad of ['', 'a\0b', 'a\nb', 'a\u007fb', 'a\ud800b'])
      expect(() => quoteIdent(bad)).toThrow('invalid identifier');
  });
});

describe('literal', () => {
  it('quotes strings, escaping backslash, quote and control characters', () => {
    expect(literal('plain')).toBe("'plain'");
    expect(literal("O'Brien")).toBe("'O\\'Brien'");
    expect(literal('C:\\path\\')).toBe("'C:\\\\path\\\\'");
    expect(literal('a\nb\tc\rd\0e')).toBe("'a\\nb\\tc\\rd\\0e'");
    expect(literal('\u0001\u001f\u007f')).toBe("'\\x01\\x1f\\x7f'");
    expect(literal("'; DROP TABLE x; --")).toBe("'\\'; DROP TABLE x; --'");
    expect(literal('é 😀 \u2028')).toBe("'é 😀 \u2028'");
    expect(literal('')).toBe("''");
  });

  it('writes numbers exactly, negatives in parentheses, and -0 with its sign', () => {
    expect(literal(42)).toBe('42');
    expect(literal(0.1)).toBe('0.1');
    expect(literal(1e21)).toBe('1e+21');
    expect(literal(1e-7)).toBe('1e-7');
    expect(literal(-5)).toBe('(-5)');
    expect(literal(-0)).toBe('(-0.)');
    expect(literal(Number.MAX_VALUE)).toBe('1.7976931348623157e+308');
    expect(literal(2.2250738585072014e-308)).toBe('2.2250738585072014e-308');
  });

  it('refuses NaN, infinities and subnormal floats', () => {
    for (const bad of [NaN, Infinity, -Infinity, 5e-324, -1e-310])
      expect(() => literal(bad, 'parameter $1')).toThrow(OrderlensError);
    expect(() => literal(NaN, 'parameter $1')).toThrow('parameter $1: NaN is not a finite number.');
    expect(() => literal(5e-324)).toThrow(/subnormal/);
  });

  it('writes bigints in the 64-bit range', () => {
    expect(literal(18446744073709551615n)).toBe('18446744073709551615');
    expect(literal(-9223372036854775808n)).toBe('(-9223372036854775808)');
    expect(() => literal(18446744073709551616n)).toThrow(/outside the 64-bit range/);
    expect(() => literal(-9223372036854775809n)).toThrow(/outside the 64-bit range/);
  });

  it('writes booleans as 1/0 and null as NULL', () => {
    expect(literal(true)).toBe('1');
    expect(literal(false)).toBe('0');
    expect(literal(null)).toBe('NULL');
  });

  it('writes dates as UTC DateTime in whole seconds within 1970-01-01 00:00:01 … 2105-12-31 23:59:59', () => {
    expect(literal(new Date('2024-02-29T23:59:58Z'))).toBe(
      "toDateTime('2024-02-29 23:59:58', 'UTC')",
    );
    expect(literal(new Date('1970-01-01T00:00:01Z'))).toBe(
      "toDateTime('1970-01-01 00:00:01', 'UTC')",
    );
    expect(literal(new Date('2105-12-31T23:59:59Z'))).toBe(
      "toDateTime('2105-12-31 23:59:59', 'UTC')",
    );
    expect(() => literal(new Date('1970-01-01T00:00:00Z'))).toThrow(/outside 1970-01-01 00:00:01/);
    expect(() => literal(new Date('1969-12-31T23:59:59Z'))).toThrow(/outside/);
    expect(() => literal(new Date('2106-01-01T00:00:00Z'))).toThrow(
      '2106-01-01T00:00:00.000Z is outside 1970-01-01 00:00:01 … 2105-12-31 23:59:59 UTC',
    );
    expect(() => literal(new Date('2024-01-01T00:00:00.500Z'))).toThrow(/has milliseconds/);
    expect(() => literal(new Date('nope'))).toThrow(/an invalid date/);
  });

  it('writes arrays of any of these, nested', () => {
    expect(literal(['a', 1, null, [true, -2]])).toBe("['a', 1, NULL, [1, (-2)]]");
    expect(literal([])).toBe('[]');
  });

  it('refuses other values without printing them', () => {
    const where = 'parameter $3';
    expect(() => literal(undefined as never, where)).toThrow(
      'parameter $3: a missing value (undefined), which cannot be sent to ClickHouse.',
    );
    expect(() => literal({ secret: 'x' } as never, where)).toThrow(
      'parameter $3: an object (Object), which cannot be sent to ClickHouse.',
    );
    expect(() => literal('a\ud800', where)).toThrow(
      'parameter $3: a text with an unpaired surrogate.',
    );
    try {
      literal({ secret: 'hunter2' } as never, where);
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});

describe('bindParams', () => {
  it('replaces $1…$n by literals, a placeholder as often as it appears', () => {
    expect(bindParams('SELECT $1, $2, $1', ['a', 2])).toBe("SELECT 'a', 2, 'a'");
    const ten = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(
      bindParams(
        `SELECT ${ten.map((n) => `$${n}`).join(', ')}`,
        ten.map((n) => n * 11),
      ),
    ).toBe('SELECT 11, 22, 33, 44, 55, 66, 77, 88, 99, 110');
  });

  it('keeps a negative value from turning `-` into a comment', () => {
    expect(bindParams('SELECT 1-$1', [-5])).toBe('SELECT 1-(-5)');
  });

  it('leaves placeholders inside strings, quoted identifiers and comments alone', () => {
    const sql = [
      "SELECT '$1', 'it''s $1', 'a\\'$1', \"$1\", `col$1`, $1 -- $1",
      '/* $1 */ FROM t WHERE x = $2',
    ].join('\n');
    expect(bindParams(sql, ['v', 2])).toBe(
      [
        "SELECT '$1', 'it''s $1', 'a\\'$1', \"$1\", `col$1`, 'v' -- $1",
        '/* $1 */ FROM t WHERE x = 2',
      ].join('\n'),
    );
  });

  it('does not re-scan bound text: a value holding $2 or a quote stays a value', () => {
    expect(bindParams('SELECT $1, $2', ["$2 ' --", 'x'])).toBe("SELECT '$2 \\' --', 'x'");
  });

  it('refuses a placeholder without a parameter, an unused parameter and $0', () => {
    expect(() => bindParams('SELECT $2', ['a', 'b', 'c'])).toThrow('parameter $1, $3 not used');
    expect(() => bindParams('SELECT $3', ['a'])).toThrow(
      'placeholder $3 has no parameter (1 given)',
    );
    expect(() => bindParams('SELECT 1', ['a'])).toThrow('parameter $1 not used');
    expect(() => bindParams("SELECT '$1'", ['a'])).toThrow('parameter $1 not used');
    expect(() => bindParams('SELECT $0', ['a'])).toThrow('placeholder $0 (they start at $1)');
    expect(() => bindParams('SELECT $01', ['a'])).toThrow('placeholder $01');
  });

  it('refuses unterminated quotes and comments, and nested comments', () => {
    expect(() => bindParams("SELECT 'a", [])).toThrow("an unterminated ' quote");
    expect(() => bindParams('SELECT `a', [])).toThrow('an unterminated ` quote');
    expect(() => bindParams('SELECT 1 /* a', [])).toThrow('an unterminated /* comment');
    expect(() => bindParams('SELECT 1 /* a /* b */ */', [])).toThrow('a nested /* comment');
  });

  it('passes SQL without placeholders through unchanged, and refuses a $ that is not one', () => {
    expect(bindParams('SELECT 1, 2 - -1')).toBe('SELECT 1, 2 - -1');
    expect(bindParams("SELECT '$$', `$x`")).toBe("SELECT '$$', `$x`");
    for (const sql of ['SELECT $a', 'SELECT $$ x $$', 'SELECT $tag$x$tag$', 'SELECT 1$'])
      expect(() => bindParams(sql)).toThrow('SQL template: a $ that is not a placeholder');
  });

  it('names the parameter whose value is refused', () => {
    expect(() => bindParams('SELECT $1, $2', ['ok', NaN])).toThrow(
      'parameter $2: NaN is not a finite number.',
    );
  });
});
