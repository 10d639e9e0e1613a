import { describe, expect, it } from 'vitest';
import type { OrdersPage } from '@/lib/orders/list';
import { ordersQuerySchema } from '@/lib/orders/query';
import {
  allRowsTotalsText,
  captionText,
  exportUrl,
  failedText,
  rowsStatusText,
  totalsText,
} from './texts';

const page = (over: Partial<OrdersPage> = {}): OrdersPage => ({
  rows: [],
  total: 20_000,
  columns: ['order_id'],
  meta: { order_ts: { label: 'Placed', type: 'timestamp' } },
  page: 2,
  pageSize: 100,
  sort: 'order_ts',
  direction: 'desc',
  ignored: [],
  defaultColumns: ['order_id'],
  ...over,
});

const kpi = {
  id: 'return_rate',
  name: 'Order return rate',
  unit: 'percent' as const,
  direction: 'lower' as const,
  rowPer: 'return' as const,
  asOfLabel: 'return date',
  judged: true,
  failed: 50,
};

describe('the table texts', () => {
  it('say which rows of how many are shown, and how they are sorted', () => {
    expect(totalsText(page())).toBe('101–200 of 20,000 orders');
    expect(totalsText(page({ total: 150 }))).toBe('101–150 of 150 orders');
    expect(totalsText(page({ total: 0 }))).toBe('No orders');
    expect(captionText(page())).toBe(
      'Orders, 101–200 of 20,000 orders. Sorted by Placed, descending.',
    );
    expect(captionText(page({ kpi, total: 200, direction: 'asc' }))).toBe(
      'returns behind Order return rate, 101–200 of 200 returns. Sorted by Placed, ascending.',
    );
  });

  it('say how many of a judged KPI’s rows failed', () => {
    expect(failedText(page(), false)).toBeUndefined();
    expect(failedText(page({ kpi, total: 200 }), false)).toBe('50 failed (25.0%)');
    expect(failedText(page({ kpi, total: 0 }), false)).toBe('50 failed');
    expect(failedText(page({ kpi }), true)).toBe('Only those that failed Order return rate');
  });

  it('say how many rows the "all rows" view holds, and which are on their way', () => {
    expect(allRowsTotalsText(page(), 7, { first: 0, count: 7 })).toBe('All 7 orders');
    expect(allRowsTotalsText(page({ kpi }), 0, { first: 0, count: 0 })).toBe('No returns');
    expect(allRowsTotalsText(page(), 600_000, { first: 250_000, count: 250_000 })).toBe(
      '250,001–500,000 of 600,000 orders',
    );
    expect(captionText(page(), 'All 7 orders')).toBe(
      'Orders, All 7 orders. Sorted by Placed, descending.',
    );
    expect(rowsStatusText({ loading: [] })).toBe('');
    expect(
      rowsStatusText({
        loading: [
          [50_000, 99_999],
          [100_000, 120_499],
        ],
      }),
    ).toBe('Loading rows 50,001–120,500…');
    expect(
      rowsStatusText({
        loading: [[0, 49_999]],
        failed: { first: 50_000, last: 99_999, message: 'The request failed unexpectedly.' },
      }),
    ).toBe('Rows 50,001–100,000 could not be loaded: The request failed unexpectedly.');
  });

  it('export the whole view with the columns shown', () => {
    const query = ordersQuerySchema.parse({ status: 'open', page: 3, pageSize: 50 });
    expect(exportUrl(query, ['order_id', 'status'])).toBe(
      '/api/orders/export?status=open&columns=order_id,status',
    );
    expect(exportUrl(ordersQuerySchema.parse({}), ['order_id'])).toBe(
      '/api/orders/export?columns=order_id',
    );
    expect(exportUrl(ordersQuerySchema.parse({ allRows: true }), ['order_id'])).toBe(
      '/api/orders/export?columns=order_id',
    );
  });
});
