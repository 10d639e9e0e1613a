import 'server-only';
/** Shared by the route handlers: parse with zod, map errors to JSON responses, never a stack. */
import { NextResponse, type NextRequest } from 'next/server';
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
    return json({ message: error.message, code: error.code }, { status: statusOf(error.code) });
  }
  console.error('[orderlens] request failed:', error);
  return json(
    { message: 'The request failed unexpectedly; the server log has the details.' },
    { status: 500 },
  );
}

function statusOf(code: string): number {
  if (code === 'unknown_kpi' || code.endsWith('not_found')) return 404;
  if (code === 'forbidden_origin') return 403;
  if (code === 'write_conflict') return 409;
  return 422;
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

export class ForbiddenOriginError extends OrderlensError {
  constructor() {
    super('This request did not come from the Orderlens app.', 'forbidden_origin');
  }
}

/**
 * CSRF: a state-changing request must come from our own origin. Next's server actions check
 * Origin, route handlers do not, and a request without Origin is refused here.
 */
export function assertSameOrigin(request: Request) {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  if (!origin || !host) throw new ForbiddenOriginError();
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ForbiddenOriginError();
  }
  if (originHost !== host) throw new ForbiddenOriginError();
}

/** A DELETE /…/:id handler: same origin, then remove, answering { removed: id }. */
export function deleteById(remove: (id: string) => Promise<unknown>) {
  return async (request: NextRequest, { params }: { params: Promise<{ id: string }> }) => {
    try {
      assertSameOrigin(request);
      const { id } = await params;
      await remove(id);
      return json({ removed: id });
    } catch (error) {
      return errorResponse(error);
    }
  };
}
