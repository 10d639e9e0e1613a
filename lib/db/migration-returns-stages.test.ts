/**
 * Migration 10 on a database that already holds returns and replaced returns: the stages are added
 * empty, the history keeps its rows, and its columns stay in the returns table's order followed by
 * the replacing load (an upsert copies a replaced row into it as t.*, load).
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations';

describe('migration 10: returns workflow stages', () => {
  it('adds the stages to returns and to its history, keeping rows and column order', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const db = await instance.connect();
    for (const m of migrations.filter((x) => x.version < 10)) await db.run(m.sql);
    await db.run(
      `INSERT INTO returns (nk, return_id, order_id, return_ts, load_id) VALUES ('R1', 'R1', 'O1', TIMESTAMP '2024-01-05', 2)`,
    );
    await db.run(
      `INSERT INTO returns_history (nk, return_id, order_id, return_ts, load_id, replaced_by_load)
       VALUES ('R1', 'R1', 'O1', TIMESTAMP '2024-01-04', 1, 2)`,
    );
    await db.run(migrations.find((m) => m.version === 10)!.sql);
    const columns = async (table: string) =>
      (
        await db.runAndReadAll(
          `SELECT column_name FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
        )
      )
        .getRowsJS()
        .map((r) => r[0]);
    const returns = await columns('returns');
    expect(returns.slice(-5)).toEqual([
      'load_id',
      'authorised_ts',
      'inspected_ts',
      'disposition',
      'disposition_ts',
    ]);
    expect(await columns('returns_history')).toEqual([...returns, 'replaced_by_load']);
    const kept = (
      await db.runAndReadAll(
        `SELECT return_id, strftime(return_ts, '%Y-%m-%d'), replaced_by_load, authorised_ts FROM returns_history`,
      )
    ).getRowsJS();
    expect(kept).toEqual([['R1', '2024-01-04', 2n, null]]);
    // The upsert's copy of a replaced row lines up column for column.
    await db.run('INSERT INTO returns_history SELECT t.*, 3 FROM returns AS t');
    expect(
      (await db.runAndReadAll('SELECT count(*) FROM returns_history')).getRowsJS()[0]![0],
    ).toBe(2n);
  });
});
