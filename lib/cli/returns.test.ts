/**
 * orderlens returns backlog on the hand-made fixture lib/kpi/fixtures/returns-workflow, loaded
 * with the ingest command (the counts are worked out in lib/kpi/returns-backlog.test.ts).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const FIXTURE = path.join(__dirname, '..', 'kpi', 'fixtures', 'returns-workflow');
let db: string;
const run = (...args: string[]) => runCli(db, ...args);

beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-returns-cli-'));
  db = path.join(dir, 'r.duckdb');
  for (const table of ['orders', 'order_lines', 'shipments', 'returns']) {
    const file = path.join(FIXTURE, `${table}.csv`);
    const header = (await readFile(file, 'utf8')).split('\n', 1)[0]!.split(',');
    const mapping = path.join(dir, `${table}.json`);
    await writeFile(
      mapping,
      JSON.stringify({ table, columns: Object.fromEntries(header.map((h) => [h, h])) }),
    );
    expect((await run('ingest', file, '--mapping', mapping)).code).toBe(0);
  }
}, 120_000);

describe('orderlens returns backlog', () => {
  it('prints the matrix of open returns on the day asked', async () => {
    const result = await run('returns', 'backlog', '--as-of', '2026-03-10');
    expect(result.code).toBe(0);
    const lines = result.out.split('\n');
    expect(lines[0]).toBe(
      'Open returns as of 2026-03-10, by stage and age (u = units; age from authorisation, or receipt without one)',
    );
    const cells = (label: string) =>
      lines
        .find((l) => l.startsWith(label))!
        .slice(label.length)
        .trim()
        .split(/\s{2,}/);
    // Buckets 0–7, 8–14, 15–30, 31–60, over 60, then the total.
    expect(cells('Awaiting receipt')).toEqual(['1 (1 u)', '1 (2 u)', '0', '0', '0', '2 (3 u)']);
    expect(cells('Awaiting inspection')).toEqual(['1 (3 u)', '0', '1 (1 u)', '0', '0', '2 (4 u)']);
    expect(cells('Awaiting disposition')).toEqual(['0', '0', '0', '1 (4 u)', '0', '1 (4 u)']);
    expect(cells('Awaiting credit')).toEqual([
      '2 (2 u)',
      '1 (2 u)',
      '0',
      '0',
      '1 (1 u)',
      '4 (5 u)',
    ]);
    expect(cells('Total')).toEqual([
      '4 (6 u)',
      '2 (4 u)',
      '1 (1 u)',
      '1 (4 u)',
      '1 (1 u)',
      '9 (16 u)',
    ]);
    expect(result.out).toContain('1 open return(s) of cancelled orders are not counted.');
  });

  it('answers JSON for scripts, by default as of the data’s last date, with the page’s filters', async () => {
    const result = await run('returns', 'backlog', '--site', 'DC2', '--json');
    expect(result.code).toBe(0);
    const body = JSON.parse(result.out);
    // On 2026-03-20, DC2's R4, R5, R9 and R10 are all still open (3 + 1 + 1 + 4 units).
    expect(body).toMatchObject({
      asOf: '2026-03-20',
      asOfSource: 'data_end',
      total: { count: 4, units: 9 },
    });
  });

  it('refuses a malformed day and an unknown subcommand as usage errors', async () => {
    const bad = await run('returns', 'backlog', '--as-of', '2026-13-01');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--as-of takes a calendar date as YYYY-MM-DD.');
    expect((await run('returns', 'open')).code).toBe(2);
  });
});
