/**
 * The web server refuses a ClickHouse engine before it listens (issue 18: the app does not read
 * KPIs from the cluster yet, and would otherwise show the embedded tables as the cluster's).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const server = path.resolve(__dirname, 'server.mjs');

describe('scripts/server.mjs with ORDERLENS_ENGINE', () => {
  it('exits 1 at once with the reason, without the password', () => {
    const run = spawnSync(process.execPath, [server], {
      env: {
        ...process.env,
        PORT: '3196',
        HOST: '127.0.0.1',
        ORDERLENS_ENGINE: 'clickhouse://u:hunter2@h:8123/d?cluster=c',
      },
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr.toString()).toContain(
      'the web app does not read KPIs from ClickHouse yet (only orderlens ingest, loads and undo do)',
    );
    expect(run.stderr.toString() + run.stdout.toString()).not.toContain('hunter2');
  });
});
