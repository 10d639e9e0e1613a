/**
 * Each page of the built app over a loaded database: the time until its whole HTML (streamed
 * data included) has arrived, first view and repeated, against the same server's bare 404 page
 * as the floor (routing, layout and transfer with no data work). The first views are taken once
 * the server has warmed its default views (it prints "KPI pages ready"), as a visitor meets them
 * after a start or a load; the time that took is printed too.
 *   npx tsx bench/pages.ts DB_FILE
 */
import { startApp } from '../e2e/server';

const file = process.argv[2];
if (!file) throw new Error('usage: pages.ts DB_FILE');

const started = performance.now();
const app = await startApp({ databaseFile: file, timeoutMs: 900_000 });
while (!app.log().includes('KPI pages ready') && performance.now() - started < 900_000)
  await new Promise((resolve) => setTimeout(resolve, 500));
const warmUpSeconds = Math.round((performance.now() - started) / 100) / 10;
const timeOf = async (path: string) => {
  const start = performance.now();
  const response = await fetch(app.url + path);
  const html = await response.text();
  return { ms: performance.now() - start, status: response.status, bytes: html.length };
};

try {
  const { ms: floorMs } = await timeOf('/no-such-page');
  const first = await fetch(`${app.url}/api/kpis?kpis=order_shipment_cycle_time`).then((r) =>
    r.json(),
  );
  const lines: number = first.kpis?.[0]?.n ?? 0;
  const kpi = 'order_shipment_cycle_time';
  const firstOrder = await fetch(`${app.url}/api/orders?pageSize=1`).then((r) => r.json());
  const orderId: string = firstOrder.rows?.[0]?.order_id ?? 'unknown';
  const pages = [
    '/',
    '/?site=DC-South&from=2025-01-01&to=2025-06-30',
    '/kpis',
    `/kpis/${kpi}`,
    `/kpis/${kpi}?by=carrier&grain=week`,
    '/kpis/order_fill_rate',
    '/cycle-time',
    '/returns',
    '/orders',
    '/orders?sort=order_value&direction=desc',
    `/orders/${encodeURIComponent(orderId)}`,
    '/data',
    '/benchmarks',
  ];
  const rows = [];
  for (const page of pages) {
    const cold = await timeOf(page);
    const warm = await timeOf(page);
    rows.push({
      page,
      status: cold.status,
      firstMs: Math.round(cold.ms),
      repeatMs: Math.round(warm.ms),
      ratioToFloor: Math.round((cold.ms / floorMs) * 10) / 10,
    });
  }
  console.table(rows);
  console.log(
    JSON.stringify(
      {
        ordersInCycleTime: lines,
        floorMs: Math.round(floorMs),
        warmUpSeconds,
        slowestFirstMs: Math.max(...rows.map((r) => r.firstMs)),
      },
      null,
      2,
    ),
  );
} finally {
  await app.stop();
}
