/**
 * Issue 13 through the HTTP API, on the locked-down server database with a known fake password
 * hash seeded (a session row, so sign-in stays off): the finding's mapping posted to the load route (dry run and load), hostile strings
 * in every mapping key of that route, and hostile KPI filters, sort keys and ids. A refusal is a
 * 400 naming the key; nothing leaks; no table changes on refusal; a dry run is audited.
 */
import path from 'node:path';
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { freshServerData, loadKpiFixtures, postUpload } from '@/test/server-env';

const dataDir = freshServerData('orderlens-hostile-mapping-');
const origin = 'http://127.0.0.1';
const FINDING = "%Y' || (SELECT string_agg(username||':'||password_hash,' | ') FROM users) || '";
const LEAKS =
  /HASHSECRET|root:x?:0:0|Parser Error|Binder Error|Catalog Error|syntax error|at .*\.ts:\d+/;

const mapping = {
  table: 'orders',
  columns: { order_id: 'order_id', order_ts: 'order_ts', customer_id: 'customer' },
};

async function db() {
  const { getServerDatabase } = await import('@/runtime/database');
  return getServerDatabase();
}

async function tables() {
  const { fingerprint } = await import('@/lib/db/fingerprint');
  return fingerprint(await db());
}

let uploadId = '';
async function postLoad(body: unknown) {
  const { POST } = await import('./uploads/[id]/load/route');
  const response = await POST(
    new NextRequest(new URL(`/api/uploads/${uploadId}/load`, origin), {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { origin, host: '127.0.0.1', 'content-type': 'application/json' },
    }),
    { params: Promise.resolve({ id: uploadId }) },
  );
  const text = await response.text();
  expect(text).not.toMatch(LEAKS);
  expect(text).not.toContain(dataDir);
  return { status: response.status, text };
}

beforeAll(async () => {
  await loadKpiFixtures();
  // The secret sits in sessions: a users row would switch sign-in on for these handlers.
  await (
    await db()
  ).run(
    "INSERT INTO sessions (session_hash, user_id, created_at, expires_at) VALUES ('HASHSECRET', 901, now()::TIMESTAMP, now()::TIMESTAMP)",
  );
  const bytes = Buffer.from('order_id,order_ts,customer\nH-1,2024-05-01,C-1\nH-2,2024-05-02,C-2\n');
  const response = await postUpload('hostile.csv', bytes);
  expect(response.status).toBe(201);
  uploadId = (await response.json()).id;
});

describe('the finding posted to the load route', () => {
  it.each([true, false])('dryRun %s: 400 naming dateFormat, no hash, no change', async (dryRun) => {
    const before = await tables();
    const { status, text } = await postLoad({
      mapping: { ...mapping, dateFormat: FINDING },
      dryRun,
    });
    expect(status).toBe(400);
    expect(text).toContain('dateFormat');
    expect(text).toContain('a date format may hold date codes and plain characters only');
    expect(await tables()).toEqual(before);
  });
});

describe('a dry run from the web is audited like a load', () => {
  it('writes load.dry_run with the file and the row counts, and changes no table', async () => {
    const before = await tables();
    const { status, text } = await postLoad({ mapping, dryRun: true });
    expect(status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ dryRun: true, status: 'loaded', rowsRead: 2 });
    expect(await tables()).toEqual(before);
    const { listAudit } = await import('@/lib/auth/audit');
    const [entry] = await listAudit(await db(), { action: 'load.dry_run' });
    expect(entry).toMatchObject({
      action: 'load.dry_run',
      outcome: 'ok',
      via: 'web',
      target: `hostile.csv (${uploadId})`,
    });
    expect(entry!.detail).toMatch(/^loaded: hostile\.csv: 2 rows read\. orders: 2 new/);
  });
});

const hostile = fc.oneof(
  fc.constantFrom(
    FINDING,
    "'",
    "' || (SELECT password_hash FROM users) || '",
    "%d' || (SELECT string_agg(session_hash, '') FROM sessions) || '",
    `read_csv('/etc/passwd')`,
    `x') UNION SELECT * FROM read_csv('/etc/passwd') --`,
    '; DROP TABLE orders; --',
    '"order_id" DESC; DELETE FROM loads; --',
    '\u0000',
    '%Y\u0000',
    '日付',
  ),
  fc.string({ unit: 'binary', maxLength: 16 }),
);

describe('hostile strings through the HTTP API', () => {
  it('in every mapping key of the load route (dry run): 400 naming the key, or data', async () => {
    const tally = { refused: 0, answered: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          'dateFormat',
          'formats',
          'values',
          'nullValues',
          'sheet',
          'delimiter',
          'quote',
          'thousandsSeparator',
          'columns',
        ),
        hostile,
        async (key, s) => {
          const before = await tables();
          const given =
            key === 'formats'
              ? { formats: { order_ts: s } }
              : key === 'values'
                ? { values: { customer_id: { [s]: s } } }
                : key === 'nullValues'
                  ? { nullValues: [s] }
                  : key === 'columns'
                    ? { columns: { ...mapping.columns, customer_id: s } }
                    : { [key]: s };
          const { status, text } = await postLoad({
            mapping: { ...mapping, ...given },
            dryRun: true,
          });
          expect([200, 400, 422]).toContain(status);
          if (status === 400) {
            expect(text).toContain(key);
            tally.refused++;
          } else if (status === 422) {
            // The file refused under this mapping (a header it lacks), named in the message.
            expect(text).toContain('hostile.csv');
            tally.refused++;
          } else tally.answered++;
          expect(await tables()).toEqual(before);
        },
      ),
      { numRuns: 40, seed: 13 },
    );
    expect(tally.refused).toBeGreaterThan(0);
    console.info(`[hostile-mapping] load route: ${JSON.stringify(tally)}`);
  });

  it('in KPI filters, dimensions, ids and sort keys: 200/400/404, nothing leaks', async () => {
    const kpis = await import('./kpis/route');
    const kpi = await import('./kpis/[id]/route');
    const drill = await import('./kpis/[id]/orders/route');
    const q = encodeURIComponent;
    const get = (url: string) => new NextRequest(new URL(url, origin));
    const before = await tables();
    await fc.assert(
      fc.asyncProperty(hostile, async (s) => {
        const responses = [
          await kpis.GET(get(`/api/kpis?site=${q(s)}&channel=${q(s)}&from=${q(s)}`)),
          await kpis.GET(get(`/api/kpis?by=${q(s)}&kpis=${q(s)}&grain=${q(s)}`)),
          await kpi.GET(get(`/api/kpis/${q(s)}`), { params: Promise.resolve({ id: s }) }),
          await drill.GET(get(`/api/kpis/on_time_ship/orders?sort=${q(s)}&direction=${q(s)}`), {
            params: Promise.resolve({ id: 'on_time_ship' }),
          }),
          await drill.GET(get(`/api/kpis/${q(s)}/orders?customer=${q(s)}`), {
            params: Promise.resolve({ id: s }),
          }),
        ];
        for (const response of responses) {
          expect([200, 400, 404]).toContain(response.status);
          const text = await response.text();
          expect(text).not.toMatch(LEAKS);
          expect(text).not.toContain(path.join(dataDir, 'uploads'));
        }
      }),
      { numRuns: 30, seed: 13 },
    );
    expect(await tables()).toEqual(before);
  });
});
