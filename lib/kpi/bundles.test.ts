/**
 * The server loads each module once per bundle (instrumentation, pages, every route handler) but
 * shares one Database per file: what the engine keeps per database must be kept once, whichever
 * copy of the modules asks. Two copies of the modules are made here with vi.resetModules().
 */
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '@/lib/db/database';
import { loadKpiFixture } from './kpi-test-helpers';

/** A fresh copy of the engine's modules, as another bundle of the server has them. */
async function anotherBundle() {
  vi.resetModules();
  const { engine } = await import('@/runtime/engine');
  const compute = await import('./compute');
  const perVersion = await import('@/lib/db/per-version');
  const values = await import('./dimension-values');
  return { engine, compute, perVersion, values };
}

const listenersOf = (db: Database) =>
  (db as unknown as { dataListeners: unknown[] }).dataListeners.length;

describe('one engine per database, across bundles', () => {
  it('registers the facts listener once and shares computed results and values', async () => {
    const db = await loadKpiFixture();
    const first = await anotherBundle();
    const second = await anotherBundle();
    expect(first.compute).not.toBe(second.compute); // two copies indeed
    await first.engine.attach(db);
    await second.engine.attach(db);
    // One listener (the test set-up's engine attached it already): a second would rebuild the
    // facts again in every load's transaction.
    expect(listenersOf(db)).toBe(1);

    const query = { filters: {}, grain: 'month' as const };
    const [fill] = await first.compute.computeKpis(db, query, ['order_fill_rate']);
    expect(await second.compute.isCached(db, query, ['order_fill_rate'])).toBe(true);
    const [again] = await second.compute.computeKpis(db, query, ['order_fill_rate']);
    expect(again).toBe(fill);

    const valuesA = await first.values.listDimensionValues(db);
    expect(await second.values.listDimensionValues(db)).toBe(valuesA);
    const rows = await first.perVersion.readPerVersion(db, 'v', 'SELECT 42 AS x');
    expect(await second.perVersion.readPerVersion(db, 'v', 'SELECT 42 AS x')).toBe(rows);
  });
});
