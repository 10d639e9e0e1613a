import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';

// The handlers use the configured database and data folder: point both at a fresh temp folder.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-uploads-api-'));
process.env.ORDERLENS_DATA_DIR = dataDir;
process.env.ORDERLENS_DB = path.join(dataDir, 'api.duckdb');
process.env.ORDERLENS_NO_DEMO = '1';

const origin = 'http://127.0.0.1';
const fixture = (name: string) =>
  readFileSync(path.join(__dirname, '..', '..', 'lib', 'ingest', 'fixtures', name));
const flatMapping = JSON.parse(fixture('flat-small.mapping.json').toString('utf-8'));
const context = (id: string) => ({ params: Promise.resolve({ id }) });

const get = (url: string) => new NextRequest(new URL(url, origin));
const post = (url: string, body: BodyInit, headers: Record<string, string> = {}) =>
  new NextRequest(new URL(url, origin), {
    method: 'POST',
    body,
    headers: { origin, host: '127.0.0.1', ...headers },
  });
const postJson = (url: string, body: unknown) =>
  post(url, JSON.stringify(body), { 'content-type': 'application/json' });

async function upload(name: string, bytes: Buffer, headers: Record<string, string> = {}) {
  const { POST } = await import('./uploads/route');
  return POST(
    post('/api/uploads', new Uint8Array(bytes), {
      'x-file-name': encodeURIComponent(name),
      'content-length': String(bytes.length),
      ...headers,
    }),
  );
}

/** No response may carry a stack or a server path. */
function expectSafe(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(dataDir);
  expect(text).not.toMatch(/at .*\.ts:\d+/);
}

describe('upload → preview → check → load → undo over HTTP', () => {
  let id = '';

  it('POST /api/uploads stores the raw body under a generated id', async () => {
    const response = await upload('März orders/flat-small.csv', fixture('flat-small.csv'));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[a-z0-9-]{10,64}$/),
      fileName: 'flat-small.csv',
      size: fixture('flat-small.csv').length,
      kind: 'csv',
    });
    id = body.id;
    expect(readdirSync(path.join(dataDir, 'uploads')).sort()).toEqual([`${id}.bin`, `${id}.json`]);
  });

  it('GET /api/uploads/:id/preview gives the first rows and a proposed mapping', async () => {
    const { GET } = await import('./uploads/[id]/preview/route');
    const response = await GET(get(`/api/uploads/${id}/preview`), context(id));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.upload).toMatchObject({ id, fileName: 'flat-small.csv', kind: 'csv' });
    expect(body.preview.headers).toContain('Order ID');
    expect(body.preview.rows).toHaveLength(5);
    expect(body.preview.proposal.target).toBe('flat');
    expect(body.profile).toBeNull();
    expectSafe(body);
    const orders = await GET(get(`/api/uploads/${id}/preview?table=orders&sheet=`), context(id));
    expect((await orders.json()).preview.proposal.target).toBe('orders');
    const bad = await GET(get(`/api/uploads/${id}/preview?table=invoices`), context(id));
    expect(bad.status).toBe(400);
  });

  it('a dry run with problems writes the rejected rows for download', async () => {
    const { POST } = await import('./uploads/[id]/load/route');
    const mapping = { ...flatMapping, columns: { ...flatMapping.columns, ship_ts: 'Ship Mode' } };
    const response = await POST(
      postJson(`/api/uploads/${id}/load`, { mapping, dryRun: true }),
      context(id),
    );
    expect(response.status).toBe(200);
    const report = await response.json();
    expect(report).toMatchObject({ status: 'rejected', dryRun: true, loadId: null });
    expect(report.ruleCounts).toContainEqual({ rule: 'type', column: 'Ship Mode', count: 5 });
    expect(report.rejectsWritten).toBe(5);
    expectSafe(report);
    const { GET } = await import('./uploads/[id]/rejects/route');
    const download = await GET(get(`/api/uploads/${id}/rejects`), context(id));
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="flat-small-rejects.csv"; filename*=UTF-8''flat-small-rejects.csv`,
    );
    const csv = await download.text();
    expect(csv.split('\n')[0]).toBe(
      'row,reasons,raw_line,Order ID,Order Date,Ship Date,Ship Mode,Customer ID,Line,SKU,Quantity',
    );
  });

  it('a clean dry run changes nothing and leaves no rejects to download', async () => {
    const { POST } = await import('./uploads/[id]/load/route');
    const response = await POST(
      postJson(`/api/uploads/${id}/load`, { mapping: flatMapping, dryRun: true }),
      context(id),
    );
    expect(await response.json()).toMatchObject({ status: 'loaded', dryRun: true, loadId: null });
    const { GET } = await import('./uploads/[id]/rejects/route');
    const download = await GET(get(`/api/uploads/${id}/rejects`), context(id));
    expect(download.status).toBe(404);
    const loads = await (await import('./loads/route')).GET(get('/api/loads'));
    expect((await loads.json()).loads).toEqual([]);
  });

  it('loads, saves a profile that the next preview applies, and undoes the load', async () => {
    const { POST } = await import('./uploads/[id]/load/route');
    const response = await POST(
      postJson(`/api/uploads/${id}/load`, { mapping: flatMapping, dryRun: false }),
      context(id),
    );
    const report = await response.json();
    expect(report).toMatchObject({ status: 'loaded', rowsRead: 5, rowsInserted: 5 });
    expect(report.tables).toMatchObject({ orders: { inserted: 3 }, order_lines: { inserted: 5 } });

    const profiles = await import('./profiles/route');
    const saved = await profiles.POST(
      postJson('/api/profiles', {
        name: 'Flat small',
        headers: [
          'SKU',
          'Quantity',
          'Line',
          'Customer ID',
          'Ship Mode',
          'Ship Date',
          'Order Date',
          'Order ID',
        ],
        mapping: flatMapping,
        system: 'Shopify',
      }),
    );
    expect(saved.status).toBe(201);
    const listed = await (await profiles.GET(get('/api/profiles'))).json();
    expect(listed.profiles.map((p: { name: string }) => p.name)).toEqual(['Flat small']);
    const { GET } = await import('./uploads/[id]/preview/route');
    const preview = await (await GET(get(`/api/uploads/${id}/preview`), context(id))).json();
    // How it matched and its system: the wizard's notice says so, and saves the system again.
    expect(preview.profile).toEqual({
      name: 'Flat small',
      mapping: flatMapping,
      match: 'headers',
      system: 'Shopify',
    });

    const undo = (await import('./loads/[id]/undo/route')).POST;
    const undone = await undo(
      postJson(`/api/loads/${report.loadId}/undo`, {}),
      context(String(report.loadId)),
    );
    expect(undone.status).toBe(200);
    expect((await undone.json()).removed).toMatchObject({ orders: 3, order_lines: 5 });
    const again = await undo(
      postJson(`/api/loads/${report.loadId}/undo`, {}),
      context(String(report.loadId)),
    );
    expect(again.status).toBe(422);
    expect((await again.json()).message).toBe(
      `Load ${report.loadId} is undone; only a completed load can be undone.`,
    );
    const missing = await undo(postJson('/api/loads/999/undo', {}), context('999'));
    expect(missing.status).toBe(404);

    const removed = await profiles.DELETE(
      new NextRequest(new URL('/api/profiles?name=Flat%20small', origin), {
        method: 'DELETE',
        headers: { origin, host: '127.0.0.1' },
      }),
    );
    expect(removed.status).toBe(200);
  });
});

describe('refusals over HTTP, in plain words', () => {
  it('refuses a cross-site upload, load, profile or undo', async () => {
    const evil = { origin: 'http://evil.example', host: '127.0.0.1' };
    const { POST } = await import('./uploads/route');
    const response = await POST(
      new NextRequest(new URL('/api/uploads', origin), {
        method: 'POST',
        body: 'a,b\n1,2\n',
        headers: evil,
      }),
    );
    expect(response.status).toBe(403);
    const undo = (await import('./loads/[id]/undo/route')).POST;
    const refused = await undo(
      new NextRequest(new URL('/api/loads/1/undo', origin), { method: 'POST', headers: evil }),
      context('1'),
    );
    expect(refused.status).toBe(403);
  });

  it('answers 413 for a file over the size limit, keeping nothing', async () => {
    const before = readdirSync(path.join(dataDir, 'uploads')).length;
    const response = await upload('huge.csv', Buffer.from('a,b\n1,2\n'), {
      'content-length': String(3 * 1024 ** 3),
    });
    expect(response.status).toBe(413);
    expect((await response.json()).message).toMatch(/larger than the upload limit of 2 GB/);
    expect(readdirSync(path.join(dataDir, 'uploads'))).toHaveLength(before);
  });

  it('refuses a file that is not an extract, whatever its name', async () => {
    const response = await upload('orders.csv', Buffer.from('%PDF-1.7 ...'));
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({
      message: 'orders.csv is a PDF document, not a CSV, TSV, XLSX or Parquet file.',
      code: 'unsupported_type',
    });
  });

  it('answers 404 for an unknown or malformed upload id, and 400 for a bad mapping', async () => {
    const { GET } = await import('./uploads/[id]/preview/route');
    for (const id of [
      '0f8fad5b-d9cb-469f-a165-70867728950e',
      '..%2F..%2Fetc',
      '../../etc/passwd',
    ]) {
      const response = await GET(get(`/api/uploads/x/preview`), context(id));
      expect(response.status).toBe(404);
      expectSafe(await response.json());
    }
    const uploaded = await (await upload('flat-small.csv', fixture('flat-small.csv'))).json();
    const { POST } = await import('./uploads/[id]/load/route');
    const response = await POST(
      postJson(`/api/uploads/${uploaded.id}/load`, {
        mapping: { table: 'orders', columns: { nope: 'Order ID' } },
      }),
      context(uploaded.id),
    );
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/"nope" is not a field of orders/);
    const missing = await POST(
      postJson(`/api/uploads/${uploaded.id}/load`, {
        mapping: { ...flatMapping, columns: { ...flatMapping.columns, sku: 'Material' } },
        dryRun: true,
      }),
      context(uploaded.id),
    );
    expect(missing.status).toBe(422);
    const body = await missing.json();
    expect(body.message).toMatch(/has no column "Material" \(for sku\)/);
    expectSafe(body);
  });
});

describe('discarding an upload', () => {
  it('DELETE /api/uploads/:id removes the stored file; a second delete or a foreign origin is refused', async () => {
    const uploaded = await (await upload('flat-small.csv', fixture('flat-small.csv'))).json();
    const stored = () =>
      readdirSync(path.join(dataDir, 'uploads')).filter((n) => n.startsWith(uploaded.id));
    expect(stored().length).toBeGreaterThan(0);
    const { DELETE } = await import('./uploads/[id]/route');
    const remove = (from = origin) =>
      DELETE(
        new NextRequest(new URL(`/api/uploads/${uploaded.id}`, origin), {
          method: 'DELETE',
          headers: { origin: from, host: '127.0.0.1' },
        }),
        context(uploaded.id),
      );
    expect((await remove('http://evil.example')).status).toBe(403);
    expect(stored().length).toBeGreaterThan(0);
    expect((await remove()).status).toBe(200);
    expect(stored()).toEqual([]);
    const again = await remove();
    expect(again.status).toBe(404);
    expectSafe(await again.json());
  });
});
