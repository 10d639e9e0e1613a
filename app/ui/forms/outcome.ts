/**
 * What the app's forms get back from their routes: the outcome of a request, and the problems
 * it lists placed by form field (the forms of form-parts) or as table cells (the band import).
 */
import { lineOf, problemsIn, type Problem } from '@/lib/errors';
import { apiFetch } from '../csrf';

export interface Outcome {
  ok: boolean;
  status: number;
  data: Record<string, unknown> | null;
  /** The problems the server found, each with its field path or its row and column. */
  problems: Problem[];
  message: string;
}

const unreachable =
  'The server could not be reached. Check that Orderlens is running, then try again.';

/** Send a request to one of our routes; never throws. */
export async function send(url: string, init: RequestInit): Promise<Outcome> {
  try {
    const response = await apiFetch(url, init);
    const data = (await response.json().catch(() => null)) as Record<string, unknown> | null;
    return outcomeOf(response.status, data);
  } catch {
    return { ok: false, status: 0, data: null, problems: [], message: unreachable };
  }
}

/** A response's status and JSON body as an outcome. */
export function outcomeOf(status: number, data: Record<string, unknown> | null): Outcome {
  const ok = status >= 200 && status < 300;
  if (ok) return { ok, status, data, problems: [], message: '' };
  const message = typeof data?.message === 'string' ? data.message : `HTTP ${status}`;
  const problems = problemsIn(data);
  // A message that lists its problems repeats them after its first line: the form lists them.
  const head = problems.length ? message.split('\n')[0] : message;
  return { ok, status, data, problems, message: head ?? message };
}

export const jsonInit = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export type FormErrors = { fields: Record<string, string[]>; general: string[] };
export const noErrors: FormErrors = { fields: {}, general: [] };

/** Problems by the form field their path starts with (`to`, `scheme.p25` → `scheme`); the rest are general. */
export function byField(problems: readonly Problem[], fields: readonly string[]): FormErrors {
  const out: Record<string, string[]> = {};
  const general: string[] = [];
  for (const problem of problems) {
    const field = problem.path?.split(/[.[]/)[0];
    if (field && fields.includes(field)) (out[field] ??= []).push(problem.message);
    else general.push(lineOf(problem));
  }
  return { fields: out, general };
}

/** A problem as a row of the import's problem table: its row, its column (or field) and message. */
export function problemCell(problem: Problem) {
  return {
    row: problem.row,
    column: problem.column ?? problem.path ?? '',
    message: problem.message,
  };
}
