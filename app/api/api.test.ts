import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handlers read the configured database: point it at a fresh file with the KPI fixture.
process.env.ORDERLENS_DB = path.join(
  mkdtempSync(path.join(os.tmpdir(), 'orderlens-api-')),
  'api.duckdb',
);
process.env.ORDERLENS_NO_DEMO = '1';

const request = (url: string) => new NextRequest(new URL(url, 'http://127.0.0.1'));
const context = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  const { getServerDatabase } = await import('@/lib/db/server');
  const { canonicalMapping } = await import('@/lib/demo');
  const { loadExtract } = await import('@/lib/ingest/load-extract');
  const db = await getServerDatabase();
  for (const table of ['orders', 'order_lines', 'shipments', 'returns'] as const) {
    await loadExtract(db, {
      file: path.join(__dirname, '..', '..', 'lib', 'kpi', 'fixtures', `${table}.csv`),
      mapping: canonicalMapping(table),
    });
  }
});

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
  });

  it('GET /api/kpis/:id gives the definition and a monthly series; an unknown id is a 404', async () => {
    const { GET } = await import('./kpis/[id]/route');
    const response = await GET(
      request('/api/kpis/order_shipment_cycle_time'),
      context('order_shipment_cycle_time'),
    );
    const body = await response.json();
    expect(body.definition.unit).toBe('hours');
    expect(body.result.series).toEqual([
      expect.objectContaining({ period: '2024-01-01', value: 46, n: 3 }),
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
    const reconciliation = await (await import('./reconciliation/route')).GET();
    expect((await reconciliation.json()).checks).toContainEqual({
      id: 'orders_without_shipment',
      label: 'Open orders with no shipment',
      count: 1,
    });
    const loads = await (await import('./loads/route')).GET();
    expect((await loads.json()).loads).toHaveLength(4);
  });
});
