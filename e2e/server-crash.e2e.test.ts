/**
 * kill -9 of the web server during a load posted over HTTP. The built app (e2e/server.ts) holds a
 * database with earlier loads (a generated extract, loaded over HTTP); a large orders file is
 * uploaded and its load posted, and the app's whole process tree (scripts/start.mjs and the Next
 * server, one process group) is killed with SIGKILL:
 *   - at a random moment between posting the load and a little after an uninterrupted load would
 *     have answered (so the end of the load, its commit and its response are covered), or
 *   - as soon as the ledger (GET /api/loads, polled) shows the load: between its commit and the
 *     response reaching the client.
 * The app is then started again on the same file. It must open, and hold exactly one of two
 * states, by HTTP (ledger, two KPI values) and in the file itself (row counts, ledger, the KPIs):
 * the earlier loads alone, or the earlier loads plus the whole new load recorded once (equal to an
 * uninterrupted run). Never a part of the load, never a second ledger entry. A load the client saw
 * answered as loaded must be present.
 *
 * Needs the built app (scripts/start.mjs builds it when the sources changed, ~3-5 min the first
 * time). Bounded by default: 3 trials on a 30,000-order file (~5 MB). The recorded run:
 *   ORDERLENS_SERVER_CRASH_TRIALS=20 npx vitest run e2e/server-crash.e2e.test.ts
 */
import { mkdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalMapping } from '@/lib/demo';
import { generateExtracts } from '@/lib/generate';
import { canonicalTables } from '@/lib/model/canonical';
import {
  copyDatabase,
  crashKpis,
  presentSideFiles,
  readState,
  significant,
  type State,
} from '@/test/database-state';
import { ledger, load, scorecard, upload, type LoadOutcome } from './api';
import { startApp, type RunningApp } from './server';

const TRIALS = Number(process.env.ORDERLENS_SERVER_CRASH_TRIALS ?? 3);
const ORDERS = Number(process.env.ORDERLENS_SERVER_CRASH_ORDERS ?? 30_000);
const SEED = Number(process.env.ORDERLENS_SERVER_CRASH_SEED ?? Date.now() % 100_000);
const BIG_NAME = 'big-orders.csv';
/** A folder to keep each trial's database as the kill left it (for a post-mortem). */
const KEEP = process.env.ORDERLENS_SERVER_CRASH_KEEP;

/** What the running app answers: the ledger and the two KPIs. */
interface Served {
  loads: { id: number; status: string; file: string; rows: number }[];
  kpis: Record<string, number | null>;
}

let dir: string;
let env: Record<string, string>;
let pristine: string;
let bigFile: string;
let before: { state: State; served: Served };
let after: { state: State; served: Served };
let fullLoadMs: number;
const running = new Set<RunningApp>();

async function start(databaseFile: string): Promise<RunningApp> {
  const app = await startApp({ databaseFile, env, timeoutMs: 600_000 });
  running.add(app);
  return app;
}

async function stop(app: RunningApp, how: 'stop' | 'kill' = 'stop') {
  await (how === 'kill' ? app.kill() : app.stop());
  running.delete(app);
}

async function served(base: string): Promise<Served> {
  const loads = (await ledger(base)).map((l) => ({
    id: l.loadId,
    status: l.status,
    file: l.fileName,
    rows: l.rowsRead,
  }));
  const rows = await scorecard(base, crashKpis);
  return { loads, kpis: Object.fromEntries(rows.map((k) => [k.id, significant(k.value)])) };
}

function loadBig(base: string, id: string): Promise<LoadOutcome | 'dropped'> {
  return load(base, id, canonicalMapping('orders')).catch(() => 'dropped' as const);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-server-crash-'));
  // Uploads and work files of every app started here stay inside the temporary folder.
  env = { ORDERLENS_DATA_DIR: path.join(dir, 'data') };
  pristine = path.join(dir, 'pristine.duckdb');
  const base = await generateExtracts({ outDir: path.join(dir, 'base'), orders: 2000, seed: 7 });
  const big = await generateExtracts({ outDir: path.join(dir, 'big'), orders: ORDERS, seed: SEED });
  bigFile = big.files.find((f) => f.table === 'orders')!.path;

  // The earlier loads: four extracts over HTTP, like any upload.
  let app = await start(pristine);
  for (const table of canonicalTables) {
    const file = base.files.find((f) => f.table === table)!.path;
    const id = await upload(app.url, file, `base-${table}.csv`);
    const outcome = await load(app.url, id, canonicalMapping(table));
    expect(outcome.status, JSON.stringify(outcome.body)).toBe(200);
    expect(outcome.body.status).toBe('loaded');
  }
  const servedBefore = await served(app.url);
  await stop(app);
  before = { state: await readState(pristine), served: servedBefore };

  // An uninterrupted run: the only other state a trial may end in, and the window to kill within.
  const full = path.join(dir, 'full.duckdb');
  copyDatabase(pristine, full);
  app = await start(full);
  const id = await upload(app.url, bigFile, BIG_NAME);
  const started = performance.now();
  const outcome = await loadBig(app.url, id);
  fullLoadMs = performance.now() - started;
  expect(outcome).not.toBe('dropped');
  expect((outcome as LoadOutcome).body.status).toBe('loaded');
  const servedAfter = await served(app.url);
  await stop(app);
  after = { state: await readState(full), served: servedAfter };
  expect(after.state.loads).toHaveLength(before.state.loads.length + 1);
}, 1_200_000);

afterAll(async () => {
  for (const app of running) await app.kill().catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('kill -9 of the web server during a load posted over HTTP', () => {
  it(`survives ${TRIALS} kills of the server's process tree`, async () => {
    const tally = {
      random: 0,
      atLedger: 0,
      answered: 0,
      absent: 0,
      whole: 0,
      checkpointFiles: 0,
    };
    const moments: string[] = [];
    const trialDb = path.join(dir, 'trial.duckdb');
    // How long a load takes to commit on the machine as it is now (other work slows it down).
    let commitMs = fullLoadMs;
    for (let trial = 0; trial < TRIALS; trial++) {
      copyDatabase(pristine, trialDb);
      let app = await start(trialDb);
      const id = await upload(app.url, bigFile, BIG_NAME);
      // Every other trial waits for the ledger; the others kill at random, up to 15% past the end.
      const atLedger = trial % 2 === 1;
      const delay = Math.round(Math.random() * commitMs * 1.15);
      const started = performance.now();
      let answer: LoadOutcome | 'dropped' | undefined;
      let committedAt: number | undefined;
      let answeredAt: number | undefined;
      const pending = loadBig(app.url, id).then((outcome) => {
        answeredAt = performance.now() - started;
        answer = outcome;
      });
      if (atLedger) {
        const deadline = Date.now() + fullLoadMs * 3 + 60_000;
        while (Date.now() < deadline && answer === undefined) {
          const loads = await ledger(app.url).catch(() => []);
          if (loads.length > before.state.loads.length) {
            committedAt = performance.now() - started;
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      } else {
        await Promise.race([pending, new Promise((resolve) => setTimeout(resolve, delay))]);
        // An answer that came before the moment chosen: kill at the moment anyway (after the response).
        const left = delay - (performance.now() - started);
        if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
      }
      const killedAt = performance.now() - started;
      if (committedAt !== undefined) commitMs = committedAt;
      await stop(app, 'kill');
      await pending;
      const leftBehind = presentSideFiles(trialDb);
      if (KEEP) {
        mkdirSync(KEEP, { recursive: true });
        copyDatabase(trialDb, path.join(KEEP, `trial-${trial + 1}.duckdb`));
      }
      if (leftBehind.some((suffix) => suffix !== '.wal')) tally.checkpointFiles++;
      // A response before the kill is a whole answer: the load's report, never an error.
      const answered = answer !== 'dropped' && answer !== undefined;
      if (answered) expect((answer as LoadOutcome).body.status).toBe('loaded');
      tally[atLedger ? 'atLedger' : 'random']++;
      if (answered) tally.answered++;
      const label = `trial ${trial + 1}, ${atLedger ? 'at the ledger' : 'at random'}, killed at ${Math.round(killedAt)} ms (of ${Math.round(commitMs)} ms)${answered ? `, after the response at ${Math.round(answeredAt!)} ms` : ''}, left beside the file: ${leftBehind.join(' ') || 'nothing'}`;

      // The database opens: the app starts again on the same file and serves.
      app = await start(trialDb);
      const servedNow = await served(app.url);
      await stop(app);
      const state = await readState(trialDb);
      if (state.loads.length === before.state.loads.length) {
        expect(answered, `${label}: answered as loaded but absent`).toBe(false);
        expect(servedNow, label).toEqual(before.served);
        expect(state, label).toEqual(before.state);
        tally.absent++;
        moments.push(`${Math.round(killedAt)} ms absent`);
      } else {
        expect(servedNow, label).toEqual(after.served);
        expect(state, label).toEqual(after.state);
        tally.whole++;
        moments.push(`${Math.round(killedAt)} ms whole`);
      }
    }
    console.info(
      `[reliability] server crash: ${TRIALS} kill -9 of the app's process tree during a load over HTTP of ` +
        `${ORDERS} orders (${(statSync(bigFile).size / 1e6).toFixed(1)} MB, a ${(fullLoadMs / 1000).toFixed(1)} s load, seed ${SEED}): ` +
        `${tally.random} at random moments up to 15% past the end of a load (as long as the last one took to commit), ${tally.atLedger} as soon as the ledger showed the load; ` +
        `${tally.answered} after the client had the response; ${tally.checkpointFiles} left a WAL being checkpointed or recovered; app restarted on the file ${TRIALS}/${TRIALS}; ` +
        `earlier loads intact ${TRIALS}/${TRIALS} (${before.state.loads.length} loads, ${before.state.counts.orders} orders; ` +
        `counts, ledger and ${crashKpis.join(', ')} equal by HTTP and in the file); ` +
        `interrupted load absent ${tally.absent}, present whole and recorded once ${tally.whole}, partial 0, recorded twice 0 ` +
        `(${moments.join(', ')})`,
    );
  }, 3_600_000);
});
