import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from './database';
import { migrations, schemaVersion } from './migrations';
import { quoteIdent, quoteLiteral } from './sql';

describe('database', () => {
  it('applies every migration once and records the version', async () => {
    const db = await openMemoryDatabase();
    expect(await schemaVersion(db)).toBe(migrations.at(-1)!.version);
    const tables = await db.all<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
    );
    expect(tables.map((t) => t.name)).toEqual(
      expect.arrayContaining([
        'loads',
        'orders',
        'order_lines',
        'shipments',
        'returns',
        'orders_history',
      ]),
    );
    const history = await db.all(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'orders_history' AND column_name = 'replaced_by_load'",
    );
    expect(history).toHaveLength(1);
  });

  it('rolls a failed transaction back whole', async () => {
    const db = await openMemoryDatabase();
    await db.run('CREATE TABLE t (a INTEGER)');
    await expect(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db.one('SELECT count(*) AS n FROM t')).toEqual({ n: 0 });
  });

  it('returns plain values: numbers, ISO timestamps, bound parameters', async () => {
    const db = await openMemoryDatabase();
    const row = await db.one(
      "SELECT 3::BIGINT AS n, TIMESTAMP '2024-01-02 03:04:05' AS t, $1 AS p",
      ["x'); DROP TABLE loads; --"],
    );
    expect(row).toEqual({ n: 3, t: '2024-01-02T03:04:05.000Z', p: "x'); DROP TABLE loads; --" });
  });

  it('quotes identifiers and literals', () => {
    expect(quoteIdent('a"b')).toBe('"a""b"');
    expect(quoteLiteral("it's")).toBe("'it''s'");
    expect(() => quoteIdent('')).toThrow();
  });
});

describe('Database.onDataCommitted', () => {
  it('tells its listeners once a change of the data commits, never for one rolled back', async () => {
    const db = await openMemoryDatabase();
    let told = 0;
    db.onDataCommitted(() => told++);
    await db.transaction(async (tx) => {
      await tx.run('CREATE TABLE t AS SELECT 1 AS x');
      await tx.dataChanged();
      expect(told).toBe(0); // not before the commit
    });
    expect(told).toBe(1);
    await expect(
      db.transaction(async (tx) => {
        await tx.dataChanged();
        throw new Error('refused half-way');
      }),
    ).rejects.toThrow('refused half-way');
    expect(told).toBe(1);
    // A transaction that changes no loaded data (a setting, a user) tells nobody.
    await db.transaction((tx) => tx.run('INSERT INTO t VALUES (2)'));
    expect(told).toBe(1);
    await db.close();
  });
});

describe('Database.memo', () => {
  it('reuses a derived value until something is written, then reads it again', async () => {
    const db = await openMemoryDatabase();
    await db.run('CREATE TABLE t (x INTEGER)');
    let reads = 0;
    const total = () =>
      db.memo('total', async () => {
        reads++;
        return (await db.read<{ n: number }>('SELECT count(*)::INTEGER AS n FROM t'))[0]!.n;
      });
    expect(await total()).toBe(0);
    expect(await total()).toBe(0);
    expect(reads).toBe(1);
    await db.run('INSERT INTO t VALUES (1)');
    expect(await total()).toBe(1);
    await db.transaction((tx) => tx.all('INSERT INTO t VALUES (2) RETURNING x'));
    expect(await total()).toBe(2);
    await db.all('SELECT * FROM t'); // a read leaves the memo standing
    expect(await total()).toBe(2);
    expect(reads).toBe(3);
  });
});
