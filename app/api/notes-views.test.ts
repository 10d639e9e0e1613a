/**
 * Notes on dates and saved views over HTTP, as the loopback server's local user: added, listed in
 * a range, removed, each audited; a view of a page of the app saved with its query as the page
 * writes it, and a view of another site refused.
 */
import { NextRequest } from 'next/server';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';
import { listAudit } from '@/lib/auth/audit';
import { getServerDatabase } from '@/runtime/database';

freshServerData('orderlens-notes-views-');

const request = (url: string, method = 'GET', body?: unknown) =>
  new NextRequest(new URL(url, 'http://127.0.0.1'), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin: 'http://127.0.0.1', host: '127.0.0.1', 'content-type': 'application/json' },
  });
const context = (id: string) => ({ params: Promise.resolve({ id }) });

describe('notes and views over HTTP', () => {
  it('adds a note, lists it in a range that covers it, and removes it', async () => {
    const { GET, POST } = await import('./annotations/route');
    const { DELETE } = await import('./annotations/[id]/route');
    const added = await POST(
      request('/api/annotations', 'POST', {
        from: '2024-02-10',
        to: '2024-02-14',
        note: 'Carrier strike',
        kpi: 'order_fill_rate',
      }),
    );
    expect(added.status).toBe(201);
    const { annotation } = (await added.json()) as { annotation: { id: string } };
    const list = async (query: string) =>
      (
        (await (await GET(request(`/api/annotations${query}`))).json()) as {
          annotations: unknown[];
        }
      ).annotations.length;
    expect(await list('?from=2024-02-14&to=2024-02-29&kpi=order_fill_rate')).toBe(1);
    expect(await list('?from=2024-02-15')).toBe(0);
    expect(await list('?kpi=return_rate')).toBe(0);
    const bad = await POST(request('/api/annotations', 'POST', { from: '2024-02-10', note: '' }));
    expect(bad.status).toBe(400);
    expect((await DELETE(request('/', 'DELETE'), context(annotation.id))).status).toBe(200);
    expect((await DELETE(request('/', 'DELETE'), context(annotation.id))).status).toBe(404);
    const actions = (await listAudit(await getServerDatabase(), { limit: 20 })).map(
      (e) => `${e.action} ${e.outcome}`,
    );
    expect(actions).toEqual(
      expect.arrayContaining(['annotations.add ok', 'annotations.remove ok']),
    );
  });

  it('saves a view of a page with its filters, lists it, and refuses another site', async () => {
    const { GET, POST } = await import('./views/route');
    const { DELETE } = await import('./views/[id]/route');
    const saved = await POST(
      request('/api/views', 'POST', {
        name: 'North in March',
        path: '/cycle-time',
        query: '?to=2024-03-31&from=2024-03-01&site=DC-North',
      }),
    );
    expect(saved.status).toBe(201);
    const { view } = (await saved.json()) as { view: { id: string; href: string } };
    expect(view.href).toBe('/cycle-time?from=2024-03-01&to=2024-03-31&site=DC-North');
    const offsite = await POST(
      request('/api/views', 'POST', { name: 'x', path: 'https://evil.example/', query: '' }),
    );
    expect(offsite.status).toBe(400);
    const { views } = (await (await GET(request('/api/views'))).json()) as {
      views: { name: string; owner: string }[];
    };
    expect(views).toEqual([expect.objectContaining({ name: 'North in March', owner: 'local' })]);
    expect((await DELETE(request('/', 'DELETE'), context(view.id))).status).toBe(200);
    expect(((await (await GET(request('/api/views'))).json()) as { views: [] }).views).toEqual([]);
  });
});
