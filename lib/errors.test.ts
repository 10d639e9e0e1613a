import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  lineOf,
  linesOfZod,
  OrderlensError,
  problemsIn,
  problemsOfZod,
  statusOfCode,
  type ErrorCode,
} from './errors';

/** The rule app/api/respond.ts applied to free-string codes before the table replaced it. */
function legacyStatusOf(code: string): number {
  if (code === 'unknown_kpi' || code.endsWith('not_found')) return 404;
  if (code === 'sign_in_required' || code === 'sign_in_failed') return 401;
  if (['forbidden_origin', 'forbidden', 'bad_csrf', 'setup_code_required'].includes(code))
    return 403;
  if (['write_conflict', 'user_exists', 'last_admin', 'has_dependents'].includes(code)) return 409;
  if (code === 'upload_too_large' || code === 'body_too_large') return 413;
  if (code === 'misdirected_request') return 421;
  if (code === 'rate_limited') return 429;
  return 422;
}

const codes = Object.keys(statusOfCode) as ErrorCode[];

describe('statusOfCode', () => {
  it('gives every code the status the old suffix-and-list rule gave it', () => {
    const thrown = codes.filter((code) => code !== 'invalid_request');
    expect(thrown.filter((code) => statusOfCode[code] !== legacyStatusOf(code))).toEqual([]);
    // The one code the rule never saw: a zod error was answered 400 before it had a code.
    expect(statusOfCode.invalid_request).toBe(400);
  });

  it('has a status for each code, and each not_found code is a 404', () => {
    for (const code of codes)
      expect([400, 401, 403, 404, 409, 413, 421, 422, 429]).toContain(statusOfCode[code]);
    const missing = codes.filter((code) => code.endsWith('not_found'));
    expect(missing.map((code) => statusOfCode[code])).toEqual(missing.map(() => 404));
    expect(statusOfCode.unknown_kpi).toBe(404);
    expect(statusOfCode.invalid_band_set).toBe(422);
    expect(statusOfCode.rate_limited).toBe(429);
  });

  it('takes only a listed code', () => {
    // @ts-expect-error: a code outside ErrorCode does not compile.
    const unlisted = new OrderlensError('Refused.', 'no_such_code');
    expect(unlisted.problems).toEqual([]);
    const listed = new OrderlensError('Refused.', 'invalid_target', [{ path: 'to', message: 'x' }]);
    expect(listed).toMatchObject({ name: 'OrderlensError', code: 'invalid_target' });
    expect(listed.problems).toEqual([{ path: 'to', message: 'x' }]);
  });
});

describe('problems', () => {
  const schema = z
    .object({ from: z.string(), figures: z.array(z.object({ high: z.number() })) })
    .strict();
  const error = schema.safeParse({ from: 1, figures: [{ high: 'x' }], extra: true }).error!;

  it('come from zod issues with their paths, dotted by default', () => {
    expect(problemsOfZod(error, { root: 'query' })).toEqual([
      { path: 'from', message: expect.stringMatching(/expected string/) },
      { path: 'figures.0.high', message: expect.stringMatching(/expected number/) },
      { path: 'query', message: 'Unrecognized key: "extra"' },
    ]);
  });

  it('bracket array indices when asked, and leave a root problem without a path', () => {
    expect(problemsOfZod(error.issues, { brackets: true })).toEqual([
      { path: 'from', message: expect.any(String) },
      { path: 'figures[0].high', message: expect.any(String) },
      { message: 'Unrecognized key: "extra"' },
    ]);
    expect(linesOfZod(error, { root: '(set)', brackets: true })[2]).toBe(
      '(set): Unrecognized key: "extra"',
    );
  });

  it('read as one line each', () => {
    expect(lineOf({ row: 3, column: 'median', message: 'must be a number' })).toBe(
      'row 3, column median: must be a number',
    );
    expect(lineOf({ row: 4, message: 'unclosed quote' })).toBe('row 4: unclosed quote');
    expect(lineOf({ column: 'source', message: 'missing' })).toBe('column source: missing');
    expect(lineOf({ path: 'scheme.p25', message: 'required' })).toBe('scheme.p25: required');
    expect(lineOf({ message: 'the file holds no band set' })).toBe('the file holds no band set');
  });

  it('are read back from a response body, dropping what is not a problem', () => {
    const body = { message: 'x', problems: [{ path: 'to', message: 'y' }, 'z', { row: 2 }] };
    expect(problemsIn(body)).toEqual([{ path: 'to', message: 'y' }]);
    expect(problemsIn({ message: 'x' })).toEqual([]);
    expect(problemsIn(null)).toEqual([]);
  });
});
