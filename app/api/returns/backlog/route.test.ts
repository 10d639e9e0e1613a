import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route reads the configured database: a fresh data folder with the KPI fixture, whose returns
// R1 (order B, DC1) and R2 (order C, DC2) record every stage (lib/kpi/fixtures/README.md).
freshServerData('orderlens-backlog-api-');

const request = (url: string) => new NextRequest(new URL(url, 'http://127.0.0.1'));

beforeAll(loadKpiFixtures);

/** Stage → open returns, for the recorded stages. */
const counts = (body: { backlog: { stages: { stage: string; total: { count: number } }[] } }) =>
  Object.fromEntries(body.backlog.stages.map((s) => [s.stage, s.total.count]));

describe('GET /api/returns/backlog', () => {
  it('gives the open returns by stage on the day asked, with the page’s filters', async () => {
    const { GET } = await import('./route');
    const response = await GET(request('/api/returns/backlog?asOf=2024-01-07'));
    expect(response.status).toBe(200);
    const body = await response.json();
    // On 01-07: R1 authorised 01-06 is not received until 01-08; R2, inspected 01-07 09:00, awaits
    // its disposition (01-08). R3 (cancelled order D) was credited 01-06.
    expect(body.backlog).toMatchObject({ asOf: '2024-01-07', asOfSource: 'given' });
    expect(counts(body)).toEqual({
      awaiting_receipt: 1,
      awaiting_inspection: 0,
      awaiting_disposition: 1,
      awaiting_credit: 0,
    });
    // R1 was authorised 1 day before, R2 2 days: both in 0–7 days.
    expect(body.backlog.bucketTotals['0-7']).toEqual({ count: 2, units: 2 });
    const dc1 = await (await GET(request('/api/returns/backlog?asOf=2024-01-07&site=DC1'))).json();
    expect(dc1.backlog.total).toEqual({ count: 1, units: 1 });
  });

  it('defaults to the data’s last date and says so', async () => {
    const { GET } = await import('./route');
    const body = await (await GET(request('/api/returns/backlog'))).json();
    // 2024-01-10: R1 is credited that day; R2, scrapped on 01-08, awaits its credit.
    expect(body.backlog).toMatchObject({ asOf: '2024-01-10', asOfSource: 'data_end' });
    expect(counts(body)).toMatchObject({ awaiting_credit: 1 });
    expect(body.backlog.total.count).toBe(1);
  });

  it('refuses a day that is not a date with a 400, never a stack', async () => {
    const { GET } = await import('./route');
    const response = await GET(request('/api/returns/backlog?asOf=2024-02-30'));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.message).toMatch(/asOf/);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });
});
