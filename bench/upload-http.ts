/**
 * Upload over HTTP: one large CSV posted as the raw body to POST /api/uploads of the running app,
 * timed, with the peak resident memory of the server's process tree sampled from /proc; against a
 * plain node:http server in this process that streams the same body to disk.
 *   npx tsx --conditions=react-server bench/upload-http.ts [--quick]
 */
import { createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  cacheDir,
  parseBenchArgs,
  printTable,
  round,
  sampleRss,
  time,
  writeResult,
} from './helpers';
import { ensureExtracts } from './inputs';
import { freePort } from '@/test/free-port';
import { postUpload, startServer } from './server';

const MiB = 1024 ** 2;

/** The same upload into a bare node:http server writing the body to a file (ms). */
async function bareUpload(file: string, dir: string): Promise<number> {
  const target = path.join(dir, 'bare-upload.bin');
  const server = createServer((request, response) => {
    pipeline(request, createWriteStream(target)).then(
      () => response.writeHead(201, { 'content-type': 'application/json' }).end('{}'),
      () => response.writeHead(500).end(),
    );
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { value, ms } = await time(() => postUpload(`http://127.0.0.1:${port}`, file));
  server.close();
  rmSync(target, { force: true });
  if (value.status !== 201) throw new Error(`bare upload: ${value.status}`);
  return ms;
}

const args = parseBenchArgs();
// Full mode: the shipments extract of the 10M-line set (1.1 GB); quick: that of 100k lines.
const file = ensureExtracts(args.quick ? 100_000 : 10_000_000, args.seed).file('shipments');
const size = statSync(file).size;
const dataDir = path.join(cacheDir, `upload-data-${process.pid}`);
mkdirSync(dataDir, { recursive: true });
const server = await startServer(path.join(dataDir, 'upload.duckdb'), dataDir);
try {
  // A small upload first, so the route is loaded before the idle memory is read.
  const warm = await postUpload(server.url, ensureExtracts(10_000, args.seed).file('returns'));
  if (warm.status !== 201)
    throw new Error(`warm-up upload: ${warm.status} ${JSON.stringify(warm.body)}`);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = sampleRss(server.pid).stop();
  const sampler = sampleRss(server.pid, 50);
  const upload = await time(() => postUpload(server.url, file));
  const peak = sampler.stop();
  if (upload.value.status !== 201)
    throw new Error(`upload: ${upload.value.status} ${JSON.stringify(upload.value.body)}`);
  const bareMs = await bareUpload(file, dataDir);
  const row = {
    fileMiB: round(size / MiB, 1),
    seconds: round(upload.ms / 1000),
    MiBPerSecond: round(size / MiB / (upload.ms / 1000), 1),
    bareNodeSeconds: round(bareMs / 1000),
    ratioToBare: round(upload.ms / bareMs),
    idleRssMiB: round(idle / MiB, 1),
    peakRssMiB: round(peak / MiB, 1),
    rssGrowthMiB: round((peak - idle) / MiB, 1),
    targetGrowthMiBUnder: 300,
  };
  printTable([row]);
  writeResult('upload-http', args, { file: path.basename(file), bytes: size, ...row });
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
