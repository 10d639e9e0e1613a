/**
 * Typed errors that are safe to show to users: no SQL, stack or path in their message. Each has a
 * code from a closed list, whose HTTP status is in one table, and may list its problems as objects
 * (a field's path, a file's row and column) so that a form can place each one without parsing
 * text. Client components import this module (through the band set and mapping schemas), so it
 * holds nothing server-only.
 */
import type { z } from 'zod';

/**
 * Every code an OrderlensError may carry, with the HTTP status a route answers it with. The codes
 * ending in `not_found` are 404; what is not a missing thing, a denial, a conflict or a limit is a
 * request that cannot be done as asked (422), whatever the cause.
 */
export const statusOfCode = {
  // 400: the query or body does not fit the endpoint's schema (a zod error).
  invalid_request: 400,

  // 401: who is asking is not known.
  sign_in_required: 401,
  sign_in_failed: 401,

  // 403: known (or not needed), but not allowed.
  forbidden: 403,
  forbidden_origin: 403,
  bad_csrf: 403,
  setup_code_required: 403,

  // 404: the thing named is not there.
  not_found: 404,
  unknown_kpi: 404,
  band_set_not_found: 404,
  demo_not_found: 404,
  input_not_found: 404,
  profile_not_found: 404,
  rejects_not_found: 404,
  sheet_not_found: 404,
  subscription_not_found: 404,
  alert_not_found: 404,
  alert_rule_not_found: 404,
  target_not_found: 404,
  team_not_found: 404,
  upload_not_found: 404,
  user_not_found: 404,

  // 409: it clashes with what is stored.
  write_conflict: 409,
  user_exists: 409,
  last_admin: 409,
  has_dependents: 409,

  // 413, 421, 429: limits of the request itself.
  upload_too_large: 413,
  body_too_large: 413,
  misdirected_request: 421,
  rate_limited: 429,

  // 422: the request is understood but cannot be done as asked.
  access_denied: 422,
  bad_options: 422,
  band_set_shipped: 422,
  database_locked: 422,
  demo_over_real_data: 422,
  disk_full: 422,
  dry_run: 422,
  first_user_not_admin: 422,
  folder_not_empty: 422,
  internal: 422,
  invalid_band_set: 422,
  invalid_mapping: 422,
  invalid_profile: 422,
  invalid_setting: 422,
  invalid_subscription: 422,
  invalid_alert_rule: 422,
  invalid_target: 422,
  invalid_team: 422,
  no_file: 422,
  no_inbox: 422,
  not_undoable: 422,
  out_of_memory: 422,
  superseded: 422,
  upload_interrupted: 422,
  usage: 422,
  weak_password: 422,

  // 422: the analytical engine (ORDERLENS_ENGINE, lib/clickhouse).
  invalid_engine: 422,
  engine_unreachable: 422,
  engine_failed: 422,

  // 422: an extract that cannot be read (lib/ingest).
  ambiguous_decimal_separator: 422,
  damaged: 422,
  empty_file: 422,
  empty_sheet: 422,
  encrypted: 422,
  inconsistent_fields: 422,
  invalid_dialect: 422,
  invalid_encoding: 422,
  legacy_xls: 422,
  line_too_long: 422,
  malformed_csv: 422,
  malformed_header: 422,
  missing_column: 422,
  mixed_line_endings: 422,
  no_rows: 422,
  no_sheets: 422,
  not_xlsx: 422,
  too_large: 422,
  unmapped_required: 422,
  unsupported_type: 422,
  outside_engine_range: 422,
  unterminated_quote: 422,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 421 | 422 | 429>;

export type ErrorCode = keyof typeof statusOfCode;

/** One thing wrong with an input, located as precisely as the input allows. */
export interface Problem {
  /** Where in a JSON value or form, e.g. `scheme.p25` or `to`. */
  path?: string;
  /** The row of a file as a spreadsheet numbers it (the header is row 1). */
  row?: number;
  /** The column of a file, by its header. */
  column?: string;
  message: string;
}

export class OrderlensError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode,
    /** The problems found, when the error is about an input with several. */
    readonly problems: readonly Problem[] = [],
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A problem as one line: `row 3, column median: must be a number`, `scheme.p25: required`. */
export function lineOf(problem: Problem): string {
  const where = [
    problem.row === undefined ? undefined : `row ${problem.row}`,
    problem.column === undefined ? undefined : `column ${problem.column}`,
    problem.path,
  ].filter((part) => part !== undefined && part !== '');
  return where.length ? `${where.join(', ')}: ${problem.message}` : problem.message;
}

export interface ZodProblemOptions {
  /** The path given to a problem of the whole value (e.g. `query`); without it, none. */
  root?: string;
  /** Array indices as `[0]`, as a JSON file reads, rather than `.0`, as a query key reads. */
  brackets?: boolean;
}

/** A zod error, or its issues. */
type ZodIssues = { readonly issues: readonly z.core.$ZodIssue[] } | readonly z.core.$ZodIssue[];

/** The issues of a zod error as problems, each with its path. */
export function problemsOfZod(issues: ZodIssues, options: ZodProblemOptions = {}): Problem[] {
  const list = 'issues' in issues ? issues.issues : issues;
  return list.map((issue) => {
    const path = options.brackets ? bracketedPath(issue.path) : issue.path.join('.');
    const located = path || options.root;
    return located === undefined
      ? { message: issue.message }
      : { path: located, message: issue.message };
  });
}

/** The issues of a zod error as `path: message` lines. */
export function linesOfZod(issues: ZodIssues, options: ZodProblemOptions = {}): string[] {
  return problemsOfZod(issues, options).map(lineOf);
}

/** `['scheme', 'figures', 0, 'high']` → `scheme.figures[0].high`. */
export function bracketedPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : (i ? '.' : '') + String(p)))
    .join('');
}

/** The `problems` of an error response's JSON body, for a client; none when it lists none. */
export function problemsIn(body: unknown): Problem[] {
  const listed = body && typeof body === 'object' && 'problems' in body ? body.problems : [];
  return Array.isArray(listed) ? listed.filter(isProblem) : [];
}

function isProblem(value: unknown): value is Problem {
  return !!value && typeof value === 'object' && typeof (value as Problem).message === 'string';
}

/** The database file is held by another process (the running server, usually). */
export class DatabaseLockedError extends OrderlensError {
  constructor(readonly holder?: string) {
    super(
      `The database is in use by another Orderlens process${holder ? ` (${holder})` : ''}. ` +
        'Stop the Orderlens server (it holds the database while it runs), then try again. Nothing was changed.',
      'database_locked',
    );
  }
}

/** Another write touched the same rows at the same time; the caller may retry. */
export class WriteConflictError extends OrderlensError {
  constructor() {
    super(
      'Another load changed the same data at the same time. Nothing was changed; try again.',
      'write_conflict',
    );
  }
}

/** Turn a driver error into one safe for users; the detail goes to the server log. */
export function toUserError(error: unknown, context: string): OrderlensError {
  if (error instanceof OrderlensError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/Could not set lock on file|Conflicting lock is held/i.test(message)) {
    const pid = /PID (\d+)/i.exec(message)?.[1];
    return new DatabaseLockedError(pid ? `process ${pid}` : undefined);
  }
  if (/Transaction conflict|write-write conflict|Conflict on/i.test(message))
    return new WriteConflictError();
  // DuckDB reports a full spill folder as "Out of Memory … failed to offload … max_temp_directory_size":
  // the advice differs (free disk space, or raise ORDERLENS_MAX_TEMP_SIZE), so say which it was.
  if (
    /max_temp_directory_size|failed to offload|Out of Memory|could not allocate|No space left|Could not write/i.test(
      message,
    )
  ) {
    console.error(`[orderlens] ${context}:`, message); // the detail, for the server log only
  }
  if (/max_temp_directory_size|failed to offload/i.test(message)) {
    return new OrderlensError(
      `${context} ran out of temporary disk space (the spill folder is full). Nothing was changed.`,
      'disk_full',
    );
  }
  if (/Out of Memory|could not allocate/i.test(message)) {
    return new OrderlensError(
      `${context} ran out of memory. Nothing was changed.`,
      'out_of_memory',
    );
  }
  if (/No space left on device|Could not write/i.test(message)) {
    return new OrderlensError(
      `${context} ran out of disk space. Nothing was changed.`,
      'disk_full',
    );
  }
  if (
    /Permission Error|disabled (by|through) configuration|configuration has been locked/i.test(
      message,
    )
  ) {
    // The lockdown refused a file, extension or setting: never echo the path that was tried.
    console.error(`[orderlens] ${context} (refused by the lockdown):`, message);
    return new OrderlensError(
      `${context} was refused: the server reads only its own upload and work folders. Nothing was changed.`,
      'access_denied',
    );
  }
  console.error(`[orderlens] ${context}:`, message);
  return new OrderlensError(`${context} failed unexpectedly. Nothing was changed.`, 'internal');
}
