import { NextRequest } from 'next/server';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder, no users (the local admin).
freshServerData('orderlens-branding-api-');

const origin = 'http://127.0.0.1';
const request = (method: string, body?: BodyInit, headers: Record<string, string> = {}) =>
  new NextRequest(new URL('/api/settings/branding', origin), {
    method,
    body,
    headers: { origin, host: '127.0.0.1', ...headers },
  });

/** A 1 × 1 PNG, whole. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function brandingEntries() {
  const { getServerDatabase } = await import('@/runtime/database');
  const { listAudit } = await import('@/lib/auth/audit');
  const entries = await listAudit(await getServerDatabase(), { limit: 50 });
  return entries
    .filter((e) => e.action === 'settings.branding')
    .map((e) => `${e.actor} ${e.outcome} ${e.target}: ${e.detail}`)
    .reverse();
}

describe('/api/settings/branding', () => {
  it('keeps the organisation name, audited, and goes back to Orderlens when emptied', async () => {
    const { GET, PUT } = await import('./route');
    expect(await (await GET(request('GET'))).json()).toEqual({
      organisation: 'Orderlens',
      defaultName: true,
      hasLogo: false,
    });
    const put = (organisation: unknown) =>
      PUT(request('PUT', JSON.stringify({ organisation }), { 'content-type': 'application/json' }));
    const saved = await put(' Acme Wholesale ');
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      organisation: 'Acme Wholesale',
      defaultName: false,
      hasLogo: false,
    });
    const { buildReportModel } = await import('@/lib/report');
    const { getServerDatabase } = await import('@/runtime/database');
    const model = await buildReportModel(await getServerDatabase(), {
      format: 'csv',
      kpis: ['order_fill_rate'],
    });
    expect(model.organisation).toBe('Acme Wholesale');

    const tooLong = await put('x'.repeat(121));
    expect(tooLong.status).toBe(422);
    expect(await tooLong.json()).toMatchObject({ code: 'invalid_setting' });
    expect((await put(42)).status).toBe(400);
    expect(await (await put('')).json()).toMatchObject({ organisation: 'Orderlens' });
    expect(await brandingEntries()).toEqual([
      'local ok organisation: Acme Wholesale',
      'local ok organisation: reset to the default name',
    ]);
  });

  it('takes a logo as the raw body or a multipart form, serves it, and removes it', async () => {
    const { GET, POST, DELETE } = await import('./route');
    const { GET: logo } = await import('./logo/route');
    const logoRequest = () => new NextRequest(new URL('/api/settings/branding/logo', origin));
    expect((await logo(logoRequest())).status).toBe(404);

    const raw = await POST(request('POST', new Uint8Array(PNG), { 'content-type': 'image/png' }));
    expect(raw.status).toBe(200);
    expect(await raw.json()).toMatchObject({ hasLogo: true });
    const served = await logo(logoRequest());
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true);

    const form = new FormData();
    form.set('logo', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'logo.png');
    const multipart = await POST(request('POST', form));
    expect(await multipart.json()).toMatchObject({ hasLogo: true });

    const removed = await DELETE(request('DELETE'));
    expect(await removed.json()).toMatchObject({ hasLogo: false });
    expect((await logo(logoRequest())).status).toBe(404);
    expect((await (await GET(request('GET'))).json()).hasLogo).toBe(false);
    expect((await brandingEntries()).slice(-3)).toEqual([
      'local ok logo: PNG, 1 KB',
      'local ok logo: PNG, 1 KB',
      'local ok logo: removed',
    ]);
  });

  it('refuses what is not a PNG or JPEG, an empty body and a logo over 512 KB', async () => {
    const { POST } = await import('./route');
    const svg = await POST(request('POST', '<svg xmlns="http://www.w3.org/2000/svg"/>'));
    expect(svg.status).toBe(422);
    expect((await svg.json()).message).toBe('The logo must be a PNG or JPEG image.');
    const empty = await POST(request('POST', ''));
    expect(await empty.json()).toMatchObject({ code: 'invalid_setting' });
    const form = new FormData();
    form.set('picture', new Blob([new Uint8Array(PNG)]), 'logo.png');
    expect((await (await POST(request('POST', form))).json()).message).toMatch(/no `logo` file/);
    const large = Buffer.concat([PNG, Buffer.alloc(512 * 1024)]);
    const tooLarge = await POST(request('POST', new Uint8Array(large)));
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).message).toBe(
      'The logo is larger than 512 KB, the most that is kept.',
    );
  });

  it('refuses a change from another origin', async () => {
    const { PUT } = await import('./route');
    const response = await PUT(
      new NextRequest(new URL('/api/settings/branding', origin), {
        method: 'PUT',
        body: JSON.stringify({ organisation: 'Evil' }),
        headers: { origin: 'http://evil.example', host: '127.0.0.1' },
      }),
    );
    expect(response.status).toBe(403);
  });
});
