import { describe, expect, it } from 'vitest';
import { ordersQuerySchema } from '@/lib/orders/query';
import { activeFilterCount, queryFromForm } from './form-query';

const kpis = [
  { id: 'order_fill_rate', name: 'Order fill rate', rowPer: 'order' as const, judged: true },
  { id: 'order_shipment_cycle_time', name: 'Cycle', rowPer: 'order' as const, judged: false },
];

function form(fields: Record<string, string | string[]>) {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields))
    for (const one of [value].flat()) data.append(key, one);
  return data;
}

describe('queryFromForm', () => {
  it('reads dates, several values per dimension (a checkbox each) and search, keeps the status and SKUs, and starts at page 1', () => {
    const query = ordersQuerySchema.parse({
      filters: { sku: ['SKU-1'], customer: ['C-9'] },
      status: 'open',
      page: 4,
      sort: 'status',
      direction: 'asc',
    });
    const next = queryFromForm(
      form({
        search: ' CUST-1 ',
        from: '2025-01-01',
        to: '',
        site: ['DC-North', 'DC-West'],
        carrier: 'UPS,FedEx',
        kpi: '',
      }),
      query,
      kpis,
    );
    expect(next).toEqual({
      filters: {
        sku: ['SKU-1'],
        customer: ['C-9'],
        from: '2025-01-01',
        site: ['DC-North', 'DC-West'],
        carrier: ['UPS', 'FedEx'],
      },
      search: 'CUST-1',
      status: 'open',
      kpi: undefined,
      failedOnly: false,
      page: 1,
      sort: 'status',
      direction: 'asc',
    });
  });

  it('leaves search, status and the sort behind for a KPI, and fails only for a judged KPI', () => {
    const query = ordersQuerySchema.parse({ search: 'x', status: 'open', sort: 'status' });
    const judged = queryFromForm(
      form({ search: 'x', kpi: 'order_fill_rate', failed: '1' }),
      query,
      kpis,
    );
    expect(judged).toMatchObject({ search: undefined, status: undefined, kpi: 'order_fill_rate' });
    expect(judged).toMatchObject({ failedOnly: true, sort: undefined, direction: undefined });
    const measured = queryFromForm(
      form({ kpi: 'order_shipment_cycle_time', failed: '1' }),
      query,
      kpis,
    );
    expect(measured.failedOnly).toBe(false);
  });
});

describe('activeFilterCount', () => {
  it('counts each filter, the search, the status and the KPI', () => {
    expect(activeFilterCount(ordersQuerySchema.parse({}))).toBe(0);
    const query = ordersQuerySchema.parse({
      filters: { from: '2025-01-01', site: ['DC-North'] },
      search: 'x',
      status: 'open',
      kpi: 'order_fill_rate',
    });
    expect(activeFilterCount(query)).toBe(5);
  });
});
