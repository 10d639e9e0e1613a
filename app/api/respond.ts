import 'server-only';
/** Shared by the route handlers: parse with zod, map errors to JSON responses, never a stack. */
import { NextResponse } from 'next/server';
import { ZodError } from 'zod';
import { OrderlensError } from '@/lib/db/errors';

export function json(data: unknown, init?: ResponseInit) {
  return NextResponse.json(data, init);
}

export function errorResponse(error: unknown) {
  if (error instanceof ZodError) {
    const problems = error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
    return json(
      { message: `Invalid request: ${problems.join('; ')}`, errors: problems },
      { status: 400 },
    );
  }
  if (error instanceof OrderlensError) {
    const status =
      error.code === 'unknown_kpi' || error.code === 'not_found'
        ? 404
        : error.code === 'write_conflict'
          ? 409
          : 422;
    return json({ message: error.message, code: error.code }, { status });
  }
  console.error('[orderlens] request failed:', error);
  return json(
    { message: 'The request failed unexpectedly; the server log has the details.' },
    { status: 500 },
  );
}

/** Query-string values: repeated keys or comma-separated lists. */
export function listParam(params: URLSearchParams, key: string): string[] | undefined {
  const values = params
    .getAll(key)
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length ? values : undefined;
}

/** Filters from the query string, shaped for lib/kpi/filters (validated there). */
export function filtersFromParams(params: URLSearchParams) {
  const filters: Record<string, unknown> = {};
  for (const key of ['from', 'to']) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  for (const key of ['site', 'channel', 'customer', 'region', 'carrier', 'ship_mode', 'sku']) {
    const values = listParam(params, key);
    if (values) filters[key] = values;
  }
  return filters;
}
