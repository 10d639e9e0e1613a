/** Browser-side helpers of the Data page: JSON requests with plain-word errors, byte sizes. */

import { problemsIn, type Problem } from '@/lib/errors';
import { apiFetch } from '../ui/csrf';

const unreachable =
  'Could not reach the Orderlens server. Check that it is still running, then try again.';

/**
 * A refused request: the server's message, its code for a caller that can offer a way on, and the
 * problems it found (each with its path, or row and column) for a caller that can place them.
 */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly code?: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

/** fetch, then the JSON body; a failed request throws a RequestError with the server's message. */
export async function requestJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await apiFetch(url, init);
  } catch {
    throw new Error(unreachable);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok)
    throw new RequestError(messageOf(body, response.status), codeOf(body), problemsIn(body));
  return body as T;
}

/** POST (or another method) with a JSON body. */
export function sendJson<T>(url: string, body: unknown, method = 'POST'): Promise<T> {
  return requestJson<T>(url, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function codeOf(body: unknown): string | undefined {
  return body && typeof body === 'object' && 'code' in body && typeof body.code === 'string'
    ? body.code
    : undefined;
}

export function messageOf(body: unknown, status: number): string {
  if (body && typeof body === 'object' && 'message' in body && typeof body.message === 'string') {
    return body.message;
  }
  if (status === 413) return 'The file is larger than the server accepts.';
  if (status >= 500) return 'The server could not complete the request; its log has the details.';
  return `The server refused the request (HTTP ${status}).`;
}

export { unreachable as unreachableMessage };

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}
