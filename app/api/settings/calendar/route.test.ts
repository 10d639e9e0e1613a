import { NextRequest } from 'next/server';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder, no users (the local admin).
freshServerData('orderlens-calendar-api-');

const origin = 'http://127.0.0.1';
const request = (method: string, body?: unknown) =>
  new NextRequest(new URL('/api/settings/calendar', origin), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
  });

describe('/api/settings/calendar', () => {
  it('reads the default, refuses a bad time by its field, and stores a calendar, audited', async () => {
    const { GET, POST } = await import('./route');
    expect(await (await GET(request('GET'))).json()).toEqual({
      calendar: {
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        holidays: [],
        cutoff: null,
        sites: {},
      },
      text: 'Mon–Fri, no holidays, no cut-off',
    });

    const bad = await POST(request('POST', { weekdays: ['mon'], cutoff: '25:00' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('cutoff');

    const saved = await POST(
      request('POST', {
        weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
        holidays: ['2026-12-24', '2026-12-25', '2026-12-31'],
        sites: { 'DC-North': '14:00' },
      }),
    );
    expect(saved.status).toBe(200);
    expect((await saved.json()) as unknown).toMatchObject({
      text: 'Mon–Fri, 3 holidays, cut-off 14:00 at DC-North, none elsewhere',
    });
    expect(await (await GET(request('GET'))).json()).toMatchObject({
      calendar: { holidays: ['2026-12-24', '2026-12-25', '2026-12-31'] },
    });

    const { getServerDatabase } = await import('@/runtime/database');
    const { listAudit } = await import('@/lib/auth/audit');
    const entries = await listAudit(await getServerDatabase(), { limit: 20 });
    expect(
      entries
        .filter((e) => e.action === 'settings.calendar')
        .map((e) => `${e.outcome}: ${e.detail}`),
    ).toEqual(['ok: Mon–Fri, 3 holidays, cut-off 14:00 at DC-North, none elsewhere']);
  });
});
