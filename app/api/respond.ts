import 'server-only';
/** Shared by the route handlers: parse with zod, map errors to JSON responses, never a stack. */
import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { OrderlensError } from '@/lib/db/errors';
import type { Database } from '@/lib/db/database';
import { authorize, ForbiddenError, type Identity } from '@/lib/auth/access';
import { reasonOf, recordAudit, type AuditEvent } from '@/lib/auth/audit';

export { reasonOf };
import type { Permission } from '@/lib/auth/roles';
import { TooManyAttemptsError } from '@/lib/auth/sign-in';
import { csrfMatches, identityOf, SESSION_COOKIE } from '../session';

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
    const headers =
      error instanceof TooManyAttemptsError
        ? { 'Retry-After': String(Math.ceil(error.retryAfterSeconds)) }
        : undefined;
    return json(
      { message: error.message, code: error.code },
      { status: statusOf(error.code), headers },
    );
  }
  console.error('[orderlens] request failed:', error);
  return json(
    { message: 'The request failed unexpectedly; the server log has the details.' },
    { status: 500 },
  );
}

function statusOf(code: string): number {
  if (code === 'unknown_kpi' || code.endsWith('not_found')) return 404;
  if (code === 'sign_in_required' || code === 'sign_in_failed') return 401;
  if (code === 'forbidden_origin' || code === 'forbidden' || code === 'bad_csrf') return 403;
  if (code === 'write_conflict' || code === 'user_exists' || code === 'last_admin') return 409;
  if (code === 'upload_too_large') return 413;
  if (code === 'rate_limited') return 429;
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
 * CSRF, first line: a state-changing request must come from our own origin. Next's server actions
 * check Origin, route handlers do not, and a request without Origin is refused here.
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

/** A DELETE /…/:id handler for a permission: remove, answering { removed: id }. */
export function deleteById(
  permission: Permission,
  remove: (id: string, access: Access) => Promise<unknown>,
) {
  return route<{ params: Promise<{ id: string }> }>(
    permission,
    async (_request, { params }, access) => {
      const { id } = await params;
      await remove(id, access);
      return json({ removed: id });
    },
  );
}

export class BadCsrfTokenError extends OrderlensError {
  constructor() {
    super("This request did not carry the page's security token: reload the page.", 'bad_csrf');
  }
}

export interface Access {
  identity: Identity;
  db: Database;
  /** Append to the audit log as this identity, from the web. */
  audit: (event: AuditEvent) => Promise<void>;
}

const GUARD = Symbol.for('orderlens.route-permission');
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route handler is made here (deny by default): a state-changing request must come from our
 * origin and, for a signed-in user, carry the CSRF token; then lib/auth decides whether the
 * identity's role has the permission; errors become JSON without stack, SQL or path. 'public' is
 * only for signing in.
 */
export function route<C = unknown>(
  permission: Permission | 'public',
  handler: (request: NextRequest, context: C, access: Access) => Promise<Response>,
) {
  const guarded = async (request: NextRequest, context?: C) => {
    let denied: { access: Access; permission: Permission } | undefined;
    try {
      const unsafe = !SAFE_METHODS.has(request.method);
      if (unsafe) assertSameOrigin(request);
      const { db, token, identity } = await identityOf(request.cookies.get(SESSION_COOKIE)?.value);
      if (unsafe && identity?.userId !== undefined && !csrfMatches(request, token!))
        throw new BadCsrfTokenError();
      const who = identity ?? { username: '(anonymous)', role: undefined };
      const access: Access = {
        identity: identity!,
        db,
        audit: (event) => recordAudit(db, who, 'web', event),
      };
      if (permission !== 'public') {
        denied = identity && { access, permission };
        authorize(identity, permission);
        denied = undefined;
      }
      return await handler(request, context as C, access);
    } catch (error) {
      if (denied && error instanceof ForbiddenError)
        await denied.access.audit({
          action: 'access',
          outcome: 'denied',
          target: `${request.method} ${request.nextUrl.pathname}`,
          detail: `needs ${denied.permission}`,
        });
      return errorResponse(error);
    }
  };
  return Object.assign(guarded, { [GUARD]: permission });
}

/** The permission a route handler was made with (tests check every handler has one). */
export function permissionOf(handler: unknown): Permission | 'public' | undefined {
  return (handler as Record<symbol, Permission | 'public'> | undefined)?.[GUARD];
}

/**
 * Text chunks as a byte stream, after `first` (pulled before answering, so that a bad query is an
 * error response rather than a broken file); a failure mid-stream goes to the server log.
 */
export function textStream(
  chunks: AsyncGenerator<string>,
  what: string,
  first?: string,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first !== undefined) controller.enqueue(encoder.encode(first));
    },
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        console.error(`[orderlens] ${what} failed:`, error);
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/** A download: an attachment that is never cached or sniffed. */
export function attachment(body: BodyInit, contentType: string, fileName: string): Response {
  return new Response(body, {
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
