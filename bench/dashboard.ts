/**
 * Dashboard under load: the scorecard (/api/kpis) and a KPI detail (/api/kpis/ID) of the built app
 * over a loaded database, with autocannon (20 concurrent clients, 30 s, loopback); against a bare
 * node:http server (another process) answering the same scorecard bytes, as the loopback ceiling.
 * Then the pages as a browser asks for them (the whole streamed HTML): `/`, a KPI, `/cycle-time`,
 * `/returns`, `/orders`, each quiet and again while replacing loads of the order lines run one
 * after another through the upload API (goal: p95 ≤ 300 ms quiet, ≤ 2 × that during loads).
 *   npx tsx --conditions=react-server bench/dashboard.ts [--quick] [--sizes 1M]
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalMapping } from '@/lib/demo';
import { cacheDir, parseBenchArgs, printTable, round, sizeLabel, writeResult } from './helpers';
import { ensureChangedLines, ensureDatabase } from './inputs';
import { freePort } from '@/test/free-port';
import { postUpload, startServer } from './server';

const CONNECTIONS = 20;
const DETAIL_KPI = 'order_shipment_cycle_time';
const PAGES = ['/', `/kpis/${DETAIL_KPI}`, '/cycle-time', '/returns', '/orders'];

/**
 * Writes through the API one after another until stopped: a replacing load of the order lines
 * (one line in ten changed) through the upload wizard's routes, then its undo, in turn (a load of
 * the same content again would be refused as already loaded). Both rebuild the KPI facts.
 */
function loadsInTurn(url: string, file: string) {
  let running = true;
  const durations: number[] = [];
  const headers = { origin: new URL(url).origin, 'content-type': 'application/json' };
  const post = async (route: string, body: unknown) => {
    const response = await fetch(url + route, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
    const answer = (await response.json()) as {
      status?: string;
      message?: string;
      loadId?: number;
    };
    if (!response.ok) throw new Error(`${route} during the bench: ${answer.message}`);
    return answer;
  };
  const loop = (async () => {
    while (running) {
      const started = performance.now();
      const { id } = (await postUpload(url, file)).body as { id: string };
      const report = await post(`/api/uploads/${id}/load`, {
        mapping: canonicalMapping('order_lines'),
      });
      if (report.status !== 'loaded') throw new Error(`load during the bench: ${report.message}`);
      durations.push(performance.now() - started);
      const undoStarted = performance.now();
      await post(`/api/loads/${report.loadId}/undo`, {});
      durations.push(performance.now() - undoStarted);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return { writes: durations.length, meanWriteMs: round(mean(durations), 0) };
    },
  };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(values.length, 1);

/** autocannon against url; latency percentiles from every response (autocannon has no p95). */
async function load(url: string, seconds: number) {
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      { url, connections: CONNECTIONS, duration: seconds },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
  latencies.sort((a, b) => a - b);
  const at = (p: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN, 1);
  return {
    requests: result.requests.total,
    requestsPerSecond: round(result.requests.total / seconds, 1),
    p50Ms: at(0.5),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

/** A bare node:http server in a child process answering body to every request. */
async function startBare(body: string, dir: string) {
  const port = await freePort();
  const bodyFile = path.join(dir, 'bare-body.json');
  writeFileSync(bodyFile, body);
  const script = `const b=require('fs').readFileSync(${JSON.stringify(bodyFile)});require('http').createServer((q,r)=>r.writeHead(200,{'content-type':'application/json'}).end(b)).listen(${port},'127.0.0.1',()=>console.log('up'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return { url: `http://127.0.0.1:${port}/`, stop: () => child.kill('SIGTERM') };
}

const args = parseBenchArgs();
const seconds = args.quick ? 5 : 30;
const lines = args.sizes[0]!;
const loaded = await ensureDatabase(lines, args.seed);
const dataDir = path.join(cacheDir, `dashboard-data-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
const dbFile = path.join(dataDir, 'dashboard.duckdb');
copyFileSync(loaded.file, dbFile);
if (existsSync(`${loaded.file}.wal`)) copyFileSync(`${loaded.file}.wal`, `${dbFile}.wal`);
const server = await startServer(dbFile, dataDir);
const rows = [];
const pages: Record<string, unknown>[] = [];
try {
  const endpoints = { scorecard: '/api/kpis', kpiDetail: `/api/kpis/${DETAIL_KPI}` };
  let scorecardBody = '';
  for (const [name, route] of Object.entries(endpoints)) {
    const started = performance.now();
    const first = await fetch(server.url + route);
    const text = await first.text();
    if (first.status !== 200) throw new Error(`${route}: ${first.status} ${text.slice(0, 300)}`);
    if (name === 'scorecard') scorecardBody = text;
    const firstMs = round(performance.now() - started, 0);
    rows.push({
      endpoint: route,
      lines: loaded.lines,
      firstRequestMs: firstMs,
      ...(await load(server.url + route, seconds)),
    });
  }
  for (const page of PAGES) {
    const quiet = await load(server.url + page, seconds);
    const loads = loadsInTurn(server.url, await ensureChangedLines(lines, args.seed, 'csv'));
    const during = await load(server.url + page, seconds);
    const loaded = await loads.stop();
    pages.push({
      page,
      quietP50Ms: quiet.p50Ms,
      quietP95Ms: quiet.p95Ms,
      quietErrors: quiet.errors,
      quietRequests: quiet.requests,
      duringLoadsP95Ms: during.p95Ms,
      duringLoadsErrors: during.errors,
      ratioDuringToQuiet: round(during.p95Ms / quiet.p95Ms),
      ...loaded,
    });
  }
  const bare = await startBare(scorecardBody, dataDir);
  try {
    rows.push({
      endpoint: 'bare node:http, same bytes',
      lines: null,
      firstRequestMs: null,
      ...(await load(bare.url, seconds)),
    });
  } finally {
    bare.stop();
  }
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
const bareRow = rows.at(-1)!;
const results = rows.map((r) => ({
  ...r,
  p95ToBare: round(r.p95Ms / bareRow.p95Ms),
  rpsToBare: round(r.requestsPerSecond / bareRow.requestsPerSecond),
}));
console.log(`[bench] ${sizeLabel(lines)} lines, ${CONNECTIONS} clients, ${seconds} s per endpoint`);
printTable(results);
printTable(pages);
writeResult('dashboard', args, {
  connections: CONNECTIONS,
  seconds,
  targetP95MsUnder: 150,
  endpoints: results,
  pages: { targetP95MsAtMost: 300, targetDuringLoadsAtMostTimesQuiet: 2, results: pages },
});
