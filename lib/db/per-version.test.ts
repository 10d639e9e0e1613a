import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from './database';
import { readPerVersion } from './per-version';

describe('reads kept per version', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openMemoryDatabase();
  });
  afterAll(() => db.close());

  const numbers = (n: number, version = 'v1') =>
    readPerVersion<{ i: number }>(db, version, 'SELECT range AS i FROM range($1)', [n]);

  it('answers the same read with the same rows until the version changes', async () => {
    const first = await numbers(3);
    expect(first.map((r) => Number(r.i))).toEqual([0, 1, 2]);
    expect(await numbers(3)).toBe(first);
    // Another parameter is another read.
    expect((await numbers(2)).length).toBe(2);
    const next = await numbers(3, 'v2');
    expect(next).not.toBe(first);
    expect(next.map((r) => Number(r.i))).toEqual([0, 1, 2]);
  });

  it('keeps at most 100,000 rows, dropping the oldest reads first', async () => {
    const big = await numbers(60_000, 'v3');
    const small = await numbers(10, 'v3');
    expect(await numbers(60_000, 'v3')).toBe(big);
    // 60,000 + 10 + 50,000 rows: over the budget, so the oldest (the 60,000) goes.
    const other = await numbers(50_000, 'v3');
    expect(await numbers(50_000, 'v3')).toBe(other);
    expect(await numbers(10, 'v3')).toBe(small);
    const again = await numbers(60_000, 'v3');
    expect(again).not.toBe(big);
    expect(again.length).toBe(60_000);
  });

  it('forgets a failed read, so the next asker tries again', async () => {
    const failing = () => readPerVersion(db, 'v4', 'SELECT * FROM no_such_table_yet');
    await expect(failing()).rejects.toThrow(/no_such_table_yet/);
    await db.run('CREATE TABLE no_such_table_yet AS SELECT 7 AS x');
    expect(await failing()).toEqual([{ x: 7 }]);
  });
});
