import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { csvColumns } from './csv';
import { BandSetValidationError } from './schema';
import { shippedBandSets } from './shipped';
import { bandSetsForKpi, importBandSet, listBandSets, removeBandSet } from './store';

const acme = {
  id: 'acme-2024-cycle',
  kpi: 'order_shipment_cycle_time',
  name: 'Acme survey 2024: shipment cycle time',
  source: 'Acme survey',
  edition: '2024',
  peerGroup: 'Wholesale',
  sampleSize: 57,
  sourceDefinition: 'Hours from order receipt to final shipment, complete orders only.',
  citation: 'Acme survey report 2024, table 4',
  unit: 'hours',
  direction: 'lower',
  scheme: { type: 'quartiles', p25: 18, median: 24, p75: 36 },
};

let db: Database;
beforeEach(async () => {
  db = await openMemoryDatabase();
});
afterEach(() => db.close());

const imported = async () => (await listBandSets(db)).filter((s) => s.origin === 'imported');

describe('band set storage', () => {
  it('lists the shipped sets on an empty database', async () => {
    const sets = await listBandSets(db);
    expect(sets.map((s) => s.id)).toEqual(shippedBandSets().map((s) => s.id));
    expect(sets.every((s) => s.version === 1 && s.importedAt === null)).toBe(true);
  });

  it('stores a JSON import as version 1, a re-import of the id as version 2', async () => {
    const [first] = await importBandSet(db, JSON.stringify(acme), 'json');
    expect(first).toMatchObject({ id: 'acme-2024-cycle', version: 1, origin: 'imported' });
    expect(first!.importedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const newer = { ...acme, scheme: { ...acme.scheme, median: 22 } };
    await importBandSet(db, newer, 'json');
    const [latest] = await imported();
    expect(latest).toMatchObject({ version: 2, scheme: { median: 22 } });
  });

  it('keeps the kind through import and reading back, and leaves an unsaid kind unsaid', async () => {
    const walmart = {
      ...acme,
      id: 'walmart-otd-2025',
      kpi: 'on_time_delivery_rate',
      unit: 'percent',
      direction: 'higher',
      sampleSize: null,
      kind: 'requirement',
      definitionDiffers: false,
      scheme: { type: 'threshold', value: 90, comparison: '>=', label: 'Walmart on-time delivery' },
    };
    await importBandSet(db, [acme, walmart], 'json');
    const cells: Record<string, string> = {
      ...Object.fromEntries(csvColumns.map((c) => [c, ''])),
      id: 'ks-2015-csv',
      kpi: 'order_to_delivery_cycle_time',
      name: 'Kurt Salmon 2015',
      source: 'Kurt Salmon',
      edition: 'December 2015',
      peer_group: '62 US online retailers',
      source_definition: 'Days from order to delivery, Cyber Monday orders.',
      citation: 'Chain Store Age, December 2015',
      unit: 'days',
      direction: 'lower',
      kind: 'study',
      scheme: 'reference',
      figures: 'average=6.9',
    };
    const line = csvColumns.map((c) => `"${cells[c]}"`).join(',');
    await importBandSet(db, [csvColumns.join(','), line].join('\n'), 'csv');
    const byId = Object.fromEntries((await imported()).map((s) => [s.id, s]));
    expect(byId['walmart-otd-2025']).toMatchObject({
      kind: 'requirement',
      definitionDiffers: false,
    });
    expect(byId['ks-2015-csv']).toMatchObject({
      kind: 'study',
      scheme: { type: 'reference', figures: [{ label: 'average', value: 6.9 }] },
    });
    expect(byId['acme-2024-cycle']!.kind).toBeUndefined();
  });

  it('imports a JSON array and a CSV file of several sets in one go', async () => {
    const other = {
      ...acme,
      id: 'acme-2024-fill',
      kpi: 'order_fill_rate',
      unit: 'percent',
      direction: 'higher',
      scheme: { type: 'threshold', value: 99, comparison: '>=', label: 'Top decile' },
    };
    await importBandSet(db, [acme, other], 'json');
    const cells = {
      ...Object.fromEntries(csvColumns.map((c) => [c, ''])),
      id: 'acme-csv',
      kpi: 'order_shipment_cycle_time',
      name: 'Acme CSV',
      source: 'Acme',
      edition: '2023',
      peer_group: 'All',
      source_definition: 'Hours from order to final shipment.',
      citation: 'Acme 2023 report',
      unit: 'hours',
      direction: 'lower',
      scheme: 'range',
      min: '8',
      max: '72',
      average: '30',
    };
    const csv = `${csvColumns.join(',')}\n${csvColumns.map((c) => cells[c as keyof typeof cells]).join(',')}\n`;
    await importBandSet(db, csv, 'csv');
    expect((await imported()).map((s) => [s.id, s.version])).toEqual([
      ['acme-2024-cycle', 1],
      ['acme-2024-fill', 1],
      ['acme-csv', 1],
    ]);
  });

  it('rejects the whole import on any problem and stores nothing', async () => {
    const broken = { ...acme, id: 'acme-broken', scheme: { type: 'quartiles', median: 'x' } };
    const error = await importBandSet(db, [acme, broken], 'json').catch((e: unknown) => e);
    // In an array, the path starts with the set's index, as a JSON path does.
    expect((error as BandSetValidationError).problems).toEqual([
      { path: '[1].scheme.median', message: 'must be a number' },
    ]);
    expect((error as Error).message).toContain('[1].scheme.median: must be a number');
    expect(await imported()).toEqual([]);
  });

  it.each([
    [{ ...acme, id: 'werc-2020-order-fill-rate' }, 'used by a band set shipped with Orderlens'],
    [{ ...acme, origin: 'shipped' }, 'an imported band set cannot be marked shipped'],
    [[acme, acme], '[1].id: "acme-2024-cycle" appears more than once'],
    ['{ not json', 'not valid JSON'],
    [[], 'the file holds no band set'],
  ])('refuses %#: %s', async (input, message) => {
    const error = await importBandSet(db, input, 'json').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BandSetValidationError);
    expect((error as Error).message).toContain(message);
  });

  it('locates a clash by the row and column of a CSV file', async () => {
    const cells: Record<string, string> = {
      ...Object.fromEntries(csvColumns.map((c) => [c, ''])),
      id: 'werc-2020-order-fill-rate',
      kpi: 'order_fill_rate',
      name: 'Posing as shipped',
      source: 'Acme',
      edition: '2023',
      peer_group: 'All',
      source_definition: 'Orders shipped complete.',
      citation: 'Acme 2023 report',
      unit: 'percent',
      direction: 'higher',
      scheme: 'threshold',
      threshold: '99',
      comparison: '>=',
      label: 'Top',
    };
    const csv = `${csvColumns.join(',')}\n${csvColumns.map((c) => cells[c]).join(',')}\n`;
    const error = await importBandSet(db, csv, 'csv').catch((e: unknown) => e);
    expect((error as BandSetValidationError).problems).toEqual([
      {
        row: 2,
        column: 'id',
        message:
          '"werc-2020-order-fill-rate" is used by a band set shipped with Orderlens; choose another id',
      },
    ]);
  });

  it('filters by KPI, shipped and imported together', async () => {
    await importBandSet(
      db,
      {
        ...acme,
        id: 'acme-perfect',
        kpi: 'perfect_order_index',
        unit: 'percent',
        direction: 'higher',
        scheme: { type: 'quartiles', median: 88 },
      },
      'json',
    );
    const ids = (await bandSetsForKpi(db, 'perfect_order_index')).map((s) => s.id);
    expect(ids).toEqual([
      'apqc-2016-perfect-order',
      'opsdog-perfect-customer-order-rate',
      'acme-perfect',
    ]);
  });

  it('soft-removes an imported set; a later import starts a new version', async () => {
    await importBandSet(db, acme, 'json');
    await removeBandSet(db, acme.id);
    expect(await imported()).toEqual([]);
    const rows = await db.all('SELECT version, removed_at FROM band_sets');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.removed_at).not.toBeNull();
    await importBandSet(db, acme, 'json');
    expect((await imported()).map((s) => s.version)).toEqual([2]);
  });

  it('refuses to remove a shipped or unknown set', async () => {
    await expect(removeBandSet(db, 'werc-2020-order-accuracy')).rejects.toMatchObject({
      code: 'band_set_shipped',
    });
    const error = await removeBandSet(db, 'nope').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderlensError);
    expect(error).toMatchObject({ code: 'band_set_not_found' });
  });
});
