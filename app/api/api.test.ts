import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder with the KPI fixture.
freshServerData('orderlens-api-');

const request = (url: string) => new NextRequest(new URL(url, 'http://127.0.0.1'));
const context = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(loadKpiFixtures);

describe('HTTP JSON endpoints', () => {
  it('GET /api/kpis returns the catalogue for the filters', async () => {
    const { GET } = await import('./kpis/route');
    const response = await GET(request('/api/kpis?kpis=order_fill_rate,return_rate&site=DC1'));
    expect(response.status).toBe(200);
    const body = await response.json();
    // DC1 holds A (filled first, not returned) and B (split, returned).
    expect(body.kpis.map((k: { id: string; value: number }) => [k.id, k.value])).toEqual([
      ['order_fill_rate', 50],
      ['return_rate', 50],
    ]);
    const byDay = await (
      await GET(request('/api/kpis?kpis=order_fill_rate&grain=day&from=2024-01-01&to=2024-01-31'))
    ).json();
    // First ship days 01-02 (A, B, C) and 01-05 (F) are over at the horizon 2024-01-10 10:00.
    expect(
      byDay.kpis[0].series.map((p: { period: string; partial: boolean }) => [p.period, p.partial]),
    ).toEqual([
      ['2024-01-02', false],
      ['2024-01-05', false],
    ]);
  });

  it('GET /api/kpis/:id gives the definition and a monthly series; an unknown id is a 404', async () => {
    const { GET } = await import('./kpis/[id]/route');
    const response = await GET(
      request('/api/kpis/order_shipment_cycle_time'),
      context('order_shipment_cycle_time'),
    );
    const body = await response.json();
    expect(body.definition.unit).toBe('hours');
    // The fixture's last event is R1's credit on 2024-01-10 10:00, so January is not over; E and F
    // are not yet shipped complete and will land in it or later.
    expect(body.result.horizon).toBe('2024-01-10T10:00:00');
    expect(body.result.series).toEqual([
      expect.objectContaining({
        period: '2024-01-01',
        value: 46,
        n: 3,
        partial: true,
        maturing: 2,
      }),
    ]);
    const missing = await GET(request('/api/kpis/nope'), context('nope'));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      message: 'There is no KPI "nope".',
      code: 'unknown_kpi',
    });
  });

  it('rejects bad input with a 400 and a message, never a stack', async () => {
    const { GET } = await import('./kpis/route');
    const response = await GET(request('/api/kpis?from=yesterday&grain=fortnight'));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toMatch(/^Invalid request: /);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('GET /api/kpis/:id/orders drills to the failed orders', async () => {
    const { GET } = await import('./kpis/[id]/orders/route');
    const response = await GET(
      request('/api/kpis/order_fill_rate/orders?failed=1&sort=order_id&direction=asc'),
      context('order_fill_rate'),
    );
    const body = await response.json();
    expect(body.rows.map((r: { order_id: string }) => r.order_id)).toEqual(['B', 'F']);
  });

  it('GET /api/reconciliation and /api/loads', async () => {
    const reconciliation = await (
      await import('./reconciliation/route')
    ).GET(request('/api/reconciliation'));
    expect((await reconciliation.json()).checks).toContainEqual({
      id: 'orders_without_shipment',
      label: 'Open orders with no shipment',
      count: 1,
    });
    const loads = await (await import('./loads/route')).GET(request('/api/loads'));
    expect((await loads.json()).loads).toHaveLength(4);
  });
});

describe('band sets and targets over HTTP', () => {
  const post = (url: string, body: string, origin = 'http://127.0.0.1') =>
    new NextRequest(new URL(url, 'http://127.0.0.1'), {
      method: 'POST',
      body,
      headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
    });

  it('lists the shipped band sets with their sources', async () => {
    const { GET } = await import('./bands/route');
    const body = await (await GET(request('/api/bands'))).json();
    const werc = body.bandSets.find((s: { id: string }) => s.id === 'werc-2020-order-fill-rate');
    expect(werc).toMatchObject({
      kpi: 'order_fill_rate',
      source: expect.stringMatching(/^WERC/),
      edition: '2020',
    });
  });

  it('a target sets the status on the scorecard; a cross-site POST is refused', async () => {
    const { POST } = await import('./targets/route');
    const refused = await POST(
      post(
        '/api/targets',
        JSON.stringify({ kpi: 'order_fill_rate', value: 95 }),
        'http://evil.example',
      ),
    );
    expect(refused.status).toBe(403);
    const created = await POST(
      post('/api/targets', JSON.stringify({ kpi: 'order_fill_rate', value: 52, atRiskWithin: 5 })),
    );
    expect(created.status).toBe(201);
    const { GET } = await import('./kpis/route');
    const body = await (await GET(request('/api/kpis?kpis=order_fill_rate'))).json();
    // 50% against a 52% target with a 5-point at-risk margin.
    expect(body.kpis[0].target.status).toBe('at_risk');
    expect(body.kpis[0].placements[0]).toMatchObject({ meets: false });
  });

  it('FTE and cost figures are entered, shown in cost per order, and deleted', async () => {
    const { POST, DELETE } = await import('./inputs/route');
    const { GET } = await import('./kpis/route');
    const costPerOrder = async () =>
      (await (await GET(request('/api/kpis?kpis=cost_per_order'))).json()).kpis[0].value;
    const entered = await POST(
      post('/api/inputs', JSON.stringify({ from: '2024-01-01', to: '2024-01-31', cost: 350 })),
    );
    expect(entered.status).toBe(201);
    expect(await costPerOrder()).toBe(50); // 350 over the seven orders placed in January
    const remove = (query: string, origin = 'http://127.0.0.1') =>
      DELETE(
        new NextRequest(new URL(`/api/inputs?${query}`, 'http://127.0.0.1'), {
          method: 'DELETE',
          headers: { origin, host: '127.0.0.1' },
        }),
      );
    expect((await remove('from=2024-01-01&to=2024-01-31', 'http://evil.example')).status).toBe(403);
    expect((await remove('from=2024-01-01&to=2024-01-31')).status).toBe(200);
    expect(await costPerOrder()).toBeNull();
    const missing = await remove('from=2024-01-01&to=2024-01-31');
    expect(missing.status).toBe(404);
    expect((await missing.json()).message).toBe(
      'There are no figures for 2024-01-01 – 2024-01-31.',
    );
    expect((await remove('from=yesterday&to=2024-01-31')).status).toBe(400);
  });

  it('imports a band set from CSV, with a clear error for a bad row', async () => {
    const { POST } = await import('./bands/route');
    const header =
      'id,kpi,name,source,edition,peer_group,sample_size,source_definition,citation,unit,direction,scheme,p25,median,p75';
    const row = (median: string) =>
      `acme,order_fill_rate,Acme,Acme survey,2024,all,40,Orders shipped complete,report,percent,higher,quartiles,90,${median},97`;
    const bad = await POST(post('/api/bands?format=csv', `${header}\n${row('x')}\n`));
    expect(bad.status).toBe(422);
    const refusal = await bad.json();
    expect(refusal.message).toMatch(/row 2, column median/);
    expect(refusal).toMatchObject({
      code: 'invalid_band_set',
      problems: [{ row: 2, column: 'median', message: 'must be a number' }],
    });
    const good = await POST(post('/api/bands?format=csv', `${header}\n${row('94')}\n`));
    expect(good.status).toBe(201);
    expect((await good.json()).imported[0]).toMatchObject({ id: 'acme', version: 1 });
  });
});
