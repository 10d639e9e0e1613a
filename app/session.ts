import 'server-only';
/**
 * The session cookie and who is asking, for pages and route handlers. The cookie holds the
 * session token sealed (encrypted and signed) by iron-session; HttpOnly, SameSite=Strict, expiring
 * with the session. A second cookie, readable by our scripts, carries the CSRF token they echo in
 * a header on every state-changing request (double submit, bound to the session by an HMAC).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sealData, unsealData } from 'iron-session';
import { cookies } from 'next/headers';
import type { NextResponse } from 'next/server';
import { redirect, forbidden } from 'next/navigation';
import { config, sessionSecret } from '@/lib/config';
import { getServerDatabase } from '@/runtime/database';
import { authorize, ForbiddenError, isLoopbackHost, resolveIdentity } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/access';
import type { Permission } from '@/lib/auth/roles';
import { CSRF_COOKIE, CSRF_HEADER } from './ui/csrf';

export const SESSION_COOKIE = 'orderlens_session';

export function listensOnLoopback() {
  return isLoopbackHost(config().listenHost);
}

/** The session token sealed in a cookie value, or undefined when absent, forged or expired. */
export async function sessionTokenOf(sealed: string | undefined): Promise<string | undefined> {
  if (!sealed) return undefined;
  try {
    const data = await unsealData<{ t?: string }>(sealed, {
      password: sessionSecret(),
      ttl: config().sessionHours * 3600,
    });
    return typeof data.t === 'string' ? data.t : undefined;
  } catch {
    return undefined;
  }
}

/** Who is asking, from a cookie value: the session's user, the local user, or nobody. */
export async function identityOf(sealed: string | undefined) {
  const db = await getServerDatabase();
  const token = await sessionTokenOf(sealed);
  const identity = await resolveIdentity(db, {
    sessionToken: token,
    listensOnLoopback: listensOnLoopback(),
  });
  return { db, token, identity };
}

/** For pages and layouts (server components): who is asking. */
export async function currentIdentity(): Promise<Identity | undefined> {
  return (await identityOf((await cookies()).get(SESSION_COOKIE)?.value)).identity;
}

export function csrfTokenOf(sessionToken: string): string {
  return createHmac('sha256', sessionSecret()).update(`csrf:${sessionToken}`).digest('base64url');
}

/** A signed-in user's state-changing request must echo the CSRF cookie in the header. */
export function csrfMatches(request: Request, sessionToken: string): boolean {
  const sent = Buffer.from(request.headers.get(CSRF_HEADER) ?? '');
  const expected = Buffer.from(csrfTokenOf(sessionToken));
  return sent.length === expected.length && timingSafeEqual(sent, expected);
}

const cookieBase = (request: Request) => ({
  path: '/',
  sameSite: 'strict' as const,
  secure: config().secureCookies || new URL(request.url).protocol === 'https:',
});

export async function startSession(
  request: Request,
  response: NextResponse,
  session: { token: string; expiresAt: Date },
): Promise<void> {
  const sealed = await sealData(
    { t: session.token },
    { password: sessionSecret(), ttl: config().sessionHours * 3600 },
  );
  const base = { ...cookieBase(request), expires: session.expiresAt };
  response.cookies.set(SESSION_COOKIE, sealed, { ...base, httpOnly: true });
  response.cookies.set(CSRF_COOKIE, csrfTokenOf(session.token), { ...base, httpOnly: false });
}

export function endSession(request: Request, response: NextResponse): void {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE])
    response.cookies.set(name, '', {
      ...cookieBase(request),
      httpOnly: name === SESSION_COOKIE,
      maxAge: 0,
    });
}

/**
 * For pages: the identity when allowed; a visitor who must sign in goes to the sign-in page (and
 * back after), a signed-in user without the permission gets the 403 page.
 */
export async function requirePage(permission: Permission, returnTo: string): Promise<Identity> {
  const identity = await currentIdentity();
  if (!identity) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  try {
    return authorize(identity, permission);
  } catch (error) {
    if (error instanceof ForbiddenError) forbidden();
    throw error;
  }
}
