/** Typed errors that are safe to show to users: no SQL, stack or path in their message. */

export class OrderlensError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
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
