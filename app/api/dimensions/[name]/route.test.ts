import { NextRequest } from 'next/server';
import { loadKpiFixtures, freshServerData } from '@/test/server-env';
import { beforeAll, describe, expect, it } from 'vitest';

// The route handler reads the configured database: a fresh data folder with the KPI fixture.
freshServerData('orderlens-dimensions-api-');

beforeAll(loadKpiFixtures);

const get = async (name: string, query = '') => {
  const { GET } = await import('./route');
  return GET(new NextRequest(new URL(`/api/dimensions/${name}${query}`, 'http://127.0.0.1')), {
    params: Promise.resolve({ name }),
  });
};

describe('GET /api/dimensions/:name', () => {
  it('lists a dimension’s values, most orders first, with how many there are', async () => {
    const response = await get('channel');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      dimension: 'channel',
      values: [
        { value: 'web', orders: 3 },
        { value: 'edi', orders: 2 },
        { value: 'marketplace', orders: 1 },
        { value: 'phone', orders: 1 },
      ],
      distinct: 4,
    });
  });

  it('with ?search=, lists the values containing it and how many match', async () => {
    const response = await get('channel', '?search=%20P%20');
    expect(await response.json()).toEqual({
      dimension: 'channel',
      search: 'P',
      values: [
        { value: 'marketplace', orders: 1 },
        { value: 'phone', orders: 1 },
      ],
      distinct: 2,
    });
  });

  it('answers a name that is not a dimension with a 400 that lists the dimensions', async () => {
    const response = await get('customer_id; DROP TABLE orders');
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string; code: string };
    expect(body.code).toBe('invalid_request');
    expect(body.message).toBe(
      'Invalid request: query: Invalid option: expected one of ' +
        '"site"|"channel"|"customer"|"region"|"carrier"|"ship_mode"',
    );
  });
});
