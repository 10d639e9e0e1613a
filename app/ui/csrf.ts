/**
 * The CSRF cookie and header (double submit): state-changing requests of a signed-in user echo
 * the cookie's value in the header; a cross-site page can neither read the cookie nor set it.
 */
export const CSRF_COOKIE = 'orderlens_csrf';
export const CSRF_HEADER = 'x-orderlens-csrf';

/** The CSRF header of a signed-in user's requests (none for the local user). */
export function csrfHeaders(): Record<string, string> {
  const token = readCookie(CSRF_COOKIE);
  return token ? { [CSRF_HEADER]: token } : {};
}

/** fetch() with the CSRF header added (the browser sends the Origin header itself). */
export function apiFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  for (const [name, value] of Object.entries(csrfHeaders())) headers.set(name, value);
  return fetch(url, { ...init, headers });
}

function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const entry = document.cookie.split('; ').find((c) => c.startsWith(`${name}=`));
  return entry ? decodeURIComponent(entry.slice(name.length + 1)) : undefined;
}
