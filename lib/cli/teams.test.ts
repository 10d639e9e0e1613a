import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('orderlens teams', () => {
  it('adds teams with roles and rules, lists and reports them, and removes one', async () => {
    const db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-teams-')), 't.duckdb');
    expect(await runCli(db, 'teams')).toMatchObject({
      code: 0,
      out: 'No teams. Add one with: orderlens teams add NAME --function F',
    });
    expect(await runCli(db, 'teams', 'add', 'Web desk', '--function', 'order_entry')).toMatchObject(
      { code: 0, out: 'Added Web desk (Order entry).' },
    );
    expect(
      await runCli(
        db,
        ...['teams', 'role', 'web desk', '--title', 'Clerk', '--fte', '1.5'],
        ...['--from', '2024-01-16', '--to', '2024-01-31'],
      ),
    ).toMatchObject({
      code: 0,
      out: 'Added Clerk to web desk: 1.5 FTE from 2024-01-16 to 2024-01-31.',
    });
    expect(
      await runCli(
        db,
        'teams',
        'rule',
        'Web desk',
        '--by',
        'channel',
        '--value',
        'web',
        '--priority',
        '5',
      ),
    ).toMatchObject({ code: 0, out: 'Web desk takes channel web (priority 5).' });
    expect((await runCli(db, 'teams', 'list')).out).toBe(
      [
        'Web desk (Order entry)',
        '  role  Clerk: 1.5 FTE, 2024-01-16 to 2024-01-31',
        '  rule  channel = web (priority 5)',
      ].join('\n'),
    );
    const report = await runCli(
      db,
      'teams',
      'report',
      '--from',
      '2024-01-01',
      '--to',
      '2024-01-31',
      '--json',
    );
    expect(report.code).toBe(0);
    // No orders in this database: 0 orders over 1.5 FTE × 16 days.
    expect(JSON.parse(report.out)).toMatchObject({
      months: ['2024-01'],
      functions: [
        {
          function: 'order_entry',
          unattributed: { total: 0 },
          teams: [
            {
              team: { name: 'Web desk' },
              total: { volume: 0, perFte: 0 },
              months: [{ fteDays: 24 }],
            },
          ],
        },
      ],
    });
    // Usage errors exit 2; what lib/org refuses exits 1 with its message.
    expect((await runCli(db, 'teams', 'add', 'X')).code).toBe(2);
    const badFunction = await runCli(db, 'teams', 'add', 'X', '--function', 'sales');
    expect(badFunction.code).toBe(2);
    expect(badFunction.err).toMatch(/function/);
    expect((await runCli(db, 'teams', 'rule', 'Web desk', '--by', 'site')).code).toBe(2);
    expect(
      (
        await runCli(
          db,
          'teams',
          'role',
          'Web desk',
          '--title',
          'C',
          '--fte',
          'x',
          '--from',
          '2024-01-01',
          '--to',
          '2024-01-02',
        )
      ).code,
    ).toBe(2);
    expect(await runCli(db, 'teams', 'remove', 'Nobody')).toMatchObject({
      code: 1,
      err: 'There is no team "Nobody".',
    });
    expect(await runCli(db, 'teams', 'remove', 'Web desk')).toMatchObject({
      code: 0,
      out: 'Removed Web desk with its roles and rules.',
    });
  });
});
