import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { undoLoad } from '@/lib/ingest/load/ledger';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { computeKpis } from './compute';
import { dataVersion, factsVersion } from './facts';
import { fixtureMapping } from '@/test/fixture-mapping';

const fixture = (table: string) => path.join(__dirname, 'fixtures', `${table}.csv`);
const facts = (db: Awaited<ReturnType<typeof openMemoryDatabase>>) =>
  db.read<{ n: number }>('SELECT count(*)::INTEGER AS n FROM kpi_order_facts');

describe('the KPI facts', () => {
  it('are rebuilt in the transaction of each load and undo, before any reader asks', async () => {
    const db = await openMemoryDatabase();
    // Served by the engine from the start (test/engine-setup.ts, as runtime/ does): built empty.
    expect(await facts(db)).toEqual([{ n: 0 }]);
    const orders = await loadExtract(db, {
      file: fixture('orders'),
      mapping: await fixtureMapping(fixture('orders'), 'orders'),
    });
    // The fixture has orders A to G: seven rows, there as soon as the load has answered.
    expect(await facts(db)).toEqual([{ n: 7 }]);
    expect(await factsVersion(db)).toMatch(new RegExp(`^${await dataVersion(db)}:`));
    await undoLoad(db, orders.loadId!);
    expect(await facts(db)).toEqual([{ n: 0 }]);
    expect(await factsVersion(db)).toMatch(/^0:1:/);
  });

  it('that fail to build fail the load, which changes nothing', async () => {
    const db = await openMemoryDatabase();
    const before = await factsVersion(db);
    db.onDataChange(async () => {
      throw new Error('no room for the facts');
    });
    await expect(
      loadExtract(db, {
        file: fixture('orders'),
        mapping: await fixtureMapping(fixture('orders'), 'orders'),
      }),
    ).rejects.toThrow(/Loading orders\.csv failed unexpectedly\. Nothing was changed\./);
    expect(await db.read('SELECT * FROM orders')).toEqual([]);
    expect(await db.read("SELECT * FROM loads WHERE status = 'loaded'")).toEqual([]);
    expect(await factsVersion(db)).toBe(before);
    const [fill] = await computeKpis(db, {}, ['order_fill_rate']);
    expect(fill).toMatchObject({ available: false });
  });
});
