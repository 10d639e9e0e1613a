/**
 * The HTTP API as a client uses it, for the tests against the started app: upload a file, load it
 * with a mapping, read the ledger and the scorecard. State-changing requests carry the app's own
 * Origin (the server refuses them without it).
 */
import { readFile } from 'node:fs/promises';
import type { Mapping } from '@/lib/ingest/map/mapping';

export interface LoadOutcome {
  status: number;
  body: { loadId?: number | null; status?: string; code?: string; message?: string };
}

export interface LedgerRow {
  loadId: number;
  fileName: string;
  status: string;
  rowsRead: number;
  rowsInserted: number;
  rowsUpdated: number;
}

export interface ScorecardRow {
  id: string;
  value: number | null;
  available: boolean;
}

function post(base: string, path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${base}${path}`, {
    method: 'POST',
    body,
    headers: { origin: base, ...headers },
    signal: AbortSignal.timeout(600_000),
  });
}

/** POST /api/uploads: the file as the raw body; the upload's id. */
export async function upload(base: string, file: string, fileName: string): Promise<string> {
  const response = await post(base, '/api/uploads', await readFile(file), {
    'content-type': 'application/octet-stream',
    'x-file-name': encodeURIComponent(fileName),
  });
  const body = (await response.json()) as { id?: string; message?: string };
  if (response.status !== 201 || !body.id)
    throw new Error(`upload of ${fileName}: ${response.status} ${body.message}`);
  return body.id;
}

/** POST /api/uploads/:id/load; the HTTP status and the report (or error) as answered. */
export async function load(base: string, id: string, mapping: Mapping): Promise<LoadOutcome> {
  const response = await post(
    base,
    `/api/uploads/${encodeURIComponent(id)}/load`,
    JSON.stringify({ mapping }),
    { 'content-type': 'application/json' },
  );
  return { status: response.status, body: (await response.json()) as LoadOutcome['body'] };
}

/** GET a JSON resource, failing on any status but 200. */
export async function getJson<T>(base: string, path: string, timeoutMs = 120_000): Promise<T> {
  const response = await fetch(`${base}${path}`, { signal: AbortSignal.timeout(timeoutMs) });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status}`);
  return (await response.json()) as T;
}

/** GET /api/loads, oldest first. */
export async function ledger(base: string): Promise<LedgerRow[]> {
  const { loads } = await getJson<{ loads: LedgerRow[] }>(base, '/api/loads');
  return [...loads].sort((a, b) => a.loadId - b.loadId);
}

/** GET /api/kpis (optionally of some KPIs only): the scorecard's entries. */
export async function scorecard(base: string, kpis?: string[]): Promise<ScorecardRow[]> {
  const query = kpis ? `?kpis=${kpis.join(',')}` : '';
  const { kpis: rows } = await getJson<{ kpis: ScorecardRow[] }>(base, `/api/kpis${query}`);
  return rows;
}
