import 'server-only';
/**
 * A small client for ClickHouse's HTTP interface over Node's fetch (issue 18). Not
 * @clickhouse/client: against 18.16 its query_params need server-side parameters (absent there)
 * and its error parser does not read 18.16's error text (see docs/clickhouse-18.md, tested); plain fetch
 * does all we need, and keeps the binding and the error mapping in this folder.
 *
 * - Values are bound on the client (`$1…`, sql.ts bindParams), the one way values enter SQL.
 * - Credentials travel in X-ClickHouse-User / X-ClickHouse-Key headers, never in the URL.
 * - Every request names the database, has a timeout (an AbortSignal; reads also pass it to the
 *   server as max_execution_time, so an abandoned query stops there too) and sets
 *   wait_end_of_query=1: otherwise an error raised after the first rows were streamed comes back
 *   as HTTP 200 with the error text appended to the data.
 * - Reads use FORMAT JSON; 64-bit integers, infinities and NaN are converted as types.ts says.
 * - Inserts use RowBinary (exact floats; row-binary.ts says why) with insert_distributed_sync=1,
 *   so when insertRows returns, rows sent through a Distributed table are on their shards.
 * - Errors are ClickHouseError (errors.ts): a safe message, the server's text kept aside.
 */
import type { ClickHouseEngine } from './engine-url';
import { ClickHouseError, errorOfConnection, errorOfResponse } from './errors';
import { encodeRowBinary, type EncodedColumn } from './row-binary';
import { bindParams, quoteIdent, type ParamValue } from './sql';
import { jsonConverter, keepValue, parseType, type Converter } from './types';

export type Row = Record<string, unknown>;
export type Settings = Record<string, string | number | boolean>;

export interface RequestOptions {
  /** ClickHouse settings for this request (URL parameters). */
  settings?: Settings;
  /** Abort the request after this long (default: the client's). */
  timeoutMs?: number;
}

export interface ClientOptions extends RequestOptions {
  /** Default 300 000 ms (5 min): a cold catalogue over many millions of lines takes minutes. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 300_000;

/** URL parameters that are not settings, or that would override how the client authenticates. */
const RESERVED = new Set(['query', 'user', 'password', 'database', 'default_format', 'quota_key']);

type Target = Pick<ClickHouseEngine, 'httpUrl' | 'user' | 'password' | 'database'>;

export class ClickHouseClient {
  readonly httpUrl: string;
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  readonly #password: string;
  readonly #options: ClientOptions;
  /** Column types per table, for RowBinary inserts (the schema does not change under a client). */
  readonly #columnTypes = new Map<string, Promise<Map<string, string>>>();

  constructor(target: Target, options: ClientOptions = {}) {
    const url = new URL(target.httpUrl);
    this.httpUrl = url.origin;
    this.host = url.hostname;
    this.port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    this.user = target.user;
    this.database = target.database;
    this.#password = target.password;
    this.#options = options;
    for (const name of Object.keys(options.settings ?? {})) checkSettingName(name);
  }

  /** The same user, password, database and options on another server (a shard). */
  withEndpoint(httpUrl: string): ClickHouseClient {
    return new ClickHouseClient(
      { httpUrl, user: this.user, password: this.#password, database: this.database },
      this.#options,
    );
  }

  /** The same server, user and options with another default database (`system` to create ours). */
  withDatabase(database: string): ClickHouseClient {
    return new ClickHouseClient(
      { httpUrl: this.httpUrl, user: this.user, password: this.#password, database },
      this.#options,
    );
  }

  /** Rows of a SELECT; values bound to `$1…`. See types.ts for how values are converted. */
  async query<T extends Row = Row>(
    sql: string,
    params?: readonly ParamValue[],
    options: RequestOptions = {},
  ): Promise<T[]> {
    const timeoutMs = options.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const text = await this.#send(bindParams(sql, params), {
      format: 'JSON',
      settings: {
        output_format_json_quote_64bit_integers: 1,
        output_format_json_quote_denormals: 1,
        max_execution_time: Math.ceil(timeoutMs / 1000),
        ...options.settings,
      },
      timeoutMs,
    });
    return rowsOfJson<T>(text);
  }

  /** A statement without rows (DDL, ALTER, INSERT … SELECT); values bound to `$1…`. */
  async command(
    sql: string,
    params?: readonly ParamValue[],
    options: RequestOptions = {},
  ): Promise<void> {
    await this.#send(bindParams(sql, params), {
      settings: options.settings,
      timeoutMs: options.timeoutMs,
    });
  }

  /**
   * Insert rows (one value per column, in `columns` order) into a table of the client's database,
   * as RowBinary. Returns the number of rows sent. A Distributed table spreads them over its
   * shards before this returns.
   */
  async insertRows(
    table: string,
    columns: readonly string[],
    rows: readonly (readonly ParamValue[])[],
    options: RequestOptions = {},
  ): Promise<number> {
    if (columns.length === 0 || new Set(columns).size !== columns.length)
      throw new Error('insertRows: the columns must be named, each once');
    if (rows.length === 0) return 0;
    const types = await this.#typesOf(table);
    const encoded: EncodedColumn[] = columns.map((name) => {
      const type = types.get(name);
      if (!type) throw new Error(`insertRows: table ${table} has no column ${name}`);
      return { name, type };
    });
    const body = encodeRowBinary(encoded, rows);
    const insert = `INSERT INTO ${quoteIdent(this.database)}.${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) FORMAT RowBinary`;
    await this.#send(body, {
      query: insert,
      settings: { insert_distributed_sync: 1, ...options.settings },
      timeoutMs: options.timeoutMs,
    });
    return rows.length;
  }

  /** Check that the server answers and takes the user and password. */
  async ping(options: RequestOptions = {}): Promise<void> {
    const [row] = await this.query<{ ok: number }>('SELECT 1 AS ok', [], options);
    if (row?.ok !== 1)
      throw new ClickHouseError(
        'ClickHouse answered a ping with something else.',
        'engine_failed',
        {
          serverText: String(row?.ok),
        },
      );
  }

  /** The server's version, e.g. `18.16.1`. */
  async serverVersion(): Promise<string> {
    const [row] = await this.query<{ version: string }>('SELECT version() AS version');
    return row?.version ?? '';
  }

  async #typesOf(table: string): Promise<Map<string, string>> {
    let types = this.#columnTypes.get(table);
    if (!types) {
      types = this.query<{ name: string; type: string }>(
        'SELECT name, type FROM system.columns WHERE database = $1 AND table = $2',
        [this.database, table],
      ).then((rows) => {
        if (rows.length === 0) throw new Error(`insertRows: ClickHouse has no table ${table}`);
        return new Map(rows.map((r) => [r.name, r.type]));
      });
      this.#columnTypes.set(table, types);
      types.catch(() => this.#columnTypes.delete(table));
    }
    return types;
  }

  async #send(
    body: string | Buffer,
    request: { query?: string; format?: string; settings?: Settings; timeoutMs?: number },
  ): Promise<string> {
    const timeoutMs = request.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const url = new URL('/', this.httpUrl);
    url.searchParams.set('database', this.database);
    if (request.query !== undefined) url.searchParams.set('query', request.query);
    if (request.format !== undefined) url.searchParams.set('default_format', request.format);
    const settings: Settings = {
      wait_end_of_query: 1,
      ...this.#options.settings,
      ...request.settings,
    };
    for (const [name, value] of Object.entries(settings)) {
      checkSettingName(name);
      url.searchParams.set(name, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
    }
    let status: number;
    let text: string;
    let exceptionCode: string | null;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'X-ClickHouse-User': this.user,
          'X-ClickHouse-Key': this.#password,
          'Content-Type':
            typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream',
        },
        body: typeof body === 'string' ? body : new Uint8Array(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = response.status;
      exceptionCode = response.headers.get('X-ClickHouse-Exception-Code');
      text = await response.text();
    } catch (error) {
      throw errorOfConnection(error, this, timeoutMs);
    }
    if (status !== 200) throw errorOfResponse(status, text, exceptionCode);
    return text;
  }
}

/** A client for the server an engine URL names. */
export function createClickHouseClient(
  engine: ClickHouseEngine,
  options: ClientOptions = {},
): ClickHouseClient {
  return new ClickHouseClient(engine, options);
}

function checkSettingName(name: string): void {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || RESERVED.has(name))
    throw new Error(`ClickHouse client: ${name} cannot be passed as a setting`);
}

interface JsonAnswer {
  meta: { name: string; type: string }[];
  data: Row[];
}

/** The rows of a FORMAT JSON answer, values converted by their declared types. */
export function rowsOfJson<T extends Row>(text: string): T[] {
  if (text.trim() === '') return [];
  let answer: JsonAnswer;
  try {
    answer = JSON.parse(text) as JsonAnswer;
  } catch {
    throw new ClickHouseError(
      'ClickHouse sent an answer that is not JSON (does the query name its own FORMAT?).',
      'engine_failed',
      { serverText: text.slice(0, 2000) },
    );
  }
  const converters: [string, Converter][] = answer.meta
    .map((m): [string, Converter] => [m.name, jsonConverter(parseType(m.type))])
    .filter(([, convert]) => convert !== keepValue);
  if (converters.length === 0) return answer.data as T[];
  for (const row of answer.data) {
    for (const [name, convert] of converters) row[name] = convert(row[name]);
  }
  return answer.data as T[];
}
