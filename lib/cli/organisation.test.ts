import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

describe('orderlens organisation', () => {
  it('shows the profile, changes the parts its flags name, and refuses what is no region', async () => {
    const db = path.join(await mkdtemp(path.join(os.tmpdir(), 'orderlens-org-')), 'o.duckdb');
    expect(await runCli(db, 'organisation')).toMatchObject({
      code: 0,
      out: [
        'Organisation profile: not set',
        'Industry: not set',
        'Company size: not set',
        'Region: not set',
        'Sales channel: not set',
      ].join('\n'),
    });
    const set = await runCli(
      db,
      'organisation',
      'set',
      '--industry',
      'wholesale_distribution',
      '--region',
      'de',
      '--json',
    );
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toEqual({
      profile: { industry: 'wholesale_distribution', region: 'DE' },
      text: 'wholesale distribution, DE',
    });
    const more = await runCli(db, 'organisation', 'set', '--channel', 'b2b', '--region', 'none');
    expect(more.out.split('\n').slice(0, 2)).toEqual([
      'Organisation profile: wholesale distribution, B2B',
      'Industry: wholesale distribution',
    ]);
    const bad = await runCli(db, 'organisation', 'set', '--region', 'Europe');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('region');
    expect((await runCli(db, 'organisation', 'set')).code).toBe(2);
    expect((await runCli(db, 'organisation', '--industry', 'retail')).code).toBe(2);
    expect(JSON.parse((await runCli(db, 'organisation', '--json')).out)).toEqual({
      profile: { industry: 'wholesale_distribution', channel: 'b2b' },
      text: 'wholesale distribution, B2B',
    });
  });
});
