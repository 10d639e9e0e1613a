/**
 * Hostile strings through every string a mapping holds (issue 13), straight into loadExtract: the
 * mapping is refused naming its key, or the load runs with the string as data. Never a DuckDB
 * parser or binder error in what the user sees, never a byte of the users table or of a file the
 * load was not given, never a changed table after a refusal or a dry run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { fingerprint } from '@/lib/db/fingerprint';
import { loadExtract } from '../load/load-extract';
import { MappingError, parseMapping, strftimeProblem, type Mapping } from './mapping';

const FINDING = "%Y' || (SELECT string_agg(username||':'||password_hash,' | ') FROM users) || '";
const dir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-hostile-mapping-'));
const marker = path.join(dir, 'marker.csv');
writeFileSync(marker, 'secret\nMARKERSECRET\n');

const payloads = [
  FINDING,
  "'",
  "''",
  '"',
  "' || (SELECT password_hash FROM users) || '",
  "%d' || (SELECT password_hash FROM users LIMIT 1) || '",
  `read_csv('/etc/passwd')`,
  `' || (SELECT string_agg(secret, '') FROM read_csv('${marker}')) || '`,
  `%Y'); SELECT * FROM read_csv('${marker}'); --`,
  '; DROP TABLE orders; --',
  '$1',
  '?',
  '\\',
  '%Y\u0000',
  '\u0000',
  '\n%Y',
  '%d.%m.%Y',
  '%Y-%m-%d',
  '日付 %Y年%m月%d日',
  '\u202e%Y',
  '%Q',
  '%',
  '*',
  '[a-z]*',
  '',
];

const hostile = fc.oneof(
  fc.constantFrom(...payloads),
  fc
    .tuple(fc.constantFrom(...payloads), fc.string({ unit: 'binary', maxLength: 12 }))
    .map(([p, s]) => p + s),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

const base = {
  table: 'flat',
  columns: {
    order_id: 'Order ID',
    order_ts: 'Order Date',
    ship_ts: 'Ship Date',
    ship_mode: 'Ship Mode',
    customer_id: 'Customer ID',
    line_no: 'Line',
    sku: 'SKU',
    qty_ordered: 'Quantity',
  },
};

/** Where a hostile string goes: the mapping it makes and the key a refusal must name. */
const placements: Record<string, (s: string) => { mapping: object; key: string; header?: string }> =
  {
    header: (s) => ({
      mapping: { ...base, columns: { ...base.columns, customer_id: s } },
      key: 'columns.customer_id',
      header: s,
    }),
    dateFormat: (s) => ({ mapping: { ...base, dateFormat: s }, key: 'dateFormat' }),
    formats: (s) => ({ mapping: { ...base, formats: { ship_ts: s } }, key: 'formats.ship_ts' }),
    valuesKey: (s) => ({
      mapping: { ...base, values: { ship_mode: { [s]: 'Express' } } },
      key: 'values.ship_mode',
    }),
    valuesValue: (s) => ({
      mapping: { ...base, values: { ship_mode: { Standard: s } } },
      key: 'values.ship_mode.Standard',
    }),
    nullValues: (s) => ({ mapping: { ...base, nullValues: [s] }, key: 'nullValues.0' }),
    sheet: (s) => ({ mapping: { ...base, sheet: s }, key: 'sheet' }),
    delimiter: (s) => ({ mapping: { ...base, delimiter: s }, key: 'delimiter' }),
    quote: (s) => ({ mapping: { ...base, quote: s }, key: 'quote' }),
    thousands: (s) => ({ mapping: { ...base, thousandsSeparator: s }, key: 'thousandsSeparator' }),
    notes: (s) => ({ mapping: { ...base, notes: s }, key: 'notes' }),
  };

const rows = [
  ['SO-1', '2024-03-01', '2024-03-04', 'Standard', 'C-1', '1', 'A-100', '2'],
  ['SO-2', '2024-03-02', '2024-03-05', 'Express', 'C-2', '1', 'B-200', '1'],
];

/** A CSV whose Customer ID header may itself be the hostile string. */
function extract(header: string | undefined, n: number): string {
  const headers = Object.values(base.columns).map((h) =>
    h === 'Customer ID' && header !== undefined ? header : h,
  );
  const cell = (v: string) => `"${v.replaceAll('"', '""')}"`;
  const file = path.join(dir, `extract-${n}.csv`);
  writeFileSync(file, [headers, ...rows].map((r) => r.map(cell).join(',')).join('\n') + '\n');
  return file;
}

const LEAKS =
  /HASHSECRET|MARKERSECRET|root:x?:0:0|Parser Error|Binder Error|Catalog Error|syntax error|Conversion Error|at .*\.ts:\d+/;

let db: Database;
beforeAll(async () => {
  db = await openMemoryDatabase();
  await db.run(
    "INSERT INTO users VALUES (1, 'victim', 'admin', 'HASHSECRET', now()::TIMESTAMP, now()::TIMESTAMP, NULL)",
  );
});

describe('hostile strings in every mapping key', () => {
  it('are refused naming the key, or loaded as data; nothing leaks, nothing changes on refusal', async () => {
    const tally = { runs: 0, refused: 0, loaded: 0, rejected: 0, failed: 0 };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(placements)),
        hostile,
        fc.boolean(),
        async (where, s, dryRun) => {
          tally.runs++;
          const { mapping: raw, key, header } = placements[where]!(s);
          const before = await fingerprint(db);
          let mapping: Mapping;
          try {
            mapping = parseMapping(raw);
          } catch (error) {
            expect(error).toBeInstanceOf(MappingError);
            const { message, issues } = error as MappingError;
            expect(
              issues.some((i) => i.startsWith(`${key.split('.').slice(0, 2).join('.')}`)),
            ).toBe(true);
            expect(message).not.toMatch(LEAKS);
            expect(await fingerprint(db)).toEqual(before);
            tally.refused++;
            return;
          }
          const file = extract(header, n++);
          let text: string;
          let changed = true;
          try {
            const report = await loadExtract(db, { file, mapping, dryRun });
            text = JSON.stringify(report);
            tally[report.status === 'rejected' ? 'rejected' : 'loaded']++;
            changed = !dryRun && report.status !== 'rejected';
          } catch (error) {
            text = (error as Error).message;
            expect((error as Error).name).not.toBe('Error');
            tally.failed++;
            changed = false;
          }
          expect(text).not.toMatch(LEAKS);
          if (!changed) expect(await fingerprint(db)).toEqual(before);
        },
      ),
      { numRuns: 60, seed: 13 },
    );
    expect(tally.refused).toBeGreaterThan(0);
    expect(tally.loaded + tally.rejected).toBeGreaterThan(0);
    console.info(`[hostile-mapping] ${JSON.stringify(tally)}`);
  });

  it('the exact payload of the finding is refused by the schema, at both keys', () => {
    expect(strftimeProblem(FINDING)).toBe(
      'a date format may hold date codes and plain characters only, not "\'"',
    );
    expect(() =>
      parseMapping({ ...base, dateFormat: FINDING, formats: { ship_ts: FINDING } }),
    ).toThrow(MappingError);
    const error = (() => {
      try {
        parseMapping({ ...base, dateFormat: FINDING, formats: { ship_ts: FINDING } });
      } catch (e) {
        return e as MappingError;
      }
    })();
    expect(error!.issues).toEqual([
      'dateFormat: a date format may hold date codes and plain characters only, not "\'"',
      'formats.ship_ts: a date format may hold date codes and plain characters only, not "\'"',
    ]);
  });

  it('accepts the formats people use', () => {
    for (const format of ['%d.%m.%Y', '%m/%d/%Y %I:%M %p', '%Y-%m-%dT%H:%M:%S.%fZ', '%-d %b %Y'])
      expect(strftimeProblem(format)).toBeUndefined();
    expect(strftimeProblem('%Q')).toMatch(/"%Q" is not a date code/);
    expect(strftimeProblem('%Y\u0000')).toMatch(/not "\\u0000"/);
  });

  it('bypassing the schema, the finding is still a bound value: shown as text, no hash', async () => {
    const before = await fingerprint(db);
    const report = await loadExtract(db, {
      file: extract(undefined, 9999),
      mapping: { ...(base as Mapping), formats: { ship_ts: FINDING } },
      dryRun: true,
    });
    expect(report.status).toBe('rejected');
    expect(report.issues[0]!.message).toBe(
      `extract-9999.csv, row 1, column "Ship Date": "2024-03-04" is not a date in the format ${FINDING}`,
    );
    expect(JSON.stringify(report)).not.toMatch(/HASHSECRET/);
    expect(await fingerprint(db)).toEqual(before);
  });
});
