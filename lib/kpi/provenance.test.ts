import { engine } from '@/runtime/engine';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '@/lib/cli/main';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { placeResult } from './bands';
import { provenanceBits } from './provenance-sql';
import { computeKpis } from './compute';
import { loadKpiFixture } from './kpi-test-helpers';
import { scorecard } from './scorecard';
import type { KpiResult } from './types';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'provenance-'));
});

async function load(db: Database, name: string, lines: string[], mapping: Mapping) {
  const file = path.join(dir, name);
  await writeFile(file, `${lines.join('\n')}\n`);
  const report = await loadExtract(db, { file, mapping });
  if (report.status !== 'loaded') throw new Error(report.message);
  return report;
}

const byId = <T extends KpiResult>(results: T[]) => new Map(results.map((r) => [r.id, r]));

/**
 * A Superstore-like flat extract: order and ship dates, ordered quantities, no shipped quantity.
 * O1 (2 lines) ships 01-03 (48 h), O2 ships 01-04 (48 h); nothing says whether they shipped in full.
 */
const superstoreLike = {
  lines: [
    'Order ID,Order Date,Ship Date,Row ID,Product ID,Quantity',
    'O1,2024-01-01,2024-01-03,1,P1,2',
    'O1,2024-01-01,2024-01-03,2,P2,1',
    'O2,2024-01-02,2024-01-04,3,P1,5',
  ],
  mapping: {
    table: 'flat',
    columns: {
      order_id: 'Order ID',
      order_ts: 'Order Date',
      ship_ts: 'Ship Date',
      line_no: 'Row ID',
      sku: 'Product ID',
      qty_ordered: 'Quantity',
    },
    dateFormat: '%Y-%m-%d',
  } as Mapping,
};

async function withoutShippedQuantities() {
  const db = await openMemoryDatabase();
  const report = await load(
    db,
    'superstore-like.csv',
    superstoreLike.lines,
    superstoreLike.mapping,
  );
  return { db, report };
}

const ASSUMED_SHIPPED =
  'Shipped quantities were not in the extract; each line is assumed shipped in full.';

describe('an extract without shipped quantities', () => {
  it('records the shipped quantity as derived, by its rule, and says so in the load report', async () => {
    const { db, report } = await withoutShippedQuantities();
    const rows = await db.all<{ table_name: string; field: string; provenance: string }>(
      `SELECT table_name, field, provenance, rule FROM load_fields
        WHERE load_id = $1 AND field IN ('qty_shipped', 'qty_ordered', 'delivered_ts', 'status')
        ORDER BY table_name, field`,
      [report.loadId!],
    );
    expect(rows).toEqual([
      { table_name: 'order_lines', field: 'qty_ordered', provenance: 'supplied', rule: null },
      { table_name: 'orders', field: 'status', provenance: 'absent', rule: null },
      { table_name: 'shipments', field: 'delivered_ts', provenance: 'absent', rule: null },
      {
        table_name: 'shipments',
        field: 'qty_shipped',
        provenance: 'derived',
        rule: 'shipped_as_ordered',
      },
    ]);
    expect(report.warnings.join(' ')).toContain(ASSUMED_SHIPPED);
  });

  it('fill rates, backorders and split shipments read as assumed, with the note; not placed', async () => {
    const { db } = await withoutShippedQuantities();
    const entries = await scorecard(db, {}, [
      'order_fill_rate',
      'line_fill_rate',
      'unit_fill_rate',
      'backorder_rate',
      'split_shipment_rate',
      'order_shipment_cycle_time',
    ]);
    const [orderFill, lineFill, unitFill, backorder, split, cycle] = entries;
    // The arithmetic is the same as before (2 of 2 orders filled, 3 of 3 lines, 8 of 8 units);
    // what changed is that the value says it rests on an assumption.
    expect(orderFill).toMatchObject({ value: 100, numerator: 2, denominator: 2, basis: 'assumed' });
    expect(lineFill).toMatchObject({ value: 100, numerator: 3, denominator: 3, basis: 'assumed' });
    expect(unitFill).toMatchObject({ value: 100, numerator: 8, denominator: 8, basis: 'assumed' });
    expect(backorder).toMatchObject({ value: 0, basis: 'assumed' });
    expect(split).toMatchObject({ value: 0, basis: 'assumed' });
    for (const e of [orderFill, lineFill, unitFill, backorder, split]) {
      expect(e!.basisNotes, e!.id).toEqual([ASSUMED_SHIPPED]);
      expect(e!.assumedFields, e!.id).toEqual(['shipments.qty_shipped']);
      expect(e!.placements, e!.id).toEqual([]);
    }
    // 100% would be WERC Best-in-Class (> 99.56%): not claimed, and the reason given instead.
    expect(orderFill!.notPlaced).toEqual([
      expect.objectContaining({
        band: null,
        notPlaced: 'assumed shipped quantity',
        reference: false,
        source: expect.objectContaining({ source: expect.stringMatching(/^WERC/) }),
      }),
      // The F. Curtis Barry guideline is no band, and gets no comparison from an assumed value.
      expect.objectContaining({
        comparison: null,
        notPlaced: 'assumed shipped quantity; definition differs',
        reference: false,
        source: expect.objectContaining({ kind: 'practitioner' }),
      }),
    ]);
    // Ship dates were in the file: the cycle time (48 h and 48 h) is measured.
    expect(cycle).toMatchObject({ value: 48, n: 2, basis: 'measured', basisNotes: [] });
  });

  it('every series point carries its basis, and the CLI placement of a point says why not', async () => {
    const { db } = await withoutShippedQuantities();
    const [fill] = await computeKpis(db, { grain: 'month' }, ['order_fill_rate']);
    expect(fill!.series).toEqual([
      expect.objectContaining({ period: '2024-01-01', value: 100, basis: 'assumed' }),
    ]);
    const point = { ...fill!, ...fill!.series![0]! };
    expect(await placeResult(db, point, point.value)).toMatchObject({
      band: null,
      notPlaced: 'assumed shipped quantity',
    });
  });

  it('orderlens kpis --json carries the basis, its notes and why the value is not placed', async () => {
    const out: string[] = [];
    const run = (args: string[]) =>
      main(args, { out: (t) => out.push(t), err: (t) => out.push(t) });
    const file = path.join(dir, 'cli.duckdb');
    const mapping = path.join(dir, 'superstore-like.json');
    await writeFile(mapping, JSON.stringify(superstoreLike.mapping));
    await writeFile(path.join(dir, 'cli.csv'), `${superstoreLike.lines.join('\n')}\n`);
    expect(
      await run(['ingest', path.join(dir, 'cli.csv'), '--mapping', mapping, '--db', file]),
    ).toBe(0);
    out.length = 0;
    expect(await run(['kpis', '--db', file, '--json', '--kpis', 'order_fill_rate'])).toBe(0);
    const [fill] = JSON.parse(out.join('\n')).kpis;
    expect(fill).toMatchObject({
      value: 100,
      basis: 'assumed',
      basisNotes: [ASSUMED_SHIPPED],
      band: { band: null, notPlaced: 'assumed shipped quantity' },
    });
  });

  it('a load recorded before provenance was gets it from its mapping in the ledger', async () => {
    const { db, report } = await withoutShippedQuantities();
    // As in a database loaded before schema 5: the facts, rebuilt at start-up, fill it in.
    await db.run('DELETE FROM load_fields');
    await db.run('DELETE FROM kpi_facts_version');
    await engine.attach(db);
    const [fill] = await computeKpis(db, { filters: { from: '2024-01-01' } }, ['order_fill_rate']);
    expect(fill).toMatchObject({ value: 100, basis: 'assumed', basisNotes: [ASSUMED_SHIPPED] });
    expect(
      await db.one(
        "SELECT provenance, rule FROM load_fields WHERE load_id = $1 AND field = 'qty_shipped'",
        [report.loadId!],
      ),
    ).toEqual({ provenance: 'derived', rule: 'shipped_as_ordered' });
  });

  it('the perfect order index with one component of four is partial and not placed', async () => {
    const { db } = await withoutShippedQuantities();
    const [index] = await scorecard(db, {}, ['perfect_order_index']);
    // Only order fill has data: 100% × nothing else.
    expect(index).toMatchObject({ value: 100, basis: 'partial', placements: [] });
    expect(index!.components!.filter((c) => c.used).map((c) => c.kpi)).toEqual(['order_fill_rate']);
    expect(index!.basisNotes[0]).toMatch(/^Only 1 of 4 components had data: Order fill rate\./);
    expect(index!.basisNotes).toContain(ASSUMED_SHIPPED);
    // APQC's median is 90%: a 100% of one component is not "Median or better".
    expect(index!.notPlaced!.map((p) => [p.source.setId, p.notPlaced])).toEqual([
      ['apqc-2016-perfect-order', '1 of 4 components; assumed shipped quantity'],
      ['opsdog-perfect-customer-order-rate', '1 of 4 components; assumed shipped quantity'],
    ]);
  });
});

describe('orders without delivery dates', () => {
  // Fixture (lib/kpi/fixtures): A, B and G delivered in January 2024; C (not delivered) and F (not
  // complete) are shipped without a delivery date.
  it('are excluded with the reason, with and without a date range', async () => {
    const db = await loadKpiFixture();
    const all = { from: '2024-01-01', to: '2024-01-31' };
    for (const filters of [{}, all, { from: '2024-01-01' }, { to: '2024-01-31' }]) {
      const [cycle, onTime] = await computeKpis(db, { filters }, [
        'order_to_delivery_cycle_time',
        'on_time_delivery_rate',
      ]);
      expect(cycle, JSON.stringify(filters)).toMatchObject({ n: 3, basis: 'measured' });
      expect(cycle!.value).toBeCloseTo(4.097222, 5); // (76 + 141 + 78) h / 24 / 3
      expect(cycle!.excluded, JSON.stringify(filters)).toEqual([
        { reason: 'no delivery date', count: 2 },
      ]);
      expect(onTime!.excluded, JSON.stringify(filters)).toEqual([
        { reason: 'no delivery date', count: 2 },
        { reason: 'no promised delivery date', count: 1 },
      ]);
    }
  });

  it('belong to the range of their order date: a later range counts neither them nor the delivered', async () => {
    const db = await loadKpiFixture();
    const [cycle] = await computeKpis(db, { filters: { from: '2024-02-01' } }, [
      'order_to_delivery_cycle_time',
    ]);
    expect(cycle).toMatchObject({ value: null, n: 0, excluded: [] });
  });

  it('a month series leaves them out of the points and counts them in the total', async () => {
    const db = await loadKpiFixture();
    const [cycle] = await computeKpis(db, { filters: { from: '2024-01-01' }, grain: 'month' }, [
      'order_to_delivery_cycle_time',
    ]);
    expect(cycle!.excluded).toEqual([{ reason: 'no delivery date', count: 2 }]);
    expect(cycle!.series).toEqual([
      expect.objectContaining({ period: '2024-01-01', n: 3, excluded: [] }),
    ]);
  });
});

describe('an orders file without a status', () => {
  it('leaves its orders out of the cancellation rate as unknown, not as "not cancelled"', async () => {
    const db = await loadKpiFixture();
    await load(
      db,
      'orders-no-status.csv',
      ['order_no,placed', 'X1,2024-01-03 10:00:00', 'X2,2024-01-04 10:00:00', 'X3,2024-01-05'],
      { table: 'orders', columns: { order_id: 'order_no', order_ts: 'placed' } } as Mapping,
    );
    const [rate] = await computeKpis(db, {}, ['cancellation_rate']);
    // D of the fixture's seven orders; X1–X3 would have made it 1 of 10 (10%).
    expect(rate).toMatchObject({ numerator: 1, denominator: 7, n: 7, basis: 'measured' });
    expect(rate!.value).toBeCloseTo(14.285714, 5);
    expect(rate!.excluded).toEqual([
      { reason: 'no cancellation date or status in the source file', count: 3 },
    ]);
  });
});

describe('one source column as two timestamps', () => {
  it('ERDAT as order and entry date: entry time excludes those orders instead of reading 0 h', async () => {
    const db = await loadKpiFixture();
    const report = await load(
      db,
      'vbak.csv',
      ['VBELN,ERDAT', 'S1,2024-01-02 09:00:00', 'S2,2024-01-03 11:00:00'],
      {
        table: 'orders',
        columns: { order_id: 'VBELN', order_ts: 'ERDAT', entered_ts: 'ERDAT' },
      } as Mapping,
    );
    expect(report.warnings).toContain(
      '"ERDAT" feeds order date and entry date: no time between them is measured for this load\'s orders.',
    );
    const [entry] = await computeKpis(db, {}, ['order_entry_cycle_time']);
    // The fixture's A 0.5 h, B 0 h, C 1 h, F 1 h stand; S1 and S2 would have added two 0 h.
    expect(entry).toMatchObject({ value: 0.625, numerator: 2.5, denominator: 4, n: 4 });
    expect(entry!.excluded).toEqual([
      { reason: 'no entry date', count: 2 },
      { reason: 'order date and entry date come from one source column', count: 2 },
    ]);
  });

  it('three columns each feeding two fields: the smallest group is exact, the others folded', async () => {
    const db = await openMemoryDatabase();
    await load(
      db,
      'vbak3.csv',
      ['VBELN,ERDAT,REL,DUE', 'S1,2024-01-02 09:00:00,2024-01-02 10:00:00,2024-01-05 00:00:00'],
      {
        table: 'orders',
        columns: {
          order_id: 'VBELN',
          order_ts: 'ERDAT',
          entered_ts: 'ERDAT',
          released_ts: 'REL',
          promised_ship_ts: 'REL',
          promised_delivery_ts: 'DUE',
          requested_delivery_ts: 'DUE',
        },
      } as Mapping,
    );
    await computeKpis(db, {}, ['order_entry_cycle_time']);
    const bit = (field: string) => provenanceBits.get(`orders.${field}`)!;
    const groups = [
      bit('order_ts') | bit('entered_ts'),
      bit('released_ts') | bit('promised_ship_ts'),
      bit('promised_delivery_ts') | bit('requested_delivery_ts'),
    ].sort((a, b) => (a < b ? -1 : 1));
    const [row] = await db.all<{ a: string; b: string }>(
      'SELECT prov_twin_a::VARCHAR AS a, prov_twin_b::VARCHAR AS b FROM kpi_order_facts',
    );
    expect(row).toEqual({ a: String(groups[0]), b: String(groups[1]! | groups[2]!) });
  });

  it('alone, the KPI has no value and says why', async () => {
    const db = await openMemoryDatabase();
    await load(db, 'vbak.csv', ['VBELN,ERDAT', 'S1,2024-01-02 09:00:00'], {
      table: 'orders',
      columns: { order_id: 'VBELN', order_ts: 'ERDAT', entered_ts: 'ERDAT' },
    } as Mapping);
    const [entry] = await computeKpis(db, {}, ['order_entry_cycle_time']);
    expect(entry).toMatchObject({ available: true, value: null, n: 0 });
    expect(entry!.excluded).toEqual([
      { reason: 'order date and entry date come from one source column', count: 1 },
    ]);
  });
});

describe('one source column as ordered and shipped quantity', () => {
  it('fill rates leave those orders out instead of reading every line shipped in full', async () => {
    const db = await openMemoryDatabase();
    // Q1 has 2 lines, Q2 one; "Menge" feeds both quantities, so each line would read filled.
    const report = await load(
      db,
      'flat.csv',
      [
        'Auftrag,Datum,Pos,Menge,Versand',
        'Q1,2024-02-01,1,5,2024-02-02',
        'Q1,2024-02-01,2,3,2024-02-02',
        'Q2,2024-02-03,1,4,2024-02-05',
      ],
      {
        table: 'flat',
        columns: {
          order_id: 'Auftrag',
          order_ts: 'Datum',
          line_no: 'Pos',
          qty_ordered: 'Menge',
          qty_shipped: 'Menge',
          ship_ts: 'Versand',
        },
      } as Mapping,
    );
    expect(report.warnings).toContain(
      '"Menge" feeds ordered quantity and shipped quantity: fill and backorder rates leave this load\'s orders out, as one column cannot say whether they shipped in full.',
    );
    const [fill, cycle] = await computeKpis(db, {}, [
      'order_fill_rate',
      'order_shipment_cycle_time',
    ]);
    expect(fill).toMatchObject({ value: null, n: 0 });
    expect(fill!.excluded).toEqual([
      {
        reason:
          'two of the fields it compares (ordered quantity, shipped quantity, ship date) come from one source column',
        count: 2,
      },
    ]);
    // The cycle time compares two dates, which come from two columns: Q1 24 h, Q2 48 h.
    expect(cycle).toMatchObject({ value: 36, n: 2 });
  });
});

describe('a complete extract', () => {
  it('stays measured, and is placed as before', async () => {
    const db = await loadKpiFixture();
    const entries = byId(await scorecard(db));
    for (const e of entries.values()) {
      expect(e.basis, e.id).toBe('measured');
      expect(e.basisNotes, e.id).toEqual([]);
    }
    const fill = entries.get('order_fill_rate')!;
    // Only the F. Curtis Barry guideline (no band; a 24 h standard ours lacks) is not placed.
    expect(fill.notPlaced!.map((n) => [n.source.setId, n.notPlaced])).toEqual([
      ['fcbco-order-fill-rate-by-category', 'definition differs'],
    ]);
    expect(fill.placements).toHaveLength(1);
    expect(fill.placements[0]).toMatchObject({ meets: false, definitionDiffers: false });
    expect(fill.placements[0]!.gapToNext!.amount).toBeCloseTo(49.56, 6);
    const index = entries.get('perfect_order_index')!;
    expect(index.placements.map((p) => p.source.setId).sort()).toEqual([
      'apqc-2016-perfect-order',
      'opsdog-perfect-customer-order-rate',
    ]);
    // WERC measures picking accuracy, not ours: a labelled reference, no band claimed.
    const accuracy = entries.get('order_accuracy')!;
    expect(accuracy.placements).toEqual([]);
    expect(accuracy.notPlaced).toEqual([
      expect.objectContaining({ band: null, notPlaced: 'definition differs', reference: true }),
    ]);
  });
});
