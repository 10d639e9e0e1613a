/**
 * Where to go after signing in: only a path on our own origin. The value is judged as a browser
 * would read it: browsers drop tabs and newlines from URLs and read a backslash as a slash, so
 * `/%09/evil.example` decodes to `/\t/evil.example` and lands on `//evil.example`, another site.
 * Anything with control characters, backslashes or non-ASCII, before or after decoding, or that
 * resolves off our origin, is replaced by the home page.
 */
const BASE = 'http://orderlens.invalid';
const UNSAFE = /[\u0000-\u001f\u007f-\uffff\\]/;
const HOME = '/';

export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2048) return HOME;
  let decoded: string;
  try {
    decoded = decodeURIComponent(value);
  } catch {
    return HOME;
  }
  for (const text of [value, decoded])
    if (UNSAFE.test(text) || !text.startsWith('/') || text.startsWith('//')) return HOME;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return HOME;
  }
  if (url.origin !== BASE) return HOME;
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('//') ? HOME : path;
}
