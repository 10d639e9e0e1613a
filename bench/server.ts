/**
 * The built app for the HTTP benchmarks: `npm start` (scripts/start.mjs, which builds first when the
 * sources changed) on a free loopback port over a given database, stopped afterwards.
 */
import { spawn } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { rootDir } from './helpers';
import { freePort } from '@/test/free-port';

export interface RunningServer {
  url: string;
  /** The process group leader (scripts/start.mjs); its tree includes the Next server. */
  pid: number;
  stop: () => Promise<void>;
}

/** Start the app over databaseFile with its uploads under dataDir; resolves once it answers. */
export async function startServer(databaseFile: string, dataDir: string): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(rootDir, 'scripts', 'start.mjs')], {
    cwd: rootDir,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORDERLENS_DB: databaseFile,
      ORDERLENS_DATA_DIR: dataDir,
      ORDERLENS_NO_DEMO: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
  };
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      const how = child.exitCode ?? child.signalCode;
      throw new Error(`the app exited (${how}):\n${output.slice(-3000)}`);
    }
    const ok = await fetch(`${url}/api/loads`, { signal: AbortSignal.timeout(10_000) })
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return { url, pid: child.pid!, stop };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not start in time:\n${output.slice(-3000)}`);
}

/** POST a file as the raw body to /api/uploads; resolves with the response status and JSON. */
export async function postUpload(url: string, file: string) {
  const response = await fetch(`${url}/api/uploads`, {
    method: 'POST',
    headers: {
      origin: new URL(url).origin,
      'content-type': 'text/csv',
      'content-length': String(statSync(file).size),
      'x-file-name': encodeURIComponent(path.basename(file)),
    },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as unknown };
}
