/**
 * Issue 12: the decimal separator is decided for the whole extract. A column of "1,000"-style
 * values reads as 1.0 or as 1000; the file's other numbers, then the mapping profile, settle it,
 * and otherwise the load refuses and changes nothing. Fixtures: lines-decimal-comma.csv,
 * deliveries-doubtful.csv and deliveries-weight.csv (SAP style, semicolons, decimal commas).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { quoteIdent } from '@/lib/db/sql';
import type { Mapping } from '../map/mapping';
import { stageSource } from '../read/stage';
import { loadExtract } from './load-extract';
import { previewUpload } from './preview';
import { findProfile, saveProfile } from './profiles';
import { decideSeparators, planTransform, type TransformOptions } from './transform';

const fixture = (name: string) => path.join(__dirname, '..', 'fixtures', name);

const linesMapping: Mapping = {
  table: 'order_lines',
  columns: {
    order_id: 'VBELN',
    line_no: 'POSNR',
    sku: 'MATNR',
    qty_ordered: 'KWMENG',
    unit_price: 'NETPR',
  },
  delimiter: ';',
};

const deliveryMapping: Mapping = {
  table: 'shipments',
  columns: {
    shipment_id: 'VBELN',
    order_id: 'VGBEL',
    line_no: 'VGPOS',
    sku: 'MATNR',
    qty_shipped: 'LFIMG',
    ship_ts: 'WADAT_IST',
  },
  delimiter: ';',
  dateFormat: '%d.%m.%Y',
};

const REFUSAL =
  'Column "LFIMG": "1,000" and "2,500" read as 1.0 and 2.5 with a decimal comma, or 1000 and 2500 ' +
  'with a thousands comma, and no other number in the file or earlier load settles which; ' +
  'set "decimalSeparator" in the mapping (or --decimal) to say which.';

/** The typed values of one field, in file order, under the mapping. */
async function typedValues(
  db: Database,
  file: string,
  mapping: Mapping,
  field: string,
  options: TransformOptions = {},
) {
  const staged = await stageSource(db, fixture(file), { fileName: file, delimiter: ';' });
  try {
    const plan = await planTransform(db, staged, mapping, undefined, options);
    const typed = plan.fields.find((f) => f.field === field)!.typed;
    const rows = await db.all<{ v: number }>(
      `SELECT ${typed} AS v FROM ${quoteIdent(staged.table)} ORDER BY _row`,
      plan.params,
    );
    return { values: rows.map((r) => r.v), separators: plan.separators };
  } finally {
    await staged.cleanup();
  }
}

describe('one decimal convention per extract', () => {
  it('reads "1,000" as 1.0 when a price column of the same file is written 12,5', async () => {
    const db = await openMemoryDatabase();
    const { values, separators } = await typedValues(
      db,
      'lines-decimal-comma.csv',
      linesMapping,
      'qty_ordered',
    );
    expect(values).toEqual([1, 2.5, 3]);
    expect(separators).toMatchObject({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(separators.source).toBe('file');
    expect(separators.undecided).toBeUndefined();
  });

  it('lets a numeric column no field reads (a weight of 12,5) settle the quantities', async () => {
    const db = await openMemoryDatabase();
    const { values, separators } = await typedValues(
      db,
      'deliveries-weight.csv',
      deliveryMapping,
      'qty_shipped',
    );
    expect(values).toEqual([1, 2.5, 3]);
    expect(separators.source).toBe('file');
  });

  it('refuses a file whose only numbers read two ways, naming the column, values and both readings', async () => {
    const db = await openMemoryDatabase();
    await expect(
      typedValues(db, 'deliveries-doubtful.csv', deliveryMapping, 'qty_shipped', {
        fileName: 'deliveries-doubtful.csv',
      }),
    ).rejects.toThrow(`deliveries-doubtful.csv: ${REFUSAL}`);
  });

  it('a load of that file fails and writes nothing; the mapping key settles it', async () => {
    const db = await openMemoryDatabase();
    await expect(
      loadExtract(db, { file: fixture('deliveries-doubtful.csv'), mapping: deliveryMapping }),
    ).rejects.toThrow(REFUSAL);
    const count = await db.one<{ n: number }>('SELECT count(*)::INTEGER AS n FROM shipments');
    expect(count?.n).toBe(0);
    const report = await loadExtract(db, {
      file: fixture('deliveries-doubtful.csv'),
      mapping: { ...deliveryMapping, decimalSeparator: ',' },
    });
    expect(report.status).toBe('loaded');
    const shipped = await db.all<{ q: number }>(
      'SELECT qty_shipped AS q FROM shipments ORDER BY shipment_id, line_no',
    );
    expect(shipped.map((r) => r.q)).toEqual([1, 2.5, 3]);
  });

  it('is settled by the separator a mapping profile recorded, and says so', async () => {
    const db = await openMemoryDatabase();
    const { values, separators } = await typedValues(
      db,
      'deliveries-doubtful.csv',
      deliveryMapping,
      'qty_shipped',
      { profile: { name: 'SAP LIPS', decimalSeparator: ',' } },
    );
    expect(values).toEqual([1, 2.5, 3]);
    expect(separators).toMatchObject({ source: 'profile', profile: 'SAP LIPS' });
    expect(separators.doubtful).toEqual({ header: 'LFIMG', values: ['1,000', '2,500'] });
  });

  it('a thousands point in the mapping settles it too; its own evidence outweighs a profile', () => {
    const doubtful = {
      field: 'qty_shipped',
      header: 'LFIMG',
      comma: 0,
      point: 0,
      bothWithComma: [],
      bothWithPoint: ['1.000', '2.500'],
      numeric: true,
    };
    expect(decideSeparators({ thousandsSeparator: '.' }, [doubtful])).toMatchObject({
      decimalSeparator: ',',
      source: 'mapping',
    });
    const undecided = decideSeparators({}, [doubtful]);
    expect(undecided.undecided).toBe(
      'Column "LFIMG": "1.000" and "2.500" read as 1.0 and 2.5 with a decimal point, or 1000 and 2500 ' +
        'with a thousands point, and no other number in the file or earlier load settles which; ' +
        'set "decimalSeparator" in the mapping (or --decimal) to say which.',
    );
    const priced = {
      ...doubtful,
      field: 'unit_price',
      header: 'Price',
      point: 3,
      bothWithPoint: [],
    };
    expect(
      decideSeparators({}, [doubtful, priced], { name: 'p', decimalSeparator: ',' }),
    ).toMatchObject({ decimalSeparator: '.', source: 'file' });
    // Plain integers read alike either way: nothing to decide, nothing to refuse.
    const plain = { ...doubtful, bothWithPoint: [] };
    expect(decideSeparators({}, [plain])).toMatchObject({
      decimalSeparator: '.',
      source: 'default',
    });
    expect(decideSeparators({}, [plain]).undecided).toBeUndefined();
  });
});

describe('the preview shows the decision the load makes', () => {
  it('reports the doubt instead of a separator, then the profile that settles it', async () => {
    const db = await openMemoryDatabase();
    const settings = { delimiter: ';' };
    const table = 'shipments' as const;
    const open = await previewUpload(db, fixture('deliveries-doubtful.csv'), 'lips.csv', {
      settings,
      table,
    });
    expect(open.proposal.columns.qty_shipped).toBe('LFIMG');
    expect(open.detected.decimalSeparator).toBeUndefined();
    expect(open.detected.separators?.undecided).toBe(REFUSAL);

    const main = await openMemoryDatabase();
    const headers = open.headers;
    await saveProfile(main, {
      name: 'SAP LIPS',
      headers,
      mapping: { ...deliveryMapping, decimalSeparator: ',' },
    });
    const settled = await previewUpload(db, fixture('deliveries-doubtful.csv'), 'lips.csv', {
      settings,
      table,
      findProfile: (h) => findProfile(main, h),
    });
    expect(settled.detected).toMatchObject({
      decimalSeparator: ',',
      separators: { source: 'profile', profile: 'SAP LIPS' },
    });

    const lines = await previewUpload(db, fixture('lines-decimal-comma.csv'), 'vbap.csv', {
      settings,
      table: 'order_lines',
    });
    expect(lines.detected).toMatchObject({
      decimalSeparator: ',',
      separators: { source: 'file', doubtful: { header: 'KWMENG', values: ['1,000', '2,500'] } },
    });
  });
});
