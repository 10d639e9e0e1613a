import 'server-only';
/**
 * The embedded DuckDB: one instance per database file per process (DuckDBInstance.fromCache), a
 * serialised writer for transactions, and helpers that return plain JS objects (no BigInt, no
 * DuckDB value classes) so results can cross into React props and JSON.
 */
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { toUserError } from '@/lib/errors';
import { migrate } from './migrations';
import { quoteLiteral } from './sql';

export type Params = DuckDBValue[] | Record<string, DuckDBValue>;
export type Row = Record<string, unknown>;

export interface OpenOptions {
  /** DuckDB memory limit, e.g. '4GB'. */
  memoryLimit?: string;
  threads?: number;
  /** DuckDB's spill folder (temp_directory). */
  tempDirectory?: string;
  /** Cap on the spill folder (max_temp_directory_size), e.g. '20GB'. */
  maxTempSize?: string;
  /**
   * Lock the instance down (the web server's database): DuckDB may read and write files only in
   * these folders; external access, extension install and autoload are off; then the
   * configuration is locked, so no statement can undo any of it.
   */
  allowedDirectories?: string[];
  /** Single files DuckDB may also read or write under the lockdown (the CLI's extract, its rejects file). */
  allowedPaths?: string[];
}

const READ_ONLY = /^\s*(SELECT|WITH|FROM|DESCRIBE|SHOW|PRAGMA|EXPLAIN|SUMMARIZE)\b/i;

/** The statements a unit of work on the side connection may run (Database.beside). */
/**
 * What a change of the loaded data touched: the orders whose rows it wrote, replaced or removed,
 * listed (distinct `order_id`) in a temporary table of the writer's connection.
 */
export interface DataChange {
  touchedOrders: string;
}

export interface SideWriter {
  run(sql: string, params?: Params): Promise<number>;
  all<R extends Row = Row>(sql: string, params?: Params): Promise<R[]>;
}

export class Database {
  private writeQueue: Promise<unknown> = Promise.resolve();
  /**
   * Bumped by every statement that may write, on the one writer connection. One process writes a
   * database file, so while this number stands still, nothing in the file has changed.
   */
  private generation = 0;
  private memos = new Map<string, { generation: number; value: Promise<unknown> }>();
  private sharedState = new Map<string, unknown>();

  constructor(
    readonly file: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /**
   * State kept with this database under a name, made on first use: caches, the facts' listener,
   * a warm-up in progress. Not in module variables: the server loads a module once per bundle
   * (instrumentation, pages, each route handler) but shares one Database per file, so state kept
   * in a module is repeated per bundle (listeners registered again, caches computed again).
   */
  shared<T>(name: string, create: () => T): T {
    if (!this.sharedState.has(name)) this.sharedState.set(name, create());
    return this.sharedState.get(name) as T;
  }

  /** Run a statement; returns the number of rows changed where DuckDB reports it. */
  async run(sql: string, params?: Params): Promise<number> {
    // Before and after: a memo begun while the statement runs may have read either side of it.
    this.generation++;
    try {
      const result = await this.connection.run(...compactParams(sql, params));
      return Number(result.rowsChanged);
    } finally {
      this.generation++;
    }
  }

  /**
   * A value derived from the database, computed once and reused until something is written (the
   * per-request questions of a dashboard: data version, band sets, targets).
   */
  memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.memos.get(key);
    if (hit && hit.generation === this.generation) return hit.value as Promise<T>;
    const generation = this.generation;
    const value = compute();
    this.memos.set(key, { generation, value });
    value.catch(() => this.memos.delete(key));
    return value;
  }

  private dataListeners: ((tx: Database, change?: DataChange) => Promise<unknown>)[] = [];
  private committedListeners: (() => void)[] = [];
  /** Inside inTransaction: whether the open transaction changed the loaded data. */
  private transaction_?: { dataChanged: boolean };

  /**
   * What must go with every change of the loaded data (the KPI facts' rebuild), in the same
   * transaction: given by the composition root, so that lib/ingest need not know the KPI engine.
   */
  onDataChange(listener: (tx: Database, change?: DataChange) => Promise<unknown>): void {
    this.dataListeners.push(listener);
  }

  /**
   * Called by a load, an undo or a removal at the end of its transaction, before it commits:
   * readers then see the old data with the old facts, or the new with the new, never a mix. A
   * listener's failure fails the change, which rolls back whole. A change that knows which orders
   * it touched says so (`change`); without it, everything may have changed.
   */
  async dataChanged(change?: DataChange): Promise<void> {
    for (const listener of this.dataListeners) await listener(this, change);
    if (this.transaction_) this.transaction_.dataChanged = true;
    else this.dataCommitted();
  }

  /**
   * Told once a change of the loaded data is committed (never for one rolled back): for work that
   * readers would otherwise wait for, such as computing the first views again. Listeners run
   * after the commit and must not throw; what they start runs beside the next writer.
   */
  onDataCommitted(listener: () => void): void {
    this.committedListeners.push(listener);
  }

  private dataCommitted() {
    for (const listener of this.committedListeners) listener();
  }

  private sideConnection?: Promise<DuckDBConnection>;
  private sideQueue: Promise<unknown> = Promise.resolve();

  /**
   * Writes on a connection of their own, each statement committed at once: sign-ins, sessions and
   * the audit log must neither wait behind a long load on the writer connection nor join its
   * transaction (a failed load rolls back; its audit entry must stay). Units of work given to
   * beside() run one at a time, so one may read what it is about to extend (the audit chain).
   */
  async beside<T>(fn: (side: SideWriter) => Promise<T>): Promise<T> {
    this.sideConnection ??= this.instance.connect();
    const connection = await this.sideConnection;
    const side: SideWriter = {
      run: async (sql, params) => {
        this.generation++;
        try {
          return Number((await connection.run(...compactParams(sql, params))).rowsChanged);
        } finally {
          this.generation++;
        }
      },
      all: async <R extends Row = Row>(sql: string, params?: Params) => {
        const reader = await connection.runAndReadAll(...compactParams(sql, params));
        return reader.getRowObjectsJS().map((row) => toPlainRow(row) as R);
      },
    };
    const task = this.sideQueue.then(() => fn(side));
    this.sideQueue = task.catch(() => undefined);
    return task;
  }

  /** Rows as plain objects. */
  async all<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    if (!READ_ONLY.test(sql)) this.generation++;
    const reader = await this.connection.runAndReadAll(...compactParams(sql, params));
    return reader.getRowObjectsJS().map((row) => toPlainRow(row) as T);
  }

  /**
   * Rows of a SELECT as arrays of DuckDB's JS values (Date, bigint, number, boolean, string, null)
   * in batches of about `batchRows`, streamed on the writer connection (so its temporary tables
   * are seen): for handing rows to another engine's encoder without an object per row. Call only
   * inside exclusive(), and run no other statement on this database until the stream ends.
   */
  async *streamRowArrays(sql: string, batchRows: number): AsyncGenerator<unknown[][]> {
    const result = await this.connection.stream(sql);
    let batch: unknown[][] = [];
    for await (const rows of result.yieldRowsJs()) {
      batch = batch.length === 0 ? (rows as unknown[][]) : batch.concat(rows as unknown[][]);
      if (batch.length >= batchRows) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** The first row, or undefined. */
  async one<T extends Row = Row>(sql: string, params?: Params): Promise<T | undefined> {
    return (await this.all<T>(sql, params))[0];
  }

  /**
   * Rows read on a separate connection, so readers never see a load's uncommitted work and never
   * wait for the writer queue. DuckDB runs connections of one instance concurrently.
   */
  async read<T extends Row = Row>(sql: string, params?: Params): Promise<T[]> {
    this.readers ??= Array.from({ length: 2 }, () => this.instance.connect());
    const connection = await this.readers[this.nextReader++ % this.readers.length]!;
    const reader = await connection.runAndReadAll(...compactParams(sql, params));
    return reader.getRowObjectsJS().map((row) => toPlainRow(row) as T);
  }

  /**
   * Rows in chunks as DuckDB produces them, on a connection of their own (a streaming result
   * holds its connection until read to the end), for exports of any length in bounded memory.
   */
  async *stream<T extends Row = Row>(sql: string, params?: Params): AsyncGenerator<T[]> {
    const connection = await this.instance.connect();
    try {
      const result = await connection.stream(...compactParams(sql, params));
      for await (const rows of result.yieldRowObjectJs()) yield rows.map((r) => toPlainRow(r) as T);
    } finally {
      connection.closeSync();
    }
  }

  private readers?: Promise<DuckDBConnection>[];
  private nextReader = 0;

  /** A fresh connection on the same instance, for readers running beside the writer. */
  async connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  /**
   * Run fn inside one transaction: it commits whole or rolls back whole. Writers in this process
   * are serialised so a load never interleaves with another load on the shared connection.
   */
  async transaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    return this.exclusive(() => this.inTransaction(fn));
  }

  /** A transaction on the writer connection; call only from inside exclusive(). */
  async inTransaction<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    await this.connection.run('BEGIN TRANSACTION');
    const transaction = (this.transaction_ = { dataChanged: false });
    try {
      const value = await fn(this);
      await this.connection.run('COMMIT');
      this.generation++; // readers see the committed work from here on
      this.transaction_ = undefined;
      if (transaction.dataChanged) this.dataCommitted();
      return value;
    } catch (error) {
      this.transaction_ = undefined;
      await this.connection.run('ROLLBACK').catch(() => undefined);
      this.generation++;
      throw error;
    }
  }

  /** Serialise a unit of work with the writers without opening a transaction (staging, reports). */
  async exclusive<T>(fn: (db: Database) => Promise<T>): Promise<T> {
    const task = this.writeQueue.then(() => fn(this));
    this.writeQueue = task.catch(() => undefined);
    return task;
  }

  close(): void {
    this.connection.closeSync();
  }

  /**
   * Close every connection this object opened (writer, readers, the side connection). DuckDB keeps
   * a database file open, and locked, while any connection to it lives: whoever closes the
   * instance to free the file for another process must close these first.
   */
  async closeConnections(): Promise<void> {
    const others = [...(this.readers ?? []), ...(this.sideConnection ? [this.sideConnection] : [])];
    for (const connection of others) (await connection).closeSync();
    this.readers = undefined;
    this.sideConnection = undefined;
    this.connection.closeSync();
  }

  /** Close every connection, then the instance itself (see closeDatabase). */
  async closeInstance(): Promise<void> {
    await this.closeConnections();
    this.instance.closeSync();
  }
}

/**
 * One Database per file per process, shared through globalThis: the server loads this module once
 * per bundle (instrumentation, pages, route handlers), while DuckDB's instance cache is per
 * process. A second Database on the same instance would re-apply settings the lockdown has made
 * final, and would not see the first one's writes in its memos.
 */
const open: Map<string, Promise<Database>> = ((
  globalThis as { orderlensDatabases?: Map<string, Promise<Database>> }
).orderlensDatabases ??= new Map());

/**
 * Close a database and its instance, and forget it, so the next open starts afresh: a CLI command
 * locks its instance down to the files it was given, and the next command run in the same process
 * (the tests) names other files.
 */
export async function closeDatabase(db: Database): Promise<void> {
  const key = db.file === ':memory:' ? db.file : path.resolve(db.file);
  if (open.get(key) && (await open.get(key)) === db) open.delete(key);
  await db.closeInstance();
}

/** Open (or reuse) the database file, creating its folder, applying settings and migrations. */
export function openDatabase(file: string, options: OpenOptions = {}): Promise<Database> {
  const key = file === ':memory:' ? file : path.resolve(file);
  let pending = open.get(key);
  if (!pending) {
    pending = createDatabase(key, options);
    open.set(key, pending);
    pending.catch(() => open.delete(key));
  }
  return pending;
}

/** An isolated in-memory database (tests, scratch work). */
export async function openMemoryDatabase(options: OpenOptions = {}): Promise<Database> {
  const instance = await DuckDBInstance.create(':memory:');
  return prepare(':memory:', instance, options);
}

async function createDatabase(file: string, options: OpenOptions): Promise<Database> {
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.fromCache(file);
  } catch (error) {
    throw toUserError(error, 'Opening the database');
  }
  return prepare(file, instance, options);
}

async function prepare(file: string, instance: DuckDBInstance, options: OpenOptions) {
  const connection = await instance.connect();
  const db = new Database(file, instance, connection);
  const locked = await db.one<{ locked: boolean }>(
    "SELECT current_setting('lock_configuration') AS locked",
  );
  // Already configured and locked by an earlier open of this instance: its settings stand.
  if (locked?.locked) return db;
  await db.run("SET TimeZone = 'UTC'");
  if (options.memoryLimit)
    await db.run(`SET memory_limit = '${sanitizeSize(options.memoryLimit)}'`);
  if (options.threads) await db.run(`SET threads = ${Math.max(1, Math.floor(options.threads))}`);
  if (options.tempDirectory)
    await db.run(`SET temp_directory = ${quoteLiteral(options.tempDirectory)}`);
  if (options.maxTempSize)
    await db.run(`SET max_temp_directory_size = '${sanitizeSize(options.maxTempSize)}'`);
  await migrate(db);
  if (options.allowedDirectories)
    await lockDown(db, options.allowedDirectories, options.allowedPaths ?? []);
  return db;
}

/**
 * The settings are global and, once lock_configuration is on, final for the instance. DuckDB's own
 * files (the database, its WAL, the spill folder) are not subject to allowed_directories. Every
 * SET must therefore come before this; TimeZone above is global too, so reader connections share it.
 */
async function lockDown(db: Database, directories: string[], files: string[]) {
  for (const dir of directories) mkdirSync(dir, { recursive: true });
  // A trailing separator, so that /data/uploads does not also allow /data/uploads-old.
  const list = directories.map((d) => quoteLiteral(path.resolve(d) + path.sep)).join(', ');
  await db.run(`SET allowed_directories = [${list}]`);
  if (files.length > 0) {
    const paths = files.map((f) => quoteLiteral(path.resolve(f))).join(', ');
    await db.run(`SET allowed_paths = [${paths}]`);
  }
  await db.run('SET enable_external_access = false');
  await db.run('SET autoinstall_known_extensions = false');
  await db.run('SET autoload_known_extensions = false');
  await db.run('SET lock_configuration = true');
}

function sanitizeSize(size: string): string {
  if (!/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(size)) throw new Error('invalid size');
  return size;
}

/**
 * Statements are composed from fragments that share one parameter list; DuckDB refuses a list
 * with parameters the statement does not use, so keep only the referenced ones, renumbered.
 */
export function compactParams(sql: string, params?: Params): [string, Params | undefined] {
  if (!Array.isArray(params) || params.length === 0) return [sql, params];
  const used = [...new Set([...sql.matchAll(/\$(\d+)\b/g)].map((m) => Number(m[1])))].sort(
    (a, b) => a - b,
  );
  if (used.length === params.length && used.at(-1) === params.length) return [sql, params];
  const index = new Map(used.map((n, i) => [n, i + 1]));
  const text = sql.replace(/\$(\d+)\b/g, (_, n: string) => `$${index.get(Number(n))}`);
  return [text, used.map((n) => params[n - 1] as DuckDBValue)];
}

/** BigInt → number, DuckDB temporal values → ISO strings, decimals → number. */
export function toPlainRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = toPlainValue(value);
  return out;
}

function toPlainValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlainValue);
  if (typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto === Object.prototype) return toPlainRow(value as Record<string, unknown>);
    return String(value);
  }
  return value;
}
