/**
 * The KPI facts rebuilt for the orders a load or an undo touched (issue 17) hold exactly the rows a
 * rebuild of every order gives: compared with EXCEPT ALL both ways after each step of a day's work
 * on generated extracts (new orders, changed lines, changed orders, more shipments, undos).
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { generateExtracts } from '@/lib/generate';
import { undoLoad } from '@/lib/ingest/load/ledger';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import { factRowsSql } from '@/lib/semantic/facts';
import { engineCatalogue } from './engine';
import { lastFactsBuild } from './facts';

let dir: string;
const extract = (table: string) => path.join(dir, `${table}.csv`);

/** Rows of each fact table that a rebuild of every order would not give, and the reverse. */
async function differences(db: Database) {
  const out: Record<string, number> = {};
  for (const table of engineCatalogue().facts) {
    const full = `(${factRowsSql(table)})`;
    const row = await db.one<{ extra: number; missing: number; n: number }>(
      `SELECT (SELECT count(*) FROM (SELECT * FROM ${table.name} EXCEPT ALL SELECT * FROM ${full})) AS extra,
              (SELECT count(*) FROM (SELECT * FROM ${full} EXCEPT ALL SELECT * FROM ${table.name})) AS missing,
              (SELECT count(*) FROM ${table.name}) AS n`,
    );
    out[`${table.name} extra`] = row!.extra;
    out[`${table.name} missing`] = row!.missing;
  }
  return out;
}

const none = {
  'kpi_order_facts extra': 0,
  'kpi_order_facts missing': 0,
  'kpi_return_facts extra': 0,
  'kpi_return_facts missing': 0,
};

/** A copy of an extract with some rows changed (chosen by a hash of their key), as CSV. */
async function changed(db: Database, table: string, replace: string, name: string) {
  const file = path.join(dir, name);
  await db.run(
    `COPY (SELECT * REPLACE (${replace}) FROM read_csv($1)) TO '${file}' (FORMAT csv, HEADER true)`,
    [extract(table)],
  );
  return file;
}

describe('the KPI facts after a load or an undo', () => {
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-facts-'));
    await generateExtracts({ outDir: dir, orders: 400, seed: 17 });
  });

  it('are rebuilt for the touched orders only, and equal a rebuild of every order', async () => {
    const db = await openMemoryDatabase();
    for (const table of ['orders', 'order_lines', 'shipments', 'returns']) {
      await loadExtract(db, { file: extract(table), table: table as 'orders' });
      expect(lastFactsBuild(db), table).toBe('orders');
      expect(await differences(db), table).toEqual(none);
    }
    expect(await db.one('SELECT count(*) AS n FROM kpi_order_facts')).toEqual({ n: 400 });
    expect(
      (await db.one<{ n: number }>('SELECT count(*) AS n FROM kpi_return_facts'))!.n,
    ).toBeGreaterThan(10);

    // One line in five gets two more units ordered: orders become short, fill rates move.
    const lines = await changed(
      db,
      'order_lines',
      'CASE WHEN hash(order_id, line_no) % 5 = 0 THEN qty_ordered + 2 ELSE qty_ordered END AS qty_ordered',
      'lines-changed.csv',
    );
    const reload = await loadExtract(db, { file: lines, table: 'order_lines' });
    expect(reload.rowsUpdated).toBeGreaterThan(0);
    expect(lastFactsBuild(db)).toBe('orders');
    expect(await differences(db)).toEqual(none);

    // One order in seven moves to another site and channel.
    const orders = await changed(
      db,
      'orders',
      `CASE WHEN hash(order_id) % 7 = 0 THEN 'DC-Moved' ELSE site END AS site,
       CASE WHEN hash(order_id) % 7 = 0 THEN 'phone' ELSE channel END AS channel`,
      'orders-changed.csv',
    );
    const moved = await loadExtract(db, { file: orders, table: 'orders' });
    expect(moved.rowsUpdated).toBeGreaterThan(0);
    expect(lastFactsBuild(db)).toBe('orders');
    expect(await differences(db)).toEqual(none);

    // Undone, the changed lines come back as they were: the facts follow.
    await undoLoad(db, reload.loadId!);
    expect(lastFactsBuild(db)).toBe('orders');
    expect(await differences(db)).toEqual(none);
    await undoLoad(db, moved.loadId!);
    expect(await differences(db)).toEqual(none);
  });

  it('are rebuilt whole when they were not current before the change', async () => {
    const db = await openMemoryDatabase();
    await loadExtract(db, { file: extract('orders'), table: 'orders' });
    // Stale facts (as after a crash between a load and its rebuild in an older version).
    await db.run("UPDATE kpi_facts_version SET version = 'stale'");
    await loadExtract(db, { file: extract('order_lines'), table: 'order_lines' });
    expect(lastFactsBuild(db)).toBe('all');
    expect(await differences(db)).toMatchObject({
      'kpi_order_facts extra': 0,
      'kpi_order_facts missing': 0,
    });
  });
});
