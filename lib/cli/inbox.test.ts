import { copyFile, mkdir, mkdtemp, readdir, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

// orderlens inbox run, as cron runs it: files dropped into a folder, one pass each time.
const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);
let db: string;
let inbox: string;
beforeAll(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-inbox-'));
  process.env.ORDERLENS_DATA_DIR = path.join(dir, 'data');
  db = path.join(dir, 'data', 'cli.duckdb');
  inbox = path.join(dir, 'inbox');
  await mkdir(inbox, { recursive: true });
});
afterAll(() => {
  delete process.env.ORDERLENS_DATA_DIR;
});

const run = (...args: string[]) => runCli(db, ...args);

/** A file the sender finished writing a minute ago. */
async function drop(source: string, name: string) {
  const target = path.join(inbox, name);
  await copyFile(fixture(source), target);
  const past = new Date(Date.now() - 60_000);
  await utimes(target, past, past);
}

describe('orderlens inbox', () => {
  it('loads, skips the same file again, fails a bad one, and lists what it did', async () => {
    const added = await run(
      'profiles',
      'add',
      'Shop lines',
      '--mapping',
      fixture('flat-small.mapping.json'),
    );
    expect(added.code).toBe(0);

    await drop('flat-small.csv', 'week-10.csv');
    const first = await run('inbox', 'run', '--dir', inbox);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^OK +week-10\.csv: loaded → done\/\d{8}-\d{6}-week-10\.csv$/m);

    await drop('flat-small.csv', 'week-10-again.csv');
    const again = await run('inbox', 'run', '--dir', inbox, '--json');
    expect(again.code).toBe(0);
    const pass = JSON.parse(again.out) as { files: { outcome: string; loadId: number }[] };
    expect(pass.files.map((f) => f.outcome)).toEqual(['duplicate']);

    await drop('flat-bad.csv', 'week-11.csv');
    const bad = await run('inbox', 'run', '--dir', inbox);
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/^FAILED +week-11\.csv: not loaded: its rows failed the checks/m);
    const failed = (await readdir(path.join(inbox, 'failed'))).map((f) =>
      f.replace(/^\d{8}-\d{6}-/, ''),
    );
    expect(failed.sort()).toEqual(['week-11.csv', 'week-11.csv.rejects.csv', 'week-11.csv.txt']);
    expect(await readdir(inbox)).toEqual(expect.arrayContaining(['done', 'failed']));
    expect((await readdir(inbox)).length).toBe(2);

    const empty = await run('inbox', 'run', '--dir', inbox);
    expect(empty.out).toBe(`No new files in ${inbox}.`);

    const loads = JSON.parse((await run('loads', '--json')).out) as { status: string }[];
    expect(loads.map((l) => l.status)).toEqual(['rejected', 'loaded']);

    const listed = JSON.parse((await run('inbox', 'list', '--json')).out) as {
      folder: string | null;
      files: { fileName: string; outcome: string; profile: string }[];
    };
    expect(listed.folder).toBeNull();
    expect(listed.files.map((f) => [f.fileName, f.outcome, f.profile])).toEqual([
      ['week-11.csv', 'rejected', 'Shop lines'],
      ['week-10-again.csv', 'duplicate', 'Shop lines'],
      ['week-10.csv', 'loaded', 'Shop lines'],
    ]);
  });

  it('says plainly when no inbox is set', async () => {
    const result = await run('inbox', 'run');
    expect(result.code).toBe(1);
    expect(result.err).toContain('No inbox is set');
  });
});
