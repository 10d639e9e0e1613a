/**
 * A request that reads while a load's transaction is open sees committed work only. The load runs
 * on the writer connection; a read on that connection from another request would run inside the
 * load's transaction and see its uncommitted rows: the ledger would show a load that a crash or a
 * failed commit then takes back (found by e2e/server-crash.e2e.test.ts: the ledger showed the load,
 * the server was killed, the load was absent), and the KPI facts would be labelled with a data
 * version that never committed, so a later load taking that id would leave the KPIs stale.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { listLoads, nextLoadId, recordLoad } from '@/lib/ingest/load/ledger';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { computeKpis } from './compute';
import { dataVersion } from './facts';
import { fixtureMapping } from '@/test/fixture-mapping';

const fixture = (table: string) => path.join(__dirname, 'fixtures', `${table}.csv`);

describe('reads beside an open load transaction', () => {
  it('see neither the ledger entry nor the data of a load that has not committed', async () => {
    const db = await openMemoryDatabase();
    for (const table of ['orders', 'order_lines'] as const)
      await loadExtract(db, {
        file: fixture(table),
        mapping: await fixtureMapping(fixture(table), table),
      });
    const ids = ['order_fill_rate', 'order_shipment_cycle_time'];
    const committed = {
      loads: (await listLoads(db)).map((l) => l.loadId),
      version: await dataVersion(db),
    };
    const kpis = await computeKpis(db, {}, ids);
    let inside: typeof committed | undefined;
    let during: ReturnType<typeof computeKpis> | undefined;
    await expect(
      db.transaction(async (tx) => {
        const loadId = await nextLoadId(tx);
        await tx.run('UPDATE order_lines SET qty_ordered = qty_ordered * 2, load_id = $1', [
          loadId,
        ]);
        await recordLoad(tx, loadId, {
          fileName: 'uncommitted.csv',
          contentHash: 'x',
          target: 'order_lines',
          mapping: null,
          status: 'loaded',
          rowsRead: 1,
          rowsInserted: 0,
          rowsUpdated: 1,
          rowsUnchanged: 0,
          rowsRejected: 0,
          startedAt: new Date(),
        });
        // Other requests, while the load's transaction is open: the scorecard (on the committed
        // facts, without waiting for the writer), the ledger, the data version.
        during = computeKpis(db, {}, ids);
        const [loads, version] = await Promise.all([listLoads(db), dataVersion(db)]);
        inside = { loads: loads.map((l) => l.loadId), version };
        // Reads never write, nor wait for the writer: a scorecard that waited would never come,
        // since this transaction holds the writer until the scorecard is back.
        await expect(during).resolves.toEqual(kpis);
        throw new Error('the commit failed');
      }),
    ).rejects.toThrow('the commit failed');
    expect(inside).toEqual(committed);
    expect(await during).toEqual(kpis);
    // A load that commits next takes the same load id; the KPIs must show it.
    const report = await loadExtract(db, {
      file: fixture('shipments'),
      mapping: await fixtureMapping(fixture('shipments'), 'shipments'),
    });
    expect(report.loadId).toBe(committed.loads.length + 1);
    const fresh = await openMemoryDatabase();
    for (const table of ['orders', 'order_lines', 'shipments'] as const)
      await loadExtract(fresh, {
        file: fixture(table),
        mapping: await fixtureMapping(fixture(table), table),
      });
    expect(await computeKpis(db, {}, ids)).toEqual(await computeKpis(fresh, {}, ids));
  });
});
