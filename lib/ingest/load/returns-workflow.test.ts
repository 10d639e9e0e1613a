/**
 * Loading the returns workflow's stages: the date order from authorisation to disposition, the
 * disposition read through the mapping's value map (as a reason code is read as its category),
 * and a reload that replaces a return and an undo that brings it back with every stage.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import type { Mapping } from '../map/mapping';
import { undoLoad } from './ledger';
import { loadExtract } from './load-extract';

/** An SAP-style returns list: German headers, the follow-up activity as SAP's own codes. */
const HEADER =
  'Retourenauftrag;Kundenauftrag;Menge;RMA-Datum;Eingangsdatum;Prüfdatum;Folgeaktivität;Datum Folgeaktivität';
const mapping: Mapping = {
  table: 'returns',
  columns: {
    return_id: 'Retourenauftrag',
    order_id: 'Kundenauftrag',
    qty_returned: 'Menge',
    authorised_ts: 'RMA-Datum',
    return_ts: 'Eingangsdatum',
    inspected_ts: 'Prüfdatum',
    disposition: 'Folgeaktivität',
    disposition_ts: 'Datum Folgeaktivität',
  },
  delimiter: ';',
  dateFormat: '%d.%m.%Y',
  values: { disposition: { '0001': 'restock', '0002': 'scrap', 'LIEF*': 'return_to_vendor' } },
};

async function file(lines: string[]): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-returns-workflow-'));
  const name = path.join(dir, 'retouren.csv');
  await writeFile(name, `${[HEADER, ...lines].join('\n')}\n`);
  return name;
}

describe('loading the returns workflow', () => {
  it('refuses stages out of order and an unknown disposition, naming row and column', async () => {
    const db = await openMemoryDatabase();
    const report = await loadExtract(db, {
      mapping,
      file: await file([
        '6001;4711;1;02.01.2024;05.01.2024;06.01.2024;0001;06.01.2024',
        '6002;4712;1;09.01.2024;05.01.2024;06.01.2024;0002;07.01.2024',
        '6003;4713;1;02.01.2024;05.01.2024;04.01.2024;0002;07.01.2024',
        '6004;4714;1;02.01.2024;05.01.2024;08.01.2024;0002;07.01.2024',
        '6005;4715;1;02.01.2024;05.01.2024;06.01.2024;9999;07.01.2024',
        '6006;4716;1;02.01.2024;05.01.2024;06.01.2024;LIEF-01;07.01.2024',
      ]),
    });
    expect(report.status).toBe('rejected');
    const byRow = Object.fromEntries(report.issues.map((i) => [i.row, [i.rule, i.column]]));
    expect(byRow).toEqual({
      2: ['return_before_authorised', 'Eingangsdatum'],
      3: ['inspected_before_return', 'Prüfdatum'],
      4: ['disposition_before_inspection', 'Datum Folgeaktivität'],
      5: ['invalid_value', 'Folgeaktivität'],
    });
    expect(report.issues.find((i) => i.row === 5)!.message).toBe(
      'retouren.csv, row 5, column "Folgeaktivität": "9999" is not a disposition (restock, refurbish, scrap, return_to_vendor); map it with "values"',
    );
    expect(report.issues.find((i) => i.row === 2)!.message).toBe(
      'retouren.csv, row 2, column "Eingangsdatum": 05.01.2024 is before RMA-Datum 09.01.2024',
    );
  });

  it('stores every stage, replaces a return on reload and gives it back on undo', async () => {
    const db = await openMemoryDatabase();
    const first = await loadExtract(db, {
      mapping,
      file: await file(['6001;4711;1;02.01.2024;05.01.2024;06.01.2024;0001;06.01.2024']),
    });
    expect(first.status).toBe('loaded');
    const stages = () =>
      db.read<Record<string, string | null>>(
        `SELECT strftime(authorised_ts, '%d.%m.') AS a, strftime(inspected_ts, '%d.%m.') AS i,
                disposition AS d, strftime(disposition_ts, '%d.%m.') AS dt FROM returns`,
      );
    expect(await stages()).toEqual([{ a: '02.01.', i: '06.01.', d: 'restock', dt: '06.01.' }]);
    // A later extract: the goods went back to the vendor after all (SAP code LIEF-02).
    const second = await loadExtract(db, {
      mapping,
      file: await file(['6001;4711;1;02.01.2024;05.01.2024;06.01.2024;LIEF-02;08.01.2024']),
    });
    expect(second.tables.returns).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await stages()).toEqual([
      { a: '02.01.', i: '06.01.', d: 'return_to_vendor', dt: '08.01.' },
    ]);
    await undoLoad(db, second.loadId!);
    expect(await stages()).toEqual([{ a: '02.01.', i: '06.01.', d: 'restock', dt: '06.01.' }]);
  });
});
