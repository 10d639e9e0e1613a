/** `orderlens profiles`: saved mapping profiles from the command line (issue 19). */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseMappingJson } from '@/lib/ingest/map/mapping';
import { runCli } from './run-cli';

const fixture = (name: string) => path.join(__dirname, '..', 'ingest', 'fixtures', name);
let dir: string;
let db: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-profiles-'));
  db = path.join(dir, 'profiles.duckdb');
});

const run = (...args: string[]) => runCli(db, ...args);

interface ListedProfile {
  name: string;
  system: string | null;
  headers: string[] | null;
  headerSignature: string;
  mapping: { table: string; columns: Record<string, string> };
}

async function listed(): Promise<ListedProfile[]> {
  const result = await run('profiles', 'list', '--json');
  expect(result).toMatchObject({ code: 0, err: '' });
  return (JSON.parse(result.out) as { profiles: ListedProfile[] }).profiles;
}

describe('orderlens profiles', () => {
  it('says how to add one when there is none', async () => {
    const result = await run('profiles');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^No profiles\. .*orderlens profiles add NAME --mapping FILE/);
  });

  it('adds a profile from a mapping file alone: it matches by the mapped columns', async () => {
    const added = await run(
      'profiles',
      'add',
      'Shop export',
      '--mapping',
      fixture('flat-small.mapping.json'),
      '--system',
      'Shopify',
    );
    expect(added).toMatchObject({
      code: 0,
      out: 'Profile "Shop export" saved: flat, matches files by mapped columns (8).',
    });
    const [profile] = await listed();
    expect(profile).toMatchObject({ name: 'Shop export', system: 'Shopify', headers: null });
    expect(JSON.parse(profile!.headerSignature)).toHaveLength(8);
  });

  it('adds a profile with a sample: the sample, read with the mapping settings, gives every header', async () => {
    const added = await run(
      'profiles',
      'add',
      'SAP VBAP',
      '--mapping',
      fixture('sap-vbap.mapping.json'),
      '--sample',
      fixture('sap-vbap.csv'),
      '--system',
      'SAP',
    );
    expect(added).toMatchObject({ code: 0, err: '' });
    expect(added.out).toBe('Profile "SAP VBAP" saved: flat, matches files by sample headers (8).');
    const sap = (await listed()).find((p) => p.name === 'SAP VBAP');
    // Split on the mapping's ";", not read as one column.
    expect(sap?.headers).toEqual([
      'VBELN',
      'POSNR',
      'ERDAT',
      'MATNR',
      'KWMENG',
      'LFIMG',
      'WADAT_IST',
      'NETWR',
    ]);
    expect(sap?.system).toBe('SAP');
  });

  it('reads a sample past the lines above its header (skipRows)', async () => {
    const mapping = path.join(dir, 'preamble.mapping.json');
    await writeFile(
      mapping,
      JSON.stringify({
        table: 'orders',
        columns: { order_id: 'order_id', order_ts: 'order_ts', status: 'status' },
        skipRows: 3,
      }),
    );
    const added = await run(
      'profiles',
      'add',
      'Preamble',
      '--mapping',
      mapping,
      '--sample',
      fixture('preamble.csv'),
    );
    expect(added.code).toBe(0);
    const profile = (await listed()).find((p) => p.name === 'Preamble');
    expect(profile?.headers).toEqual(['order_id', 'order_ts', 'status']);
    expect((await run('profiles', 'remove', 'Preamble')).code).toBe(0);
  });

  it('refuses a sample that lacks a mapped header, naming it, and saves nothing', async () => {
    const mapping = path.join(dir, 'extra.mapping.json');
    await writeFile(
      mapping,
      JSON.stringify({
        table: 'flat',
        columns: { order_id: 'Order ID', order_ts: 'Order Date', site: 'Plant' },
      }),
    );
    const refused = await run(
      'profiles',
      'add',
      'Too much',
      '--mapping',
      mapping,
      '--sample',
      fixture('flat-small.csv'),
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toBe('The mapping names "Plant", which flat-small.csv does not have.');
    expect((await listed()).map((p) => p.name)).toEqual(['SAP VBAP', 'Shop export']);
  });

  it('refuses an invalid mapping file with its problems, and usage errors with exit 2', async () => {
    const bad = path.join(dir, 'bad.mapping.json');
    await writeFile(bad, JSON.stringify({ table: 'flat', columns: { colour: 'Colour' } }));
    const invalid = await run('profiles', 'add', 'Bad', '--mapping', bad);
    expect(invalid.code).toBe(1);
    expect(invalid.err).toContain(`${bad} is not a valid mapping:`);
    expect(invalid.err).toContain('columns.colour: "colour" is not a field of flat');

    const noMapping = await run('profiles', 'add', 'X');
    expect(noMapping.code).toBe(2);
    expect(noMapping.err).toMatch(/^profiles add needs --mapping FILE\./);
    const missing = await run('profiles', 'add', 'X', '--mapping', path.join(dir, 'none.json'));
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/^--mapping .*none\.json: no such file\./);
    expect((await run('profiles', 'rename', 'X')).code).toBe(2);
  });

  it('lists the profiles as an aligned table', async () => {
    const { code, out } = await run('profiles', 'list');
    expect(code).toBe(0);
    const lines = out.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^Name\s+System\s+Table\s+Matched by\s+Allowance\s+Updated$/);
    expect(lines[1]).toMatch(
      /^SAP VBAP +SAP +flat +sample headers \(8\) +none +\d{4}-\d\d-\d\d \d\d:\d\d UTC$/,
    );
    expect(lines[2]).toMatch(/^Shop export +Shopify +flat +mapped columns \(8\) +none +\d{4}-/);
    // Every column starts at the same place on every line, two spaces after the widest cell.
    const starts = (line: string, cells: string[]) => {
      let from = line.indexOf('  ');
      return cells.map((c) => (from = line.indexOf(c, from)));
    };
    const header = starts(lines[0]!, ['System', 'Table', 'Matched by', 'Allowance', 'Updated']);
    expect(header[0]).toBe('Shop export'.length + 2);
    expect(starts(lines[1]!, ['SAP', 'flat', 'sample', 'none', '20'])).toEqual(header);
    expect(starts(lines[2]!, ['Shopify', 'flat', 'mapped', 'none', '20'])).toEqual(header);
  });

  it('exports the mapping JSON that ingest --mapping reads, to stdout or --out', async () => {
    const printed = await run('profiles', 'export', 'SAP VBAP');
    expect(printed.code).toBe(0);
    const original = parseMappingJson(await readFile(fixture('sap-vbap.mapping.json'), 'utf-8'));
    expect(parseMappingJson(printed.out, 'export')).toEqual(original);

    const out = path.join(dir, 'sap.mapping.json');
    const written = await run('profiles', 'export', 'sap vbap ', '--out', out);
    expect(written).toMatchObject({ code: 1, err: 'There is no profile "sap vbap".' });
    const again = await run('profiles', 'export', 'SAP VBAP', '--out', out);
    expect(again).toMatchObject({ code: 0, out: '' });
    expect(again.err).toBe(`Profile "SAP VBAP" written to ${out}.`);
    expect(parseMappingJson(await readFile(out, 'utf-8'))).toEqual(original);

    const dry = await run(
      'ingest',
      fixture('sap-vbap.csv'),
      '--mapping',
      out,
      '--dry-run',
      '--json',
    );
    expect(JSON.parse(dry.out)).toMatchObject({ status: 'loaded', dryRun: true, rowsRejected: 0 });
  });

  it('removes a profile, and says so for one that does not exist', async () => {
    expect(await run('profiles', 'remove', 'Shop export')).toMatchObject({
      code: 0,
      out: 'Profile "Shop export" removed.',
    });
    expect((await listed()).map((p) => p.name)).toEqual(['SAP VBAP']);
    expect(await run('profiles', 'remove', 'Shop export')).toMatchObject({
      code: 1,
      out: '',
      err: 'There is no profile "Shop export".',
    });
    expect((await run('profiles', 'remove')).code).toBe(2);
  });

  it('records adds and removals in the audit log', async () => {
    const { out } = await run('audit', '--json', '--limit', '100');
    const { entries } = JSON.parse(out) as {
      entries: { action: string; outcome: string; target?: string; detail?: string }[];
    };
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'mapping.save',
          outcome: 'ok',
          target: 'SAP VBAP',
          detail: 'flat, sample headers (8)',
        }),
        expect.objectContaining({ action: 'mapping.remove', outcome: 'ok', target: 'Shop export' }),
      ]),
    );
  });
});
