import 'server-only';
/**
 * Errors of the ClickHouse engine, safe to show: the message names what failed and ClickHouse's
 * numeric error code, never the SQL, the server's text (it quotes SQL and `host:port` of shards),
 * the user or the password. The server's text is kept on `serverText`, a non-enumerable property,
 * for the server log.
 */
import { OrderlensError, type ErrorCode } from '@/lib/errors';

export class ClickHouseError extends OrderlensError {
  /** ClickHouse's error code (`Code: 60, …` → 60), when the server answered one. */
  readonly serverCode: number | undefined;
  /** The HTTP status of the answer; undefined when none came. */
  readonly httpStatus: number | undefined;
  /** The server's answer or the connection error, for logs only (non-enumerable). */
  declare readonly serverText: string;

  constructor(
    message: string,
    code: ErrorCode,
    detail: { serverCode?: number; httpStatus?: number; serverText: string },
  ) {
    super(message, code);
    this.serverCode = detail.serverCode;
    this.httpStatus = detail.httpStatus;
    Object.defineProperty(this, 'serverText', { value: detail.serverText, enumerable: false });
  }
}

/**
 * The code of an error body: `Code: 60, e.displayText() = …` (18.16), `Code: 60. DB::Exception: …`
 * (newer releases, which also send X-ClickHouse-Exception-Code).
 */
export function serverCodeOf(body: string, header?: string | null): number | undefined {
  const fromHeader = header ? Number(header) : NaN;
  if (Number.isInteger(fromHeader)) return fromHeader;
  const match = /^Code: (\d+)[.,]/.exec(body.trimStart());
  return match ? Number(match[1]) : undefined;
}

/** ClickHouse error codes with their own advice (codes from ClickHouse's ErrorCodes.cpp). */
const KNOWN: Record<number, { code: ErrorCode; message: string }> = {
  192: { code: 'engine_failed', message: 'ClickHouse does not know the user of ORDERLENS_ENGINE' },
  193: {
    code: 'engine_failed',
    message: 'ClickHouse refused the password of ORDERLENS_ENGINE',
  },
  516: {
    code: 'engine_failed',
    message: 'ClickHouse refused the user or password of ORDERLENS_ENGINE',
  },
  81: {
    code: 'engine_failed',
    message: 'The ClickHouse database of ORDERLENS_ENGINE does not exist',
  },
  60: {
    code: 'engine_failed',
    message: 'A table Orderlens needs is missing on ClickHouse (set up the schema on every shard)',
  },
  159: { code: 'engine_failed', message: 'ClickHouse stopped the query: it took too long' },
  241: { code: 'out_of_memory', message: 'The query ran out of memory on ClickHouse' },
  209: { code: 'engine_unreachable', message: 'A ClickHouse shard did not answer in time' },
  210: { code: 'engine_unreachable', message: 'A ClickHouse shard does not answer' },
  279: { code: 'engine_unreachable', message: 'A ClickHouse shard does not answer' },
};

/** The error for a non-200 answer of the server. */
export function errorOfResponse(
  status: number,
  body: string,
  header?: string | null,
): ClickHouseError {
  const serverCode = serverCodeOf(body, header);
  const known = serverCode === undefined ? undefined : KNOWN[serverCode];
  const detail = { serverCode, httpStatus: status, serverText: body };
  if (known)
    return new ClickHouseError(`${known.message} (error ${serverCode}).`, known.code, detail);
  if (serverCode === undefined)
    return new ClickHouseError(
      `ClickHouse answered HTTP ${status} without an error code.`,
      'engine_failed',
      detail,
    );
  return new ClickHouseError(
    `ClickHouse could not run the statement (error ${serverCode}).`,
    'engine_failed',
    detail,
  );
}

/** The error for a request that got no answer: refused, reset, or past its timeout. */
export function errorOfConnection(
  error: unknown,
  where: { host: string; port: number },
  timeoutMs: number,
): ClickHouseError {
  const address = `${where.host}:${where.port}`;
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const name = (error as { name?: string })?.name;
  const serverText = [
    error instanceof Error ? error.message : String(error),
    cause?.code,
    cause?.message,
  ]
    .filter(Boolean)
    .join(': ');
  const detail = { serverText };
  if (name === 'TimeoutError' || name === 'AbortError')
    return new ClickHouseError(
      `ClickHouse at ${address} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
      'engine_unreachable',
      detail,
    );
  const why =
    cause?.code === 'ECONNREFUSED'
      ? 'the connection was refused'
      : cause?.code === 'ENOTFOUND' || cause?.code === 'EAI_AGAIN'
        ? 'the host name is unknown'
        : 'the connection failed';
  return new ClickHouseError(
    `ClickHouse at ${address} does not answer (${why}).`,
    'engine_unreachable',
    detail,
  );
}
