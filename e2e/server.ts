/**
 * Start the built app (npm start: builds first if the sources changed) on a free loopback port
 * over a fresh database, for browser tests; stop it afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '@/test/free-port';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface RunningApp {
  url: string;
  databaseFile: string;
  /** The process group of the app (scripts/start.mjs and the Next server it spawned). */
  pid: number;
  stop: () => Promise<void>;
  /** What the app has printed so far (stdout and stderr). */
  log: () => string;
  /** kill -9 of the whole process tree; resolves once no process of the group is left. */
  kill: () => Promise<void>;
}

export async function startApp(
  options: {
    demo?: boolean;
    timeoutMs?: number;
    databaseFile?: string;
    /** More environment for the app, e.g. ORDERLENS_DATA_DIR for its uploads and work files. */
    env?: Record<string, string>;
  } = {},
): Promise<RunningApp> {
  const port = await freePort();
  const databaseFile =
    options.databaseFile ??
    path.join(mkdtempSync(path.join(os.tmpdir(), 'orderlens-e2e-')), 'e2e.duckdb');
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ORDERLENS_DB: databaseFile,
      ORDERLENS_NO_DEMO: options.demo ? '0' : '1',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 900_000);
  const group = -child.pid!;
  const signal = (name: NodeJS.Signals | 0) => {
    try {
      process.kill(group, name);
      return true;
    } catch {
      return false; // no process of the group is left
    }
  };
  /** Whether the whole group is gone within ms (signal 0 reaches none of its processes). */
  const gone = async (ms: number) => {
    const until = Date.now() + ms;
    while (signal(0)) {
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return true;
  };
  // Stopped means gone, so that the database file is free for the next start.
  const stop = async () => {
    if (signal('SIGTERM') && !(await gone(15_000))) {
      signal('SIGKILL');
      await gone(15_000);
    }
  };
  const kill = async () => {
    signal('SIGKILL');
    if (!(await gone(30_000)))
      throw new Error(`the app's processes (group ${child.pid}) did not die`);
  };
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`the app exited (${child.exitCode}):\n${output.slice(-3000)}`);
    const ok = await fetch(url)
      .then((r) => r.status < 500)
      .catch(() => false);
    if (ok) return { url, databaseFile, pid: child.pid!, stop, kill, log: () => output };
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  await stop();
  throw new Error(`the app did not start within the time limit:\n${output.slice(-3000)}`);
}
