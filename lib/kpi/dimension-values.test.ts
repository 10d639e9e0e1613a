import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '@/lib/db/database';
import {
  countMatchingOrders,
  DIMENSION_PREVIEW,
  listDimensionValues,
  previewDimensionValues,
  searchDimensionValues,
  type DimensionValues,
} from './dimension-values';
import { loadKpiFixture } from './kpi-test-helpers';

describe('filter-bar values', () => {
  let db: Database;
  beforeAll(async () => {
    db = await loadKpiFixture();
  });
  afterAll(() => db.close());

  it('lists each dimension’s values, most orders first, without blanks', async () => {
    const values = await listDimensionValues(db);
    expect(values.site.values).toEqual([
      { value: 'DC1', orders: 4 },
      { value: 'DC2', orders: 3 },
    ]);
    expect(values.channel.values).toEqual([
      { value: 'web', orders: 3 },
      { value: 'edi', orders: 2 },
      { value: 'marketplace', orders: 1 },
      { value: 'phone', orders: 1 },
    ]);
    // Orders C and A ship with DHL; E never shipped, so it has no carrier (and no blank value).
    expect(values.carrier.values.map((v) => v.value)).toEqual(['DHL', 'DPD', 'Post', 'UPS']);
    expect(values.carrier.values[0]).toEqual({ value: 'DHL', orders: 2 });
    expect(values.ship_mode.values).toEqual([
      { value: 'standard', orders: 4 },
      { value: 'express', orders: 1 },
    ]);
    expect(values.customer.values.map((v) => v.value)).toEqual(['C1', 'C2', 'C3', 'C4']);
    expect(values.region.distinct).toBe(2);
  });

  it('finds the values containing a search, in any case, with how many match', async () => {
    expect(await searchDimensionValues(db, 'channel', 'E')).toEqual({
      values: [
        { value: 'web', orders: 3 },
        { value: 'edi', orders: 2 },
        { value: 'marketplace', orders: 1 },
        { value: 'phone', orders: 1 },
      ],
      distinct: 4,
    });
    expect(await searchDimensionValues(db, 'channel', 'Pho')).toEqual({
      values: [{ value: 'phone', orders: 1 }],
      distinct: 1,
    });
    // A search is a value, not a pattern: % and _ match only themselves.
    expect(await searchDimensionValues(db, 'customer', '%')).toEqual({ values: [], distinct: 0 });
    expect(await searchDimensionValues(db, 'customer', "C1' OR '1'='1")).toEqual({
      values: [],
      distinct: 0,
    });
  });

  it('is served from the cache until the data changes', async () => {
    const first = await listDimensionValues(db);
    expect(await listDimensionValues(db)).toBe(first);
  });

  it('counts the orders a filter matches, by order date', async () => {
    expect(await countMatchingOrders(db, {})).toBe(7);
    expect(await countMatchingOrders(db, { site: ['DC2'] })).toBe(3);
    expect(await countMatchingOrders(db, { channel: ['web', 'edi'], region: ['North'] })).toBe(3);
    expect(await countMatchingOrders(db, { from: '2024-01-02', to: '2024-01-02' })).toBe(1);
  });

  it('previews the largest ten of each dimension and keeps how many there are', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ value: `C${i}`, orders: 100 - i }));
    const values = {
      site: { values: [{ value: 'DC1', orders: 4 }], distinct: 1 },
      channel: { values: [], distinct: 0 },
      customer: { values: many, distinct: 1500 },
      region: { values: many.slice(0, 10), distinct: 10 },
      carrier: { values: [], distinct: 0 },
      ship_mode: { values: [], distinct: 0 },
    } satisfies DimensionValues;
    const preview = previewDimensionValues(values);
    expect(DIMENSION_PREVIEW).toBe(10);
    expect(preview.customer.values.map((v) => v.value)).toEqual([
      'C0',
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
      'C7',
      'C8',
      'C9',
    ]);
    expect(preview.customer.distinct).toBe(1500);
    expect(preview.region).toEqual(values.region);
    expect(preview.site).toEqual({ values: [{ value: 'DC1', orders: 4 }], distinct: 1 });
  });
});
