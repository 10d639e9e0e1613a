import 'server-only';
/** Shared by the route handlers: parse with zod, map errors to JSON responses, never a stack. */
import { NextResponse, type NextRequest } from 'next/server';
import { ZodError } from 'zod';
import { lineOf, OrderlensError, problemsOfZod, statusOfCode, type ErrorCode } from '@/lib/errors';
import { config } from '@/lib/config';
import {
  CLIENT_HEADER,
  isAllowedHost,
  isAllowedOrigin,
  requestedHost,
} from '@/lib/http/request-policy';
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

/**
 * An error as JSON: `{ message, code, problems }`, problems only when the error lists some. A zod
 * error (the query or body does not fit) is a 400 that also lists its lines in `errors`.
 */
export function errorResponse(error: unknown) {
  if (error instanceof ZodError) {
    const problems = problemsOfZod(error, { root: 'query' });
    const lines = problems.map(lineOf);
    return json(
      {
        message: `Invalid request: ${lines.join('; ')}`,
        code: 'invalid_request' satisfies ErrorCode,
        problems,
        errors: lines,
      },
      { status: statusOfCode.invalid_request },
    );
  }
  if (error instanceof OrderlensError) {
    const headers =
      error instanceof TooManyAttemptsError
        ? { 'Retry-After': String(Math.ceil(error.retryAfterSeconds)) }
        : undefined;
    const problems = error.problems.length ? { problems: error.problems } : {};
    return json(
      { message: error.message, code: error.code, ...problems },
      { status: statusOfCode[error.code], headers },
    );
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

export class ForbiddenOriginError extends OrderlensError {
  constructor() {
    super('This request did not come from the Orderlens app.', 'forbidden_origin');
  }
}

export class MisdirectedRequestError extends OrderlensError {
  constructor() {
    super(
      'This server does not answer for that host name. Open it by one of its own names (localhost), or list the name in ORDERLENS_ALLOWED_HOSTS.',
      'misdirected_request',
    );
  }
}

/**
 * The front server (scripts/server.mjs) refuses foreign Host headers before Next runs; checked
 * again here so that a handler served any other way (next dev, next start) refuses them too.
 */
export function assertAllowedHost(request: Request) {
  const policy = config().requestPolicy;
  const host = requestedHost(policy, request.headers);
  if (host !== null && !isAllowedHost(policy, host)) throw new MisdirectedRequestError();
}

/**
 * CSRF, first line: a state-changing request must come from one of our own origins, scheme and
 * port included. Compared with the configured origins, never with the Host the request claims
 * (a rebound DNS name makes those two agree). A request without Origin is refused.
 */
export function assertSameOrigin(request: Request) {
  if (!isAllowedOrigin(config().requestPolicy, request.headers.get('origin')))
    throw new ForbiddenOriginError();
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
      assertAllowedHost(request);
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

export class BodyTooLargeError extends OrderlensError {
  constructor(readonly limit: number) {
    super(
      `The request body is larger than this endpoint accepts (${formatBytes(limit)}).`,
      'body_too_large',
    );
  }
}

/** Limits of request bodies other than uploads (which stream to disk with their own limit). */
export const BODY_LIMITS = { signIn: 4 * 1024, json: 256 * 1024, bandSet: 2 * 1024 * 1024 };

/**
 * The body's bytes, at most `limit`: a larger declared length is refused before a byte is read,
 * and a body that runs past the limit is cancelled there, so an oversized request costs the server
 * no more than the limit. `tooLarge` is the error either refusal throws, for an endpoint that
 * words it its own way.
 */
export async function readBytes(
  request: Request,
  limit: number,
  tooLarge: () => Error = () => new BodyTooLargeError(limit),
): Promise<Buffer> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as text, reading at most `limit` bytes (as readBytes). */
export async function readText(request: Request, limit: number): Promise<string> {
  return new TextDecoder().decode(await readBytes(request, limit));
}

/** The body parsed as JSON (undefined when it is not JSON), reading at most `limit` bytes. */
export async function readJson(request: Request, limit = BODY_LIMITS.json): Promise<unknown> {
  const text = await readText(request, limit);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

/**
 * The client's address for the sign-in limits, as the front server measured it (the TCP peer, or
 * per ORDERLENS_TRUST_PROXY). Served without the front server (next dev), the header could be the
 * client's own word, so every client then shares one key.
 */
export function clientAddressOf(request: Request): string {
  return (config().frontServer && request.headers.get(CLIENT_HEADER)) || 'unknown';
}
