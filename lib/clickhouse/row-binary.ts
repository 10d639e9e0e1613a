import 'server-only';
/**
 * Rows for `INSERT … FORMAT RowBinary`. Binary, not JSONEachRow or TabSeparated, because 18.16's
 * text parser of the data formats is not exact for Float64: 1.34468 sent as JSON or TSV is stored
 * as 1.3446799999999999 (about 1 value in 100 with 3 or more decimals is 1 ulp off; tested, see
 * the notes). RowBinary carries the 8 bytes of the double, so what is stored is what was sent.
 *
 * Each column's encoder comes from its ClickHouse type (as system.columns prints it). Values are
 * checked as literals are (sql.ts): finite numbers, integers in the column's range, valid Unicode
 * text, dates in whole seconds within 1970-01-01 00:00:01 … 2105-12-31 23:59:59 UTC, NULL only in
 * a Nullable column. A DateTime cell takes a Date or a 'YYYY-MM-DD hh:mm:ss' text read as UTC.
 * Errors name the column and row, never the value of a text.
 */
import {
  badValue,
  checkBigint,
  checkNumber,
  checkString,
  dateTimeSeconds,
  type ParamValue,
} from './sql';
import { parseType, type TypeNode } from './types';

/** Appends one cell to the output; `where` names the column and row for errors. */
type Encoder = (out: Writer, value: ParamValue | undefined, where: string) => void;

/** A growable byte buffer. */
export class Writer {
  private buffer = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(next, 0, 0, this.length);
    this.buffer = next;
  }

  byte(n: number): void {
    this.reserve(1);
    this.buffer[this.length++] = n;
  }

  /** Unsigned LEB128, the length prefix of strings and arrays. */
  varUInt(n: number): void {
    let v = n;
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  fixed(size: number, write: (buffer: Buffer, offset: number) => void): void {
    this.reserve(size);
    write(this.buffer, this.length);
    this.length += size;
  }

  bytes(data: Buffer): void {
    this.reserve(data.length);
    data.copy(this.buffer, this.length);
    this.length += data.length;
  }

  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

const INTEGERS: Record<string, { bytes: number; signed: boolean }> = {
  UInt8: { bytes: 1, signed: false },
  UInt16: { bytes: 2, signed: false },
  UInt32: { bytes: 4, signed: false },
  UInt64: { bytes: 8, signed: false },
  Int8: { bytes: 1, signed: true },
  Int16: { bytes: 2, signed: true },
  Int32: { bytes: 4, signed: true },
  Int64: { bytes: 8, signed: true },
};

function integerEncoder(name: string, bytes: number, signed: boolean): Encoder {
  const bits = BigInt(bytes * 8);
  const min = signed ? -(2n ** (bits - 1n)) : 0n;
  const max = signed ? 2n ** (bits - 1n) - 1n : 2n ** bits - 1n;
  return (out, value, where) => {
    let v: bigint;
    if (typeof value === 'boolean') v = value ? 1n : 0n;
    else if (typeof value === 'bigint') v = value;
    else if (typeof value === 'number' && Number.isInteger(value)) v = BigInt(value);
    else throw badValue(where, `a ${typeName(value)} where ${name} takes an integer`);
    checkBigint(v, where);
    if (v < min || v > max) throw badValue(where, `an integer outside the range of ${name}`);
    out.fixed(bytes, (b, o) => {
      if (bytes === 8) {
        if (signed) b.writeBigInt64LE(v, o);
        else b.writeBigUInt64LE(v, o);
      } else if (signed) b.writeIntLE(Number(v), o, bytes);
      else b.writeUIntLE(Number(v), o, bytes);
    });
  };
}

function floatEncoder(name: 'Float32' | 'Float64'): Encoder {
  return (out, value, where) => {
    if (typeof value !== 'number')
      throw badValue(where, `a ${typeName(value)} where ${name} takes a number`);
    checkNumber(value, where);
    if (name === 'Float64') out.fixed(8, (b, o) => b.writeDoubleLE(value, o));
    else out.fixed(4, (b, o) => b.writeFloatLE(value, o));
  };
}

const encodeString: Encoder = (out, value, where) => {
  if (typeof value !== 'string')
    throw badValue(where, `a ${typeName(value)} where String takes a text`);
  checkString(value, where);
  const data = Buffer.from(value, 'utf8');
  out.varUInt(data.length);
  out.bytes(data);
};

const DATE_TIME_TEXT = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** A 'YYYY-MM-DD hh:mm:ss' text in UTC as a Date, refusing dates that do not exist (02-30). */
function dateOfText(text: string, where: string): Date {
  const m = DATE_TIME_TEXT.exec(text);
  const date = m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
  if (
    !date ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 19) !== `${m![1]}-${m![2]}-${m![3]}T${m![4]}:${m![5]}:${m![6]}`
  )
    throw badValue(where, "a text that is not a date and time 'YYYY-MM-DD hh:mm:ss'");
  return date;
}

const encodeDateTime: Encoder = (out, value, where) => {
  let date: Date;
  if (value instanceof Date) date = value;
  else if (typeof value === 'string') date = dateOfText(value, where);
  else throw badValue(where, `a ${typeName(value)} where DateTime takes a date`);
  const seconds = dateTimeSeconds(date, where);
  out.fixed(4, (b, o) => b.writeUInt32LE(seconds, o));
};

function typeName(value: unknown): string {
  if (value === null) return 'NULL';
  if (value === undefined) return 'missing value';
  if (Array.isArray(value)) return 'list';
  if (value instanceof Date) return 'date';
  return typeof value === 'string' ? 'text' : typeof value;
}

/** The encoder of a column type; types the canonical schema does not use are refused. */
export function encoderOf(type: TypeNode): Encoder {
  const integer = INTEGERS[type.name];
  if (integer) return integerEncoder(type.name, integer.bytes, integer.signed);
  switch (type.name) {
    case 'Float32':
    case 'Float64':
      return floatEncoder(type.name);
    case 'String':
      return encodeString;
    case 'DateTime':
      return encodeDateTime;
    case 'Nullable': {
      const inner = encoderOf(type.args[0]!);
      return (out, value, where) => {
        if (value === null) return out.byte(1);
        out.byte(0);
        inner(out, value, where);
      };
    }
    case 'Array': {
      const inner = encoderOf(type.args[0]!);
      return (out, value, where) => {
        if (!Array.isArray(value))
          throw badValue(where, `a ${typeName(value)} where Array takes a list`);
        out.varUInt(value.length);
        for (const item of value as readonly ParamValue[]) inner(out, item, where);
      };
    }
  }
  throw new Error(`insertRows cannot write the ClickHouse type ${type.name}`);
}

export interface EncodedColumn {
  name: string;
  /** The ClickHouse type, as system.columns prints it. */
  type: string;
}

/** Rows (one value per column, in the columns' order) as a RowBinary body. */
export function encodeRowBinary(
  columns: readonly EncodedColumn[],
  rows: readonly (readonly ParamValue[])[],
): Buffer {
  const encoders = columns.map((c) => {
    const encode = encoderOf(parseType(c.type));
    const nullable = c.type.startsWith('Nullable(');
    return { name: c.name, encode, nullable };
  });
  const out = new Writer();
  rows.forEach((row, r) => {
    if (row.length !== columns.length)
      throw badValue(`row ${r + 1}`, `${row.length} values for ${columns.length} columns`);
    encoders.forEach(({ name, encode, nullable }, c) => {
      const where = `row ${r + 1}, column ${name}`;
      const value = row[c];
      if (value === null && !nullable)
        throw badValue(where, 'NULL in a column that is not Nullable');
      encode(out, value, where);
    });
  });
  return out.result();
}
