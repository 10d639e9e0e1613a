import * as arrow from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { streamOrdersArrow } from '@/lib/orders/arrow';
import { listOrders } from '@/lib/orders/list';
import { ordersQuerySchema } from '@/lib/orders/query';
import {
  ArrowRowStore,
  blockOf,
  RANGE_ROWS,
  rangeUrl,
  rangesOf,
  rowRangeOf,
  viewUrl,
  type RowRange,
} from './arrow-rows';

describe('the "all rows" view', () => {
  it('asks for the view (not its page) with the columns shown, one range at a time', () => {
    const query = ordersQuerySchema.parse({
      filters: { site: ['DC1'] },
      sort: 'order_id',
      page: 3,
      pageSize: 250,
      allRows: true,
    });
    const view = viewUrl(query, ['order_id', 'status']);
    expect(view).toBe('/api/orders/arrow?site=DC1&sort=order_id&columns=order_id,status');
    expect(rangeUrl(view, 100_000)).toBe(`${view}&offset=100000&limit=50000`);
    expect(viewUrl(ordersQuerySchema.parse({}), ['order_id'])).toBe(
      '/api/orders/arrow?columns=order_id',
    );
  });

  it('knows which ranges hold which rows, and which block of a long view is shown', () => {
    expect(rangesOf(0, 40)).toEqual([0]);
    expect(rangesOf(49_990, 50_010)).toEqual([0, 1]);
    expect(rangesOf(-2000, 10)).toEqual([0]);
    expect(blockOf(7, 0)).toEqual({ first: 0, count: 7 });
    expect(blockOf(600_000, 1)).toEqual({ first: 250_000, count: 250_000 });
    expect(blockOf(600_000, 2)).toEqual({ first: 500_000, count: 100_000 });
    expect(blockOf(600_000, 9)).toEqual({ first: 500_000, count: 100_000 }); // past the end: the last
  });

  it('reads the rows of a stream as the JSON pages carry them, one at a time', async () => {
    const db = await loadKpiFixture();
    const parts: Uint8Array[] = [];
    for await (const part of streamOrdersArrow(db, { offset: 1, limit: 3 })) parts.push(part);
    const range = rowRangeOf(arrow, Buffer.concat(parts));
    expect([range.offset, range.length, range.total]).toEqual([1, 3, 7]);
    const page = await listOrders(db, { page: 1, pageSize: 4 });
    expect([range.row(0), range.row(1), range.row(2)]).toEqual(page.rows.slice(1));
    // Newest first: G, then E, F, D.
    expect(range.row(2)).toMatchObject({ order_id: 'D', order_ts: '2024-01-03T09:00:00.000Z' });
  });
});

/** A fetch that answers when told to, recording what was asked and what was aborted. */
function fakeFetch() {
  const asked: { url: string; signal: AbortSignal; settle: (error?: Error) => void }[] = [];
  const rangeAt = (url: string): RowRange => {
    const offset = Number(/offset=(\d+)/.exec(url)![1]);
    return {
      offset,
      length: RANGE_ROWS,
      total: 300_000,
      row: (index) => ({ order_id: `O${offset + index}` }),
    };
  };
  const fetch = (url: string, signal: AbortSignal) =>
    new Promise<RowRange>((resolve, reject) =>
      asked.push({
        url,
        signal,
        settle: (error) => (error ? reject(error) : resolve(rangeAt(url))),
      }),
    );
  const offsets = () => asked.map((a) => Number(/offset=(\d+)/.exec(a.url)![1]));
  return { asked, fetch, offsets };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the store of fetched ranges', () => {
  it('fetches the ranges in view (and the next when near its end), then draws their rows', async () => {
    const server = fakeFetch();
    const store = new ArrowRowStore((offset) => `/r?offset=${offset}`, server.fetch);
    let heard = 0;
    store.subscribe(() => heard++);
    store.show(0, 20);
    expect(server.offsets()).toEqual([0]);
    expect(store.status(300_000)).toEqual({ loading: [[0, 49_999]] });
    expect(store.rowAt(5)).toBeUndefined();
    store.show(0, 20); // the same rows: nothing more is asked
    expect(server.offsets()).toEqual([0]);
    server.asked[0]!.settle();
    await tick();
    expect([store.rowAt(5), store.total, store.status(300_000)]).toEqual([
      { order_id: 'O5' },
      300_000,
      { loading: [] },
    ]);
    store.show(48_500, 48_520); // within 2,000 rows of the next range: fetched ahead
    expect(server.offsets()).toEqual([0, 50_000]);
    expect(heard).toBe(3); // asked, arrived, asked
  });

  it('stops fetching ranges scrolled past, and keeps at most six ranges', async () => {
    const server = fakeFetch();
    const store = new ArrowRowStore((offset) => `/r?offset=${offset}`, server.fetch);
    store.show(10_000, 10_020);
    store.show(120_000, 120_020);
    expect(server.asked[0]!.signal.aborted).toBe(true);
    expect(server.offsets()).toEqual([0, 100_000]);
    for (let index = 0; index < 8; index++) {
      store.show(index * RANGE_ROWS + 10_000, index * RANGE_ROWS + 10_020);
      for (const load of server.asked) if (!load.signal.aborted) load.settle();
      await tick();
    }
    // Ranges 0–7 were each in view; the two farthest from range 7 (0 and 1) were dropped.
    expect([store.rowAt(10), store.rowAt(60_000)]).toEqual([undefined, undefined]);
    expect(store.rowAt(100_010)).toEqual({ order_id: 'O100010' });
    expect(store.rowAt(7 * RANGE_ROWS + 1)).toEqual({ order_id: `O${7 * RANGE_ROWS + 1}` });
    store.stop();
  });

  it('says which rows could not be fetched, and fetches them again on retry', async () => {
    const server = fakeFetch();
    const store = new ArrowRowStore((offset) => `/r?offset=${offset}`, server.fetch);
    store.show(0, 20);
    server.asked[0]!.settle(new Error('Invalid request: query.limit: too big'));
    await tick();
    expect(store.status(7)).toEqual({
      loading: [],
      failed: { first: 0, last: 6, message: 'Invalid request: query.limit: too big' },
    });
    store.show(0, 25); // a failed range is not asked for again by scrolling alone
    expect(server.asked).toHaveLength(1);
    store.retry();
    expect(server.asked).toHaveLength(2);
    expect(store.status(7)).toEqual({ loading: [[0, 6]] });
  });
});
