import { describe, expect, it } from 'vitest';
import { rowsOfJson } from './client';
import { ClickHouseError } from './errors';
import { jsonConverter, parseType } from './types';

describe('parseType', () => {
  it('reads plain, nested and parameterised types', () => {
    expect(parseType('Int64')).toEqual({ name: 'Int64', args: [], params: '' });
    expect(parseType("Nullable(DateTime('UTC'))")).toEqual({
      name: 'Nullable',
      args: [{ name: 'DateTime', args: [], params: "'UTC'" }],
      params: '',
    });
    expect(parseType('Array(Nullable(UInt64))').args[0]!.args[0]!.name).toBe('UInt64');
    expect(parseType('Tuple(String, Array(Int64))').args.map((a) => a.name)).toEqual([
      'String',
      'Array',
    ]);
    expect(parseType('Tuple(a Int64, b String)').args.map((a) => a.name)).toEqual([
      'Int64',
      'String',
    ]);
    expect(parseType('Decimal(18, 2)').params).toBe('18, 2');
    expect(parseType("Enum8('a(' = 1, 'b' = 2)").params).toBe("'a(' = 1, 'b' = 2");
  });

  it('refuses text that is not a type', () => {
    for (const bad of ['', 'Nullable(', 'Array(Int64))', 'Int64 extra', '(x)'])
      expect(() => parseType(bad)).toThrow('cannot read the ClickHouse type');
  });
});

describe('jsonConverter', () => {
  const convert = (type: string, value: unknown) => jsonConverter(parseType(type))(value);

  it('turns quoted 64-bit integers into numbers when safe, bigints otherwise', () => {
    expect(convert('UInt64', '5')).toBe(5);
    expect(convert('Int64', '-9007199254740991')).toBe(-9007199254740991);
    expect(convert('UInt64', '9007199254740992')).toBe(9007199254740992n);
    expect(convert('UInt64', '18446744073709551615')).toBe(18446744073709551615n);
    expect(convert('Int64', '-9223372036854775808')).toBe(-9223372036854775808n);
  });

  it('reads quoted infinities and NaN, and keeps NULL and plain numbers', () => {
    expect(convert('Float64', 'inf')).toBe(Infinity);
    expect(convert('Float64', '-inf')).toBe(-Infinity);
    expect(convert('Float64', '-nan')).toBeNaN();
    expect(convert('Float32', 'nan')).toBeNaN();
    expect(convert('Float64', 1.5)).toBe(1.5);
    expect(convert('Nullable(Float64)', null)).toBeNull();
    expect(() => convert('Float64', 'one')).toThrow('unexpected float text');
  });

  it('goes into Nullable, Array and Tuple', () => {
    expect(convert('Nullable(Int64)', null)).toBeNull();
    expect(convert('Nullable(Int64)', '7')).toBe(7);
    expect(convert('Array(Nullable(UInt64))', ['1', null, '18446744073709551615'])).toEqual([
      1,
      null,
      18446744073709551615n,
    ]);
    expect(convert('Tuple(String, Int64)', ['a', '3'])).toEqual(['a', 3]);
  });

  it('keeps strings, dates and small integers as they come', () => {
    expect(convert('String', '123')).toBe('123');
    expect(convert("DateTime('UTC')", '2024-01-05 10:11:12')).toBe('2024-01-05 10:11:12');
    expect(convert('UInt32', 42)).toBe(42);
  });
});

describe('rowsOfJson', () => {
  it('converts the columns of a FORMAT JSON answer by their types', () => {
    const text = JSON.stringify({
      meta: [
        { name: 'n', type: 'UInt64' },
        { name: 's', type: 'String' },
        { name: 'f', type: 'Float64' },
      ],
      data: [
        { n: '2', s: '2', f: 'inf' },
        { n: '18446744073709551615', s: 'x', f: 0.5 },
      ],
      rows: 2,
    });
    expect(rowsOfJson(text)).toEqual([
      { n: 2, s: '2', f: Infinity },
      { n: 18446744073709551615n, s: 'x', f: 0.5 },
    ]);
  });

  it('reads an empty answer as no rows and refuses one that is not JSON', () => {
    expect(rowsOfJson('')).toEqual([]);
    expect(() => rowsOfJson('1\t2\n')).toThrow(ClickHouseError);
  });
});
