import { NextRequest } from 'next/server';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder, no users (the local admin).
freshServerData('orderlens-organisation-api-');

const origin = 'http://127.0.0.1';
const request = (method: string, body?: unknown) =>
  new NextRequest(new URL('/api/settings/organisation', origin), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
  });

describe('/api/settings/organisation', () => {
  it('reads no profile, refuses a bad region by its field, and stores a profile, audited', async () => {
    const { GET, POST } = await import('./route');
    expect(await (await GET(request('GET'))).json()).toEqual({ profile: {}, text: 'not set' });

    const bad = await POST(request('POST', { industry: 'retail', region: 'Europe' }));
    expect(bad.status).toBe(400);
    const problem = JSON.stringify(await bad.json());
    expect(problem).toContain('region');
    expect(problem).not.toContain('industry');

    const saved = await POST(
      request('POST', { industry: 'retail', size: 'large', region: 'us', channel: '' }),
    );
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({
      profile: { industry: 'retail', size: 'large', region: 'US' },
      text: 'retail, large, US',
    });
    expect(await (await GET(request('GET'))).json()).toMatchObject({ text: 'retail, large, US' });

    const { getServerDatabase } = await import('@/runtime/database');
    const { listAudit } = await import('@/lib/auth/audit');
    const entries = await listAudit(await getServerDatabase(), { limit: 20 });
    expect(
      entries
        .filter((e) => e.action === 'settings.organisation')
        .map((e) => `${e.outcome}: ${e.detail}`),
    ).toEqual(['ok: retail, large, US']);
  });
});
