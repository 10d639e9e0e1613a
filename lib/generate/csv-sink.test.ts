import { describe, expect, it } from 'vitest';
import { addMonths, civilFromDays, daysFromCivil, formatTimestamp, parseIsoDay } from './calendar';
import { CsvSink } from './csv-sink';
import { Rng } from './random';

function render(write: (sink: CsvSink) => void, chunkBytes?: number): string {
  const sink = new CsvSink(chunkBytes);
  write(sink);
  sink.seal();
  return Buffer.concat(sink.full).toString('utf8');
}

describe('CsvSink', () => {
  it('writes each field type as specified, one row per line', () => {
    const text = render((s) => {
      s.code('SO-', 42, 7);
      s.int(0);
      s.int(1234);
      s.money(123456);
      s.money(5);
      s.bool(true);
      s.bool(false);
      s.ts(daysFromCivil(2025, 3, 9) * 86_400 + 7 * 3600 + 5 * 60 + 9);
      s.ts(null);
      s.ts(-1); // before the 2000-01-01 origin
      s.text(null);
      s.endRow();
    });
    expect(text).toBe(
      'SO-0000042,0,1234,1234.56,0.05,true,false,2025-03-09 07:05:09,,1999-12-31 23:59:59,\n',
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['Zürich', 'Zürich'],
    ['', ''],
  ])('quotes %j only where RFC 4180 needs it', (input, expected) => {
    expect(render((s) => (s.text(input), s.endRow()))).toBe(`${expected}\n`);
  });

  it('carries rows across chunk boundaries intact', () => {
    const text = render((s) => {
      for (let i = 0; i < 100; i++) {
        s.code('SH-', i, 7);
        s.text('DC-North');
        s.endRow();
      }
    }, 64);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(100);
    expect(lines[99]).toBe('SH-0000099,DC-North');
  });
});

describe('calendar', () => {
  it('round-trips day numbers and adds months with clamping', () => {
    for (const days of [-1, 0, 10_957, 20_089, 47_482]) {
      const { year, month, day } = civilFromDays(days);
      expect(daysFromCivil(year, month, day)).toBe(days);
    }
    expect(addMonths(parseIsoDay('2025-01-31'), 1)).toBe(parseIsoDay('2025-02-28'));
    expect(addMonths(parseIsoDay('2025-01-01'), 12)).toBe(parseIsoDay('2026-01-01'));
    expect(formatTimestamp(parseIsoDay('2024-02-29') * 86_400 + 86_399)).toBe(
      '2024-02-29 23:59:59',
    );
    expect(() => parseIsoDay('2025-13-01')).toThrow(RangeError);
  });
});

describe('Rng', () => {
  it('repeats its sequence for a seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const c = new Rng(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
