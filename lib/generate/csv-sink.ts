/**
 * Encodes CSV fields straight into ~1 MB byte chunks. Millions of rows built as JS strings would
 * spend most of their time in rope flattening and GC; writing digits and ASCII bytes directly keeps
 * the generator fast and its garbage near zero. Each field method writes the value and a comma;
 * `endRow` turns the row's last comma into '\n'. RFC 4180: text is quoted only when it contains a
 * comma, quote or line break; null is an empty field. Pure (no I/O): a writer drains `full`.
 */
import { calendarDay } from './calendar';

// A local constant: in CommonJS transpilation an imported one is a getter call per access.
const SECONDS_PER_DAY = 86_400;

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const ZERO = 0x30;

const TRUE = 'true';
const FALSE = 'false';

/** `YYYY-MM-DD ` bytes per day, filled on first use; days outside the table use a spare slot. */
const DATE_DAYS = 84_000; // 2000–2229 (calendar.ts counts days from 2000-01-01)
const dateBytes = new Uint8Array((DATE_DAYS + 1) * 11);
const dateFilled = new Uint8Array(DATE_DAYS);

/** Offset of a day's date bytes in `dateBytes`. */
function dateOffset(days: number): number {
  const cached = days >= 0 && days < DATE_DAYS;
  if (cached && dateFilled[days] === 1) return days * 11;
  const offset = cached ? days * 11 : DATE_DAYS * 11;
  const { year, month, day } = calendarDay(days);
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')} `;
  for (let i = 0; i < 11; i++) dateBytes[offset + i] = text.charCodeAt(i);
  if (cached) dateFilled[days] = 1;
  return offset;
}

export class CsvSink {
  private chunk: Buffer;
  private pos = 0;
  /** Completed chunks, in order, waiting to be written. */
  readonly full: Buffer[] = [];
  /** Written chunks for reuse: fresh memory costs a page fault per 4 KB on first touch. */
  private readonly spare: Buffer[] = [];

  constructor(private readonly chunkBytes = 1 << 20) {
    this.chunk = Buffer.allocUnsafe(chunkBytes);
  }

  /** Make room for `n` more bytes, starting a new chunk when the current one is full. */
  private room(n: number): void {
    if (this.pos + n <= this.chunk.length) return;
    if (this.pos > 0) this.full.push(this.chunk.subarray(0, this.pos));
    this.chunk = this.newChunk(n);
    this.pos = 0;
  }

  private newChunk(n: number): Buffer {
    const spare = n <= this.chunkBytes ? this.spare.pop() : undefined;
    return spare ?? Buffer.allocUnsafe(Math.max(this.chunkBytes, n));
  }

  /** Return a chunk from `full` once it has been written, so its memory is reused. */
  recycle(chunk: Buffer): void {
    // Chunks are whole allocations (larger than Node's buffer pool), so the view covers from 0.
    const whole = Buffer.from(chunk.buffer, 0, chunk.buffer.byteLength);
    if (whole.length === this.chunkBytes && this.spare.length < 8) this.spare.push(whole);
  }

  /** Move the partly filled chunk to `full` (at the end of the output). */
  seal(): void {
    if (this.pos === 0) return;
    this.full.push(this.chunk.subarray(0, this.pos));
    this.chunk = this.newChunk(0);
    this.pos = 0;
  }

  /** Bytes as they are, e.g. a header line. */
  raw(value: string): void {
    const bytes = Buffer.byteLength(value);
    this.room(bytes);
    this.pos += this.chunk.write(value, this.pos, 'utf8');
  }

  /** A text field, quoted if needed; null or '' is an empty field. */
  text(value: string | null): void {
    if (value === null) return this.empty();
    const n = value.length;
    this.room(n + 1);
    const { chunk } = this;
    const start = this.pos;
    let pos = start;
    // Copy ASCII bytes optimistically; anything that needs quoting or UTF-8 takes the slow path.
    for (let i = 0; i < n; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80 || c === COMMA || c === QUOTE || c === NEWLINE || c === 0x0d) {
        return this.quotedText(value);
      }
      chunk[pos++] = c;
    }
    chunk[pos++] = COMMA;
    this.pos = pos;
  }

  private quotedText(value: string): void {
    const field = /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
    this.raw(field);
    this.room(1);
    this.chunk[this.pos++] = COMMA;
  }

  empty(): void {
    this.room(1);
    this.chunk[this.pos++] = COMMA;
  }

  /** An identifier like `SO-0000042`: a prefix and a zero-padded number, without building a string. */
  code(prefix: string, value: number, width: number): void {
    this.room(prefix.length + width + 17);
    let pos = this.pos;
    for (let i = 0; i < prefix.length; i++) this.chunk[pos++] = prefix.charCodeAt(i);
    const digits = this.digitCount(value);
    for (let i = digits; i < width; i++) this.chunk[pos++] = ZERO;
    pos = this.digits(value, pos);
    this.chunk[pos++] = COMMA;
    this.pos = pos;
  }

  /** A whole number (integers only: quantities, line numbers). */
  int(value: number): void {
    this.room(22);
    this.pos = this.digits(value, this.pos);
    this.chunk[this.pos++] = COMMA;
  }

  /** Money from integer cents, always with two decimals. */
  money(cents: number): void {
    this.room(24);
    const negative = cents < 0;
    const abs = Math.abs(cents);
    if (negative) this.chunk[this.pos++] = 0x2d;
    const units = Math.floor(abs / 100);
    const pos = this.digits(units, this.pos);
    this.chunk[pos] = 0x2e;
    this.pos = this.pair(abs - units * 100, COMMA, pos + 1);
  }

  bool(value: boolean): void {
    this.text(value ? TRUE : FALSE);
  }

  /** `YYYY-MM-DD HH:MM:SS` from seconds since 2000-01-01 UTC (see calendar.ts); null is empty. */
  ts(seconds: number | null): void {
    if (seconds === null) return this.empty();
    this.room(20);
    const days = Math.floor(seconds / SECONDS_PER_DAY);
    const { chunk } = this;
    let pos = this.pos;
    const from = dateOffset(days);
    for (let i = from; i < from + 11; i++) chunk[pos++] = dateBytes[i] as number;
    // Int32 arithmetic from here: `%` and `/` on doubles would compile to slow floating-point calls.
    const rest = (seconds - days * SECONDS_PER_DAY) | 0;
    const minutes = (rest / 60) | 0;
    const hours = (minutes / 60) | 0;
    pos = this.pair(hours, 0x3a, pos);
    pos = this.pair(minutes - hours * 60, 0x3a, pos);
    this.pos = this.pair(rest - minutes * 60, COMMA, pos);
  }

  /** Two digits and a separator at `pos`; returns the position after them. */
  private pair(value: number, separator: number, pos: number): number {
    const tens = (value / 10) | 0;
    this.chunk[pos] = ZERO + tens;
    this.chunk[pos + 1] = ZERO + value - tens * 10;
    this.chunk[pos + 2] = separator;
    return pos + 3;
  }

  /** End the row: its trailing comma becomes the line break. */
  endRow(): void {
    this.chunk[this.pos - 1] = NEWLINE;
  }

  private digitCount(value: number): number {
    let width = 1;
    for (let limit = 10; value >= limit && width < 16; limit *= 10) width++;
    return width;
  }

  /** Decimal digits of a whole number at `pos`; returns the position after them. */
  private digits(value: number, pos: number): number {
    if (!Number.isSafeInteger(value)) throw new RangeError(`not a whole number: ${value}`);
    let n = value;
    if (n < 0) {
      this.chunk[pos++] = 0x2d;
      n = -n;
    }
    const width = this.digitCount(n);
    for (let i = pos + width - 1; i >= pos; i--) {
      const next = Math.floor(n / 10);
      this.chunk[i] = ZERO + (n - next * 10);
      n = next;
    }
    return pos + width;
  }
}
