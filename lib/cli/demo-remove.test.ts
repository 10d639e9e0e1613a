/** `orderlens demo remove`, and undo refusing to leave lines without their orders (--cascade). */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '@/lib/db/database';
import { loadDemoData } from '@/lib/demo';
import { main } from './main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** A database file holding the demo (30 orders), made through lib and closed for the CLI. */
async function demoDb() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-demo-'));
  const file = path.join(dir, 'demo.duckdb');
  const db = await openDatabase(file);
  const reports = await loadDemoData(db, { orders: 30, workDir: dir });
  expect(reports.map((r) => r.status)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);
  await closeDatabase(db);
  return file;
}

const statuses = async (db: string) =>
  (JSON.parse((await run(['loads', '--db', db, '--json'])).out) as { status: string }[]).map(
    (l) => l.status,
  );

describe('orderlens demo remove', () => {
  it('removes the demo in one go, audited as an undo; a second time there is nothing to remove', async () => {
    const db = await demoDb();
    const removed = await run(['demo', 'remove', '--db', db]);
    expect(removed).toMatchObject({
      code: 0,
      out: 'The demo data (30 generated orders) was removed: every number now counts your data only. Demo loads 1, 2, 3, 4 are marked undone.',
    });
    expect(await statuses(db)).toEqual(['undone', 'undone', 'undone', 'undone']);
    const kpis = JSON.parse((await run(['kpis', '--db', db, '--json'])).out) as {
      kpis: { id: string; available: boolean }[];
    };
    expect(kpis.kpis.find((k) => k.id === 'order_fill_rate')?.available).toBe(false);

    const again = await run(['demo', 'remove', '--db', db]);
    expect(again).toMatchObject({ code: 1, err: 'There is no demo data to remove.' });

    const { entries } = JSON.parse((await run(['audit', '--db', db, '--json'])).out) as {
      entries: { action: string; outcome: string; target?: string; detail?: string }[];
    };
    expect(entries.filter((e) => e.action === 'undo')).toEqual([
      expect.objectContaining({
        outcome: 'failed',
        target: 'demo data',
        detail: 'demo_not_found: There is no demo data to remove.',
      }),
      expect.objectContaining({
        outcome: 'ok',
        target: 'demo data (loads 1, 2, 3, 4)',
        detail: '30 generated orders removed',
      }),
    ]);
  });

  it('takes no other argument', async () => {
    const result = await run(['demo', 'remove', 'now']);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^demo takes --db and --orders, or: demo remove/);
  });
});

describe('orderlens undo of an orders load that other loads refer to', () => {
  it('is refused with the loads named and nothing changed; --cascade undoes them all', async () => {
    const db = await demoDb();
    const refused = await run(['undo', '1', '--db', db]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(
      /^Load 2 \([\d,]+ order lines\), load 3 \([\d,]+ shipment lines\) and load 4 \([\d,]+ return lines\) refer to orders of load 1, which an undo would leave without their order: undo them first, or undo all four together\. Nothing was changed\. Add --cascade to undo them together\.$/,
    );
    expect(await statuses(db)).toEqual(['loaded', 'loaded', 'loaded', 'loaded']);

    const cascaded = await run(['undo', '1', '--cascade', '--db', db]);
    expect(cascaded.code).toBe(0);
    expect(cascaded.out).toMatch(/^Loads 4, 3, 2, 1 undone\. orders: 30 removed, 0 restored; /);
    expect(await statuses(db)).toEqual(['undone', 'undone', 'undone', 'undone']);
  });
});
