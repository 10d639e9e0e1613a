import 'server-only';
/**
 * The composition root of the web server's database: the configured file, opened once per process,
 * seeded with demo data the first time it starts empty (the quick start shows something real at
 * once), served by the KPI engine (its facts built now and after every change), then warmed.
 */
// First: the engine installs the catalogue that the modules below validate against.
import { engine } from './engine';
import { config } from '@/lib/config';
import { loadDemoData, isEmpty } from '@/lib/demo';
import { shippedBandSets } from '@/lib/benchmarks/shipped';
import { warmDefaultViews } from '@/lib/kpi/warm';
import { openDatabase, type Database } from '@/lib/db/database';
import { removeLeftoversAtStart } from '@/lib/db/leftovers';
import { describeEngine, parseEngineUrl } from '@/lib/clickhouse/engine-url';
import { OrderlensError } from '@/lib/errors';

/**
 * Prepared once per process and database file, through globalThis: the server loads this module once per bundle
 * (instrumentation, pages, each route handler), and each would otherwise open, clean up after a
 * killed server (while another bundle's load may be writing), attach and warm again.
 */
const prepared: Map<string, Promise<Database>> = ((
  globalThis as { orderlensServerDatabases?: Map<string, Promise<Database>> }
).orderlensServerDatabases ??= new Map());

export function getServerDatabase(): Promise<Database> {
  const file = config().databaseFile;
  let ready = prepared.get(file);
  if (!ready) {
    ready = prepare().catch((error: unknown) => {
      prepared.delete(file);
      throw error;
    });
    prepared.set(file, ready);
  }
  return ready;
}

async function prepare(): Promise<Database> {
  const settings = config();
  refuseClusterEngine(settings.engineSetting);
  const db = await openDatabase(settings.databaseFile, {
    memoryLimit: settings.memoryLimit,
    threads: settings.threads,
    tempDirectory: settings.tempDirectory,
    maxTempSize: settings.maxTempSize,
    allowedDirectories: settings.allowedDirectories,
  });
  // Once the database is open (its lock held): a killed server's leftovers cannot be in use.
  await removeLeftoversAtStart(settings);
  if (settings.seedDemo && (await isEmpty(db))) {
    const started = Date.now();
    // The demo's generated files go where the locked-down database may read them.
    await loadDemoData(db, { workDir: settings.workDir });
    console.log(`[orderlens] demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  shippedBandSets(); // a broken shipped band set stops the start, not a page
  await engine.attach(db);
  void warmDefaultViews(db);
  db.onDataCommitted(() => void warmDefaultViews(db));
  return db;
}

/**
 * The web app reads its KPIs from the embedded database; with ORDERLENS_ENGINE naming a ClickHouse
 * cluster it would show the embedded tables (demo or empty) as if they were the cluster's. Until
 * the catalogue runs there (issue 18), the server refuses to start on it and says so.
 */
function refuseClusterEngine(setting: string | undefined) {
  const engine = parseEngineUrl(setting);
  if (engine.kind === 'clickhouse')
    throw new OrderlensError(
      `ORDERLENS_ENGINE names a ClickHouse cluster (${describeEngine(engine)}); the web app does not read KPIs from ClickHouse yet: only orderlens ingest, loads and undo do. Start the server without ORDERLENS_ENGINE.`,
      'invalid_engine',
    );
}
