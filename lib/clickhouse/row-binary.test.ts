/**
 * RowBinary bytes, written by hand from ClickHouse's format description: little-endian integers
 * and floats, LEB128 lengths before strings and arrays, a 1/0 byte before a Nullable value
 * (1 = NULL), DateTime as UInt32 seconds. client.test.ts inserts through it on the cluster.
 */
import { describe, expect, it } from 'vitest';
import { OrderlensError } from '@/lib/errors';
import { encodeRowBinary, Writer } from './row-binary';

const hex = (buffer: Buffer) => buffer.toString('hex');
const one = (type: string, value: unknown) =>
  hex(encodeRowBinary([{ name: 'c', type }], [[value as never]]));

describe('encodeRowBinary', () => {
  it('writes integers little-endian in their width', () => {
    expect(one('UInt8', 255)).toBe('ff');
    expect(one('UInt8', true)).toBe('01');
    expect(one('Int16', -2)).toBe('feff');
    expect(one('UInt32', 1)).toBe('01000000');
    expect(one('Int64', -1)).toBe('ffffffffffffffff');
    expect(one('Int64', 258n)).toBe('0201000000000000');
    expect(one('UInt64', 18446744073709551615n)).toBe('ffffffffffffffff');
  });

  it('writes Float64 as its 8 bytes (exact), Float32 as 4', () => {
    expect(one('Float64', 1)).toBe('000000000000f03f');
    expect(one('Float64', 1.34468)).toBe(hex(Buffer.from(new Float64Array([1.34468]).buffer)));
    expect(one('Float32', 1)).toBe('0000803f');
  });

  it('writes strings as UTF-8 with a LEB128 length', () => {
    expect(one('String', '')).toBe('00');
    expect(one('String', 'é')).toBe('02c3a9');
    const long = 'x'.repeat(300); // 300 = 0xac 0x02 in LEB128
    expect(one('String', long)).toBe('ac02' + '78'.repeat(300));
  });

  it('writes NULL as 1 and a value as 0 then the value in a Nullable column', () => {
    expect(one('Nullable(String)', null)).toBe('01');
    expect(one('Nullable(String)', 'a')).toBe('000161');
    expect(one('Nullable(UInt8)', false)).toBe('0000');
  });

  it('writes DateTime as UInt32 seconds, from a Date or a UTC text', () => {
    // 2024-01-05 10:11:12 UTC = 1704449472 = 0x6597d5c0
    expect(one("DateTime('UTC')", new Date('2024-01-05T10:11:12Z'))).toBe('c0d59765');
    expect(one("Nullable(DateTime('UTC'))", '2024-01-05 10:11:12')).toBe('00c0d59765');
    expect(one('DateTime', '2105-12-31 23:59:59')).toBe(
      hex(Buffer.from(new Uint32Array([4291747199]).buffer)),
    );
  });

  it('writes arrays with a LEB128 count', () => {
    expect(one('Array(UInt8)', [1, 2])).toBe('020102');
    expect(one('Array(Nullable(String))', ['a', null])).toBe('0200016101');
  });

  it('writes rows one after the other, columns in order', () => {
    const body = encodeRowBinary(
      [
        { name: 'id', type: 'UInt8' },
        { name: 's', type: 'Nullable(String)' },
      ],
      [
        [1, 'a'],
        [2, null],
      ],
    );
    expect(hex(body)).toBe('01' + '000161' + '02' + '01');
  });

  it.each([
    ['UInt8', 256, 'row 1, column c: an integer outside the range of UInt8.'],
    ['Int64', 1.5, 'row 1, column c: a number where Int64 takes an integer.'],
    ['UInt64', -1n, 'row 1, column c: an integer outside the range of UInt64.'],
    ['Float64', NaN, 'row 1, column c: NaN is not a finite number.'],
    ['Float64', '1.5', 'row 1, column c: a text where Float64 takes a number.'],
    ['String', 5, 'row 1, column c: a number where String takes a text.'],
    ['String', 'a\udc00', 'row 1, column c: a text with an unpaired surrogate.'],
    ['String', null, 'row 1, column c: NULL in a column that is not Nullable.'],
    [
      'DateTime',
      '2024-02-30 00:00:00',
      "row 1, column c: a text that is not a date and time 'YYYY-MM-DD hh:mm:ss'.",
    ],
    [
      'DateTime',
      '2024-01-05T10:11:12Z',
      "row 1, column c: a text that is not a date and time 'YYYY-MM-DD hh:mm:ss'.",
    ],
    [
      'DateTime',
      '1960-01-01 00:00:00',
      /row 1, column c: 1960-01-01T00:00:00.000Z is outside 1970-01-01 00:00:01/,
    ],
    ['DateTime', new Date('2024-01-05T10:11:12.250Z'), /has milliseconds/],
    [
      'Nullable(Int64)',
      undefined,
      'row 1, column c: a missing value where Int64 takes an integer.',
    ],
  ])('refuses %s ← %s, naming the row and column', (type, value, message) => {
    expect(() => one(type, value)).toThrow(OrderlensError);
    expect(() => one(type, value)).toThrow(message);
  });

  it('refuses a row of the wrong length and a type it cannot write', () => {
    expect(() => encodeRowBinary([{ name: 'a', type: 'UInt8' }], [[1, 2]])).toThrow(
      'row 1: 2 values for 1 columns.',
    );
    expect(() => one('Decimal(18, 2)', 1)).toThrow('cannot write the ClickHouse type Decimal');
  });
});

describe('Writer', () => {
  it('grows past its first buffer', () => {
    const writer = new Writer();
    const chunk = Buffer.alloc(40_000, 7);
    for (let i = 0; i < 5; i++) writer.bytes(chunk);
    writer.varUInt(2 ** 35);
    const out = writer.result();
    expect(out.length).toBe(200_000 + 6);
    expect(out[199_999]).toBe(7);
    expect(hex(out.subarray(200_000))).toBe('808080808001');
  });
});
