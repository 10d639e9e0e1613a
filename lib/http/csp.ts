/**
 * The content security policy of every response: our own origin only, and scripts only with the
 * request's nonce (Next reads the nonce from the policy on the request and puts it on its own
 * inline scripts). Styles keep 'unsafe-inline': React's style attributes need it, and a style
 * cannot run code. The development server also needs 'unsafe-eval' for its refresh runtime.
 */
import { randomBytes } from 'node:crypto';

export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
