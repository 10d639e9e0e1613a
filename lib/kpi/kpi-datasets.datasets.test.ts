/**
 * The KPIs on the real datasets, loaded with their mappings, against the cross-check figures in
 * ../shared/datasets/README.md (computed independently of Orderlens).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataset, hasDatasets } from '@/test/datasets';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { parseMappingJson } from '@/lib/ingest/map/mapping';
import { computeKpis } from './compute';

const mapping = (name: string) =>
  parseMappingJson(
    readFileSync(path.join(__dirname, '..', '..', 'data', 'mappings', `${name}.json`), 'utf-8'),
  );

async function load(files: [string[], string][]) {
  const db = await openMemoryDatabase();
  for (const [parts, name] of files) {
    const report = await loadExtract(db, { file: dataset(...parts), mapping: mapping(name) });
    expect(report.status).toBe('loaded');
  }
  return db;
}

const byId = (results: Awaited<ReturnType<typeof computeKpis>>) =>
  Object.fromEntries(results.map((r) => [r.id, r]));

describe.skipIf(!hasDatasets)('KPIs on Superstore', () => {
  it('order shipment cycle time 3.958 days = 95.0 hours (median 4 days), return rate 5.91%', async () => {
    const db = await load([
      [['superstore', 'Orders.csv'], 'superstore-orders'],
      [['superstore', 'Returns.csv'], 'superstore-returns'],
    ]);
    const kpis = byId(await computeKpis(db, {}, ['order_shipment_cycle_time', 'return_rate']));
    const cycle = kpis.order_shipment_cycle_time!;
    expect(cycle.n).toBe(5009);
    expect(Number((cycle.value! / 24).toFixed(3))).toBe(3.958);
    expect(Number(cycle.value!.toFixed(1))).toBe(95.0);
    expect(cycle.distribution!.median).toBe(96);
    expect(kpis.return_rate).toMatchObject({ numerator: 296, denominator: 5009 });
    expect(Number(kpis.return_rate!.value!.toFixed(2))).toBe(5.91);
  });

  it('ship days per order by ship mode match the cross-check figures', async () => {
    const db = await load([[['superstore', 'Orders.csv'], 'superstore-orders']]);
    const [cycle] = await computeKpis(db, { by: 'ship_mode' }, ['order_shipment_cycle_time']);
    const days = Object.fromEntries(
      cycle!.series!.map((s) => [s.segment, Number((s.value! / 24).toFixed(3))]),
    );
    expect(days).toEqual({
      'Same Day': 0.045,
      'First Class': 2.187,
      'Second Class': 3.235,
      'Standard Class': 5.002,
    });
  });
});

describe.skipIf(!hasDatasets)('KPIs on Olist and Online Retail', () => {
  it('Olist subset: 0.62% cancelled; 6.86% of delivered orders late against the estimated day', async () => {
    const db = await load([
      [['olist', 'olist_orders_subset_aravindguna.csv'], 'olist-orders-subset'],
    ]);
    const kpis = byId(await computeKpis(db, {}, ['cancellation_rate', 'on_time_delivery_rate']));
    expect(Number(kpis.cancellation_rate!.value!.toFixed(2))).toBe(0.62);
    expect(Number((100 - kpis.on_time_delivery_rate!.value!).toFixed(2))).toBe(6.86);
  });

  it('Online Retail sample: 313 of 9,362 invoices (3.34%) cancelled', async () => {
    const db = await load([[['online-retail', 'online_retail_sample.csv'], 'online-retail']]);
    const [rate] = await computeKpis(db, {}, ['cancellation_rate']);
    expect(rate).toMatchObject({ numerator: 313, denominator: 9362 });
    expect(Number(rate!.value!.toFixed(2))).toBe(3.34);
  });
});
