import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from './main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orderlens notes', () => {
  it('adds, lists and removes notes on dates; refuses an incomplete or invalid one', async () => {
    const db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-notes-')), 'n.duckdb');
    expect(await run(['notes', '--db', db])).toMatchObject({ code: 0, out: 'No notes.' });
    const added = await run([
      'notes',
      'add',
      '--db',
      db,
      '--from',
      '2024-02-10',
      '--to',
      '2024-02-14',
      '--note',
      'Carrier strike',
      '--kpi',
      'order_fill_rate',
      '--json',
    ]);
    expect(added.code).toBe(0);
    const { note } = JSON.parse(added.out) as { note: { id: string; createdBy: string } };
    expect(note).toMatchObject({ from: '2024-02-10', to: '2024-02-14', createdBy: 'local' });
    const listed = await run(['notes', 'list', '--db', db, '--from', '2024-02-14']);
    expect(listed.out).toBe(
      `${note.id}  2024-02-10 to 2024-02-14 (order_fill_rate): Carrier strike`,
    );
    expect((await run(['notes', 'list', '--db', db, '--from', '2024-02-15'])).out).toBe(
      'No notes.',
    );
    // No note text: usage (2); a range that ends before it starts: refused by the schema (2).
    expect((await run(['notes', 'add', '--db', db, '--from', '2024-02-10'])).code).toBe(2);
    const backwards = await run([
      ...['notes', 'add', '--db', db, '--from', '2024-02-10', '--to', '2024-02-01'],
      ...['--note', 'x'],
    ]);
    expect(backwards.code).toBe(2);
    expect(backwards.err).toMatch(/must not end before it starts/);
    expect(await run(['notes', 'remove', note.id, '--db', db])).toMatchObject({
      code: 0,
      out: `Removed ${note.id}: 2024-02-10 to 2024-02-14 (order_fill_rate): Carrier strike`,
    });
    expect((await run(['notes', 'remove', note.id, '--db', db])).code).toBe(1);
  });
});
