/** DELETE /api/demo, and undo over HTTP refusing to orphan lines unless asked to cascade. */
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { freshServerData } from '@/test/server-env';

freshServerData('orderlens-demo-api-');

const origin = 'http://127.0.0.1';
const request = (url: string, method: string, body?: unknown) =>
  new NextRequest(new URL(url, origin), {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
  });
const context = (id: string) => ({ params: Promise.resolve({ id }) });

async function loadDemo(orders: number) {
  const { getServerDatabase } = await import('@/runtime/database');
  const { loadDemoData } = await import('@/lib/demo');
  const { config } = await import('@/lib/config');
  const db = await getServerDatabase();
  await loadDemoData(db, { orders, workDir: config().workDir });
  return db;
}

describe('the demo over HTTP', () => {
  it('an undo of the demo orders alone is refused; DELETE /api/demo removes the demo whole', async () => {
    const db = await loadDemo(25);
    const undo = (await import('./loads/[id]/undo/route')).POST;
    const refused = await undo(request('/api/loads/1/undo', 'POST', {}), context('1'));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toEqual({
      code: 'has_dependents',
      message: expect.stringMatching(
        /^Load 2 \(.*\), load 3 \(.*\) and load 4 \(.*\) refer to orders of load 1, .* undo all four together\. Nothing was changed\.$/,
      ),
    });

    const { DELETE } = await import('./demo/route');
    const removed = await DELETE(request('/api/demo', 'DELETE'), {});
    expect(removed.status).toBe(200);
    expect(await removed.json()).toMatchObject({
      loads: [1, 2, 3, 4],
      orders: 25,
      removed: { orders: 25 },
    });
    const { getDataCoverage } = await import('@/lib/ingest/load/coverage');
    expect(await getDataCoverage(db)).toMatchObject({
      orders: 0,
      orderLines: 0,
      shipments: 0,
      returns: 0,
      isDemo: false,
      demoSetAside: true,
      demoOrdersSetAside: 25,
    });
    const again = await DELETE(request('/api/demo', 'DELETE'), {});
    expect(again.status).toBe(404);
    expect(await again.json()).toEqual({
      code: 'demo_not_found',
      message: 'There is no demo data to remove.',
    });
  });

  it('undo with { cascade: true } takes the dependent loads with it', async () => {
    await loadDemo(25); // loads 5–8: the database holds no real data, so the demo may return
    const undo = (await import('./loads/[id]/undo/route')).POST;
    const response = await undo(
      request('/api/loads/5/undo', 'POST', { cascade: true }),
      context('5'),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ loadId: 5, loads: [8, 7, 6, 5] });
    const bad = await undo(request('/api/loads/5/undo', 'POST', { cascade: 'yes' }), context('5'));
    expect(bad.status).toBe(400);
  });
});
