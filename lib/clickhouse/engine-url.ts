import 'server-only';
/**
 * The engine setting (ORDERLENS_ENGINE, `--engine`; issue 18): absent or `duckdb` keeps the
 * embedded file, `clickhouse://user:password@host:port/database?cluster=NAME` puts the canonical
 * tables on a ClickHouse cluster reached over its HTTP interface. lib/config.ts reads the
 * environment; this module only parses a value.
 *
 * The password never appears in an error message or in describeEngine, and is a non-enumerable
 * property of the parsed engine, so logging or serialising the object does not print it (copy an
 * engine with withPassword, not with a spread, which would drop it).
 */
import { z } from 'zod';
import { lineOf, OrderlensError, problemsOfZod, type Problem } from '@/lib/errors';

export const DEFAULT_HTTP_PORT = 8123;

export interface DuckDbEngine {
  kind: 'duckdb';
}

export interface ClickHouseEngine {
  kind: 'clickhouse';
  /** `http://host:port`, the HTTP interface of the server the URL names. */
  httpUrl: string;
  host: string;
  port: number;
  user: string;
  /** Non-enumerable: not printed by console.log, JSON.stringify or a spread. */
  password: string;
  database: string;
  cluster: string;
  /**
   * The HTTP address (`http://host:port`) of every server of the cluster, where given with
   * `&shards=host:port,host:port`; absent, each server of system.clusters is reached on the URL's
   * HTTP port. Loads and undos write to each shard's local tables in turn.
   */
  shards?: string[];
}

export type Engine = DuckDbEngine | ClickHouseEngine;

const FORMAT = '`duckdb` or `clickhouse://user:password@host:port/database?cluster=NAME`';
const ENCODE_HINT =
  'percent-encode special characters of the user name and password (@ : / ? # % as %40 %3A %2F %3F %23 %25)';

const identifier = (what: string) =>
  z
    .string({ error: `missing (${what})` })
    .min(1, `missing (${what})`)
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be letters, digits and _, not starting with a digit');

/** The parts of a clickhouse:// URL, checked; each message names the part, never its value. */
const partsSchema = z.object({
  host: z.string().min(1, 'missing'),
  port: z.number().int().min(1, 'must be 1 to 65535').max(65535, 'must be 1 to 65535'),
  user: z.string(),
  password: z.string(),
  database: identifier('the path of the URL: /database'),
  cluster: identifier('?cluster=NAME, once'),
  shards: z
    .array(
      z
        .string()
        .regex(
          /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/,
          'must be host:port, comma-separated',
        ),
    )
    .optional(),
  options: z
    .array(z.string())
    .refine((keys) => keys.length === 0, { error: 'only `cluster` and `shards` are understood' }),
  fragment: z.literal('', {
    error: 'a # ends the URL early (write a # in the password as %23)',
  }),
});

function invalid(problem: string, problems: Problem[] = []) {
  return new OrderlensError(
    `ORDERLENS_ENGINE ${problem}. It must be ${FORMAT}.`,
    'invalid_engine',
    problems,
  );
}

/** Percent-decoding that reports a bad escape instead of throwing URIError (whose text has the input). */
function decode(text: string, what: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw invalid(`has a ${what} that is not valid percent-encoding (${ENCODE_HINT})`);
  }
}

/** Parse an engine setting. Absent, empty or `duckdb` → the embedded engine. */
export function parseEngineUrl(value: string | undefined): Engine {
  const text = value?.trim() ?? '';
  if (text === '' || text.toLowerCase() === 'duckdb') return { kind: 'duckdb' };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1]?.toLowerCase();
  if (scheme !== 'clickhouse') {
    // The scheme of a URL is safe to name; anything else may be a password typed in the wrong place.
    throw invalid(scheme ? `is a ${scheme}: URL, not a clickhouse:// one` : 'is not a URL');
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    // Node's message would repeat the input, password included.
    throw invalid(`is not a valid URL (${ENCODE_HINT})`);
  }
  if (!text.toLowerCase().startsWith('clickhouse://'))
    throw invalid('lacks the // after clickhouse:');
  const keys = [...url.searchParams.keys()];
  const parsed = partsSchema.safeParse({
    host: url.hostname,
    port: url.port === '' ? DEFAULT_HTTP_PORT : Number(url.port),
    user: url.username === '' ? 'default' : decode(url.username, 'user name'),
    password: decode(url.password, 'password'),
    database: decode(url.pathname.replace(/^\//, ''), 'database'),
    cluster:
      keys.filter((k) => k === 'cluster').length === 1
        ? url.searchParams.get('cluster')
        : undefined,
    shards: shardsOf(url.searchParams.getAll('shards')),
    options: keys.filter((k) => k !== 'cluster' && k !== 'shards'),
    fragment: url.hash,
  });
  if (!parsed.success) {
    const problems = problemsOfZod(parsed.error);
    throw invalid(`is not a valid engine URL: ${problems.map(lineOf).join('; ')}`, problems);
  }
  const { host, port, user, password, database, cluster, shards } = parsed.data;
  return withPassword(
    {
      kind: 'clickhouse',
      httpUrl: `http://${host}:${port}`,
      host,
      port,
      user,
      database,
      cluster,
      ...(shards ? { shards: shards.map((s) => `http://${s}`) } : {}),
    },
    password,
  );
}

/** `shards=a:1,b:2` (given once) as its addresses; given twice, a list the schema refuses. */
function shardsOf(values: string[]): string[] | undefined {
  if (values.length === 0) return undefined;
  if (values.length > 1) return ['given more than once'];
  return values[0]!.split(',').map((s) => s.trim());
}

/** An engine with its password attached as a non-enumerable property (see the header). */
export function withPassword(
  engine: Omit<ClickHouseEngine, 'password'>,
  password: string,
): ClickHouseEngine {
  const out = { ...engine } as ClickHouseEngine;
  Object.defineProperty(out, 'password', { value: password, enumerable: false });
  return Object.freeze(out);
}

/** The engine for logs, the ledger and `--help`: the password masked. */
export function describeEngine(engine: Engine | string | undefined): string {
  const parsed = typeof engine === 'object' ? engine : parseEngineUrl(engine);
  if (parsed.kind === 'duckdb') return 'duckdb (embedded database file)';
  const secret = parsed.password === '' ? '' : ':***';
  const { host, port, database, cluster, shards } = parsed;
  const list = shards ? `&shards=${shards.map((s) => s.replace(/^http:\/\//, '')).join(',')}` : '';
  return `clickhouse://${encodeURIComponent(parsed.user)}${secret}@${host}:${port}/${database}?cluster=${cluster}${list}`;
}
