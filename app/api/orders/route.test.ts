import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder with the KPI fixture.
freshServerData('orderlens-orders-api-');

const request = (url: string) => new NextRequest(new URL(url, 'http://127.0.0.1'));

beforeAll(loadKpiFixtures);

describe('GET /api/orders', () => {
  it('answers a page of the view', async () => {
    const { GET } = await import('./route');
    const response = await GET(
      request('/api/orders?site=DC2&sort=order_id&direction=asc&pageSize=2&page=2'),
    );
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ total: 3, page: 2, pageSize: 2, sort: 'order_id' });
    expect(body.rows.map((r: { order_id: string }) => r.order_id)).toEqual(['F']);
  });

  it('drills to the orders failing a KPI', async () => {
    const { GET } = await import('./route');
    const body = await (
      await GET(request('/api/orders?kpi=order_fill_rate&failed=1&sort=order_id&direction=asc'))
    ).json();
    expect(body.rows.map((r: { order_id: string }) => r.order_id)).toEqual(['B', 'F']);
  });

  it('refuses an invalid query with 400 and an unknown KPI with 404', async () => {
    const { GET } = await import('./route');
    expect((await GET(request('/api/orders?pageSize=501'))).status).toBe(400);
    expect((await GET(request('/api/orders?status=lost'))).status).toBe(400);
    expect((await GET(request('/api/orders?kpi=no_such_kpi'))).status).toBe(404);
  });
});

describe('GET /api/orders/export', () => {
  it('streams the whole view as a CSV download', async () => {
    const { GET } = await import('./export/route');
    const response = await GET(
      request(
        '/api/orders/export?status=delivered&sort=order_id&direction=asc&page=3&columns=order_id,status',
      ),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="orders.csv"');
    expect(await response.text()).toBe(
      'order_id,status\r\nA,delivered\r\nB,delivered\r\nG,delivered\r\n',
    );
  });

  it('answers a bad query with a JSON error, not a broken file', async () => {
    const { GET } = await import('./export/route');
    const response = await GET(request('/api/orders/export?from=yesterday'));
    expect(response.status).toBe(400);
    expect((await response.json()).message).toMatch(/from/);
  });
});
