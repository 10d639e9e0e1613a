import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import { openDatabase, closeDatabase } from '@/lib/db/database';
import { readBranding } from '@/lib/settings/branding';
import { main } from './main';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('orderlens branding', () => {
  it('keeps the organisation and logo for every report, audited, and puts them back', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-branding-'));
    const db = path.join(dir, 'branding.duckdb');
    const logo = path.join(dir, 'logo.png');
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"><rect width="40" height="20" fill="#1f4e8c"/></svg>';
    const png = Buffer.from(new Resvg(svg).render().asPng());
    await writeFile(logo, png);

    expect(await run(['branding', '--db', db])).toMatchObject({
      code: 0,
      out: 'Organisation: Orderlens (the default: set it with --org)\nLogo: none',
    });
    const set = await run([
      'branding',
      '--org',
      'Acme & Söhne',
      '--logo',
      logo,
      '--db',
      db,
      '--json',
    ]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toEqual({
      organisation: 'Acme & Söhne',
      defaultName: false,
      logo: `png, ${png.length} bytes`,
    });
    const notAnImage = path.join(dir, 'logo.txt');
    await writeFile(notAnImage, 'not an image');
    const refused = await run(['branding', '--logo', notAnImage, '--db', db]);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('The logo must be a PNG or JPEG image.');
    expect((await run(['branding', '--org', '', '--no-logo', '--db', db])).code).toBe(0);

    const opened = await openDatabase(db);
    try {
      expect(await readBranding(opened)).toEqual({
        organisation: 'Orderlens',
        defaultName: true,
        logo: null,
      });
      const events = (await listAudit(opened, { action: 'settings.branding' })).map(
        (e) => `${e.target}: ${e.detail}`,
      );
      expect(events.sort()).toEqual([
        'logo: PNG, 1 KB',
        'logo: removed',
        'organisation: Acme & Söhne',
        'organisation: reset to the default name',
      ]);
    } finally {
      await closeDatabase(opened);
    }
  });
});
