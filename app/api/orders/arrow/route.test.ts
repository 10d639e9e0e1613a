import { tableFromIPC } from 'apache-arrow';
import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder with the KPI fixture.
freshServerData('orderlens-orders-arrow-api-');

const request = (url: string, headers?: Record<string, string>) =>
  new NextRequest(new URL(url, 'http://127.0.0.1'), { headers });

beforeAll(loadKpiFixtures);

async function decoded(response: Response) {
  const table = tableFromIPC(new Uint8Array(await response.arrayBuffer()));
  const rows = table.toArray().map((row) => ({ ...row.toJSON() }));
  return { rows, total: Number(table.schema.metadata.get('orderlens.total')), table };
}

describe('GET /api/orders/arrow', () => {
  it('streams the rows of the view as Arrow, with the total of the view', async () => {
    const { GET } = await import('./route');
    const response = await GET(
      request('/api/orders/arrow?site=DC2&sort=order_id&direction=asc&columns=order_id,status'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const { rows, total } = await decoded(response);
    expect(total).toBe(3);
    expect(rows).toEqual([
      { order_id: 'C', status: 'complete' },
      { order_id: 'D', status: 'cancelled' },
      { order_id: 'F', status: 'shipped' },
    ]);
  });

  it('sends a range of a KPI drill-through: the failing orders from the second', async () => {
    const { GET } = await import('./route');
    const response = await GET(
      request(
        '/api/orders/arrow?kpi=order_fill_rate&failed=1&sort=order_id&direction=asc&offset=1&limit=5&columns=order_id,failed',
      ),
    );
    const { rows, total } = await decoded(response);
    expect([rows, total]).toEqual([[{ order_id: 'F', failed: true }], 2]);
  });

  it('answers a bad parameter with a 400 that names it, and an unknown KPI with 404', async () => {
    const { GET } = await import('./route');
    const limit = await GET(request('/api/orders/arrow?limit=2000000'));
    expect(limit.status).toBe(400);
    expect(limit.headers.get('content-type')).toMatch(/^application\/json/);
    expect((await limit.json()).message).toMatch(/^Invalid request: .*limit/);
    const offset = await GET(request('/api/orders/arrow?offset=first'));
    expect([offset.status, (await offset.json()).message]).toEqual([
      400,
      expect.stringMatching(/offset/),
    ]);
    expect((await GET(request('/api/orders/arrow?status=lost'))).status).toBe(400);
    expect((await GET(request('/api/orders/arrow?kpi=no_such_kpi'))).status).toBe(404);
  });

  // Last: once a user exists, every request must sign in.
  it("refuses a role without the 'drill' permission (an executive) with 403", async () => {
    const { GET } = await import('./route');
    const { getServerDatabase } = await import('@/runtime/database');
    const { createUser } = await import('@/lib/auth/users');
    const { createSession } = await import('@/lib/auth/sessions');
    const { config, sessionSecret } = await import('@/lib/config');
    const { sealData } = await import('iron-session');
    const db = await getServerDatabase();
    const password = 'correct horse battery';
    await createUser(db, { username: 'root', role: 'admin', password });
    const eve = await createUser(db, { username: 'eve', role: 'executive', password });
    const { token } = await createSession(db, eve.userId, 1);
    const sealed = await sealData(
      { t: token },
      { password: sessionSecret(), ttl: config().sessionHours * 3600 },
    );
    const refused = await GET(
      request('/api/orders/arrow', { cookie: `orderlens_session=${sealed}` }),
    );
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toMatch(/open the orders behind a number/);
    expect((await GET(request('/api/orders/arrow'))).status).toBe(401);
  });
});
