/** errorResponse: every error a route throws becomes `{ message, code, problems }` and its status. */
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { BandSetValidationError } from '@/lib/benchmarks/schema';
import { parseTarget } from '@/lib/benchmarks/target-status';
import { OrderlensError } from '@/lib/errors';
import { MappingError } from '@/lib/ingest/map/mapping';
import { errorResponse } from './respond';

async function answer(error: unknown) {
  const response = errorResponse(error);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('errorResponse', () => {
  it('answers a band set refusal 422 with its problems located by row and column', async () => {
    const error = new BandSetValidationError([
      { row: 3, column: 'median', message: 'must be a number' },
      { column: 'source', message: 'missing' },
    ]);
    expect(await answer(error)).toEqual({
      status: 422,
      body: {
        message:
          'The band set is not valid:\nrow 3, column median: must be a number\ncolumn source: missing',
        code: 'invalid_band_set',
        problems: [
          { row: 3, column: 'median', message: 'must be a number' },
          { column: 'source', message: 'missing' },
        ],
      },
    });
  });

  it('answers a target refusal 422 with each problem on its field path', async () => {
    const error = (() => {
      try {
        return parseTarget({
          kpi: 'order_fill_rate',
          value: 95,
          from: '2024-06-01',
          to: '2024-01-01',
        });
      } catch (e) {
        return e;
      }
    })();
    const { status, body } = await answer(error);
    expect(status).toBe(422);
    expect(body).toMatchObject({
      code: 'invalid_target',
      problems: [{ path: 'to', message: 'must not be before from' }],
    });
  });

  it('answers a zod error 400, with its lines in errors as before and as problems', async () => {
    const error = z.object({ from: z.string() }).strict().safeParse({ from: 1, x: 1 }).error;
    const { status, body } = await answer(error);
    expect(status).toBe(400);
    expect(body).toEqual({
      message:
        'Invalid request: from: Invalid input: expected string, received number; query: Unrecognized key: "x"',
      code: 'invalid_request',
      problems: [
        { path: 'from', message: 'Invalid input: expected string, received number' },
        { path: 'query', message: 'Unrecognized key: "x"' },
      ],
      errors: [
        'from: Invalid input: expected string, received number',
        'query: Unrecognized key: "x"',
      ],
    });
  });

  it('leaves problems out when an error lists none, and takes the status from the code', async () => {
    expect(await answer(new OrderlensError('There is no KPI "x".', 'unknown_kpi'))).toEqual({
      status: 404,
      body: { message: 'There is no KPI "x".', code: 'unknown_kpi' },
    });
    expect((await answer(new OrderlensError('Clash.', 'has_dependents'))).status).toBe(409);
    expect((await answer(new MappingError('mapping is not valid', []))).status).toBe(422);
  });

  it('answers anything else 500 without its message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { status, body } = await answer(new Error('SELECT * FROM secret'));
    expect(status).toBe(500);
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(log).toHaveBeenCalledWith('[orderlens] request failed:', expect.any(Error)); // for the server log
    log.mockRestore();
  });
});
