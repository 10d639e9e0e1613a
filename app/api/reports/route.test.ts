import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handlers read the configured database: a fresh data folder with the KPI fixture.
freshServerData('orderlens-reports-api-');

const request = (url: string) => new NextRequest(new URL(url, 'http://127.0.0.1'));

beforeAll(loadKpiFixtures);

describe('GET /api/reports', () => {
  it('downloads the scorecard CSV for the filters as an attachment', async () => {
    const { GET } = await import('./route');
    const response = await GET(
      request('/api/reports?format=csv&site=DC1&kpis=order_shipment_cycle_time'),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orderlens-report-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await response.text()).split('\r\n');
    expect(lines[1]).toMatch(/^order_shipment_cycle_time,Order shipment cycle time,60,hours,/);
  });

  it('sends a chart as PNG', async () => {
    const { GET } = await import('./route');
    const response = await GET(request('/api/reports?format=png&chart=order_fill_rate'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await response.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('streams a drill-through list', async () => {
    const { GET } = await import('./route');
    const response = await GET(request('/api/reports?format=csv&drill=order_fill_rate'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="orderlens-orders-order_fill_rate-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect((await response.text()).split('\r\n')[0]).toMatch(/^order_id,/);
  });

  it('refuses a bad format or date with 400 and an unknown KPI with 404', async () => {
    const { GET } = await import('./route');
    expect((await GET(request('/api/reports?format=docx'))).status).toBe(400);
    expect((await GET(request('/api/reports?format=pdf&from=May'))).status).toBe(400);
    expect((await GET(request('/api/reports?format=csv&drill=no_such_kpi'))).status).toBe(404);
    expect((await GET(request('/api/reports?format=pdf&kpis=no_such_kpi'))).status).toBe(404);
  });
});
