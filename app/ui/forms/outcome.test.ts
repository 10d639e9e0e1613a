/** The forms read the server's problems from the JSON, as errorResponse writes them. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorResponse } from '@/app/api/respond';
import { BandSetValidationError } from '@/lib/benchmarks/schema';
import { TargetValidationError } from '@/lib/benchmarks/target-status';
import { byField, outcomeOf, problemCell } from './outcome';

/** What a form gets for an error thrown by a route. */
async function outcomeFor(error: unknown) {
  const response = errorResponse(error);
  return outcomeOf(response.status, (await response.json()) as Record<string, unknown>);
}

describe('the outcome of a refused request', () => {
  it('places a target problem by its field; the rest are general lines', async () => {
    const outcome = await outcomeFor(
      new TargetValidationError([
        { path: 'to', message: 'must not be before from' },
        { path: '(target)', message: 'Unrecognized key: "x"' },
      ]),
    );
    expect(outcome).toMatchObject({ ok: false, status: 422, message: 'The target is not valid:' });
    expect(byField(outcome.problems, ['kpi', 'to'])).toEqual({
      fields: { to: ['must not be before from'] },
      general: ['(target): Unrecognized key: "x"'],
    });
  });

  it('places a zod problem of the figures form by its field, keeping the one-line message', async () => {
    const error = z.object({ fte: z.number() }).safeParse({ fte: 'x' }).error;
    const outcome = await outcomeFor(error);
    expect(outcome.status).toBe(400);
    expect(outcome.message).toBe(
      'Invalid request: fte: Invalid input: expected number, received string',
    );
    expect(byField(outcome.problems, ['fte']).fields).toEqual({
      fte: ['Invalid input: expected number, received string'],
    });
  });

  it('gives the import table a row and column per band set problem', async () => {
    const outcome = await outcomeFor(
      new BandSetValidationError([
        { row: 3, column: 'median', message: 'must be a number' },
        { path: 'scheme.p25', message: 'required' },
        { message: 'the file holds no band set' },
      ]),
    );
    expect(outcome.message).toBe('The band set is not valid:');
    expect(outcome.problems.map(problemCell)).toEqual([
      { row: 3, column: 'median', message: 'must be a number' },
      { row: undefined, column: 'scheme.p25', message: 'required' },
      { row: undefined, column: '', message: 'the file holds no band set' },
    ]);
  });

  it('keeps a message without problems whole, and says the status without a body', () => {
    expect(
      outcomeOf(404, { message: 'There is no target "x".', code: 'target_not_found' }),
    ).toEqual({
      ok: false,
      status: 404,
      data: { message: 'There is no target "x".', code: 'target_not_found' },
      problems: [],
      message: 'There is no target "x".',
    });
    expect(outcomeOf(502, null).message).toBe('HTTP 502');
    expect(outcomeOf(201, { imported: [] })).toMatchObject({ ok: true, message: '' });
  });
});
