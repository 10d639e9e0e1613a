import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshServerData } from '@/test/server-env';
import { config } from '@/lib/config';
import { getUpload, saveUpload } from '@/lib/ingest/read/uploads';
import { removeLeftovers } from './leftovers';
import { getServerDatabase } from '@/runtime/database';

const serverData = freshServerData('orderlens-leftovers-');

const csv = () => new Blob(['order_id,qty\nA1,2\n']).stream();

/** A data folder as a killed server leaves it: one live upload, debris of every other kind. */
async function killedServerFolder(dataDir: string) {
  const uploadsDir = path.join(dataDir, 'uploads');
  const workDir = path.join(dataDir, 'tmp');
  mkdirSync(path.join(workDir, 'orderlens-abc123', 'nested'), { recursive: true });
  writeFileSync(path.join(workDir, 'orderlens-abc123', 'nested', 'part.csv'), 'x');
  mkdirSync(path.join(workDir, 'orderlens-preview-xyz'));
  mkdirSync(path.join(workDir, 'not-ours'));
  const live = await saveUpload(csv(), { fileName: 'live.csv', dir: uploadsDir });
  writeFileSync(path.join(uploadsDir, `${live.id}.rejects.csv`), 'rejected rows');
  const cutOff = '0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';
  writeFileSync(path.join(uploadsDir, `${cutOff}.bin`), 'half a file');
  const gone = '11111111-2222-3333-4444-555555555555';
  writeFileSync(path.join(uploadsDir, `${gone}.rejects.csv`), 'rows of a removed upload');
  const torn = '99999999-8888-7777-6666-555555555555';
  writeFileSync(path.join(uploadsDir, `${torn}.bin`), 'a body');
  writeFileSync(path.join(uploadsDir, `${torn}.json.tmp`), '{"id":');
  const old = await saveUpload(csv(), { fileName: 'old.csv', dir: uploadsDir });
  const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
  for (const ext of ['bin', 'json'])
    utimesSync(path.join(uploadsDir, `${old.id}.${ext}`), twoDaysAgo, twoDaysAgo);
  writeFileSync(path.join(uploadsDir, 'fixture.csv'), 'not an upload');
  return { uploadsDir, workDir, live };
}

describe('leftovers of a killed server', () => {
  it('removes work folders and dead uploads, and keeps an upload that can still be loaded', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-leftovers-unit-'));
    const { uploadsDir, workDir, live } = await killedServerFolder(dataDir);
    const removed = await removeLeftovers({
      databaseFile: path.join(dataDir, 'a.duckdb'),
      dataDir,
      uploadsDir,
      workDir,
    });
    expect(removed).toEqual({ workFolders: 2, uploadFiles: 6 });
    expect(readdirSync(workDir)).toEqual(['not-ours']);
    expect(readdirSync(uploadsDir).sort()).toEqual(
      [`${live.id}.bin`, `${live.id}.json`, `${live.id}.rejects.csv`, 'fixture.csv'].sort(),
    );
    expect((await getUpload(live.id, uploadsDir)).fileName).toBe('live.csv');
  });

  it('leaves a data folder alone that another database has claimed', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-leftovers-shared-'));
    const { uploadsDir, workDir } = await killedServerFolder(dataDir);
    const folders = { dataDir, uploadsDir, workDir };
    const first = await removeLeftovers({ ...folders, databaseFile: '/srv/one.duckdb' });
    expect(first.workFolders).toBe(2);
    mkdirSync(path.join(workDir, 'orderlens-running-load'));
    const second = await removeLeftovers({ ...folders, databaseFile: '/srv/two.duckdb' });
    expect(second).toMatchObject({ workFolders: 0, uploadFiles: 0 });
    expect(second.skipped).toContain('/srv/one.duckdb');
    expect(readdirSync(workDir)).toContain('orderlens-running-load');
  });

  it('are cleaned when the server starts, beside its database', async () => {
    const settings = config();
    expect(settings.uploadsDir).toBe(path.join(serverData, 'uploads'));
    const { uploadsDir, workDir, live } = await killedServerFolder(serverData);
    await getServerDatabase();
    expect(readdirSync(workDir)).toEqual(['not-ours']);
    expect(readdirSync(uploadsDir).sort()).toEqual(
      [`${live.id}.bin`, `${live.id}.json`, `${live.id}.rejects.csv`, 'fixture.csv'].sort(),
    );
  });
});
