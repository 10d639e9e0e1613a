import 'server-only';
/**
 * The server watches the inbox while it runs: a pass when the folder changes (fs.watch, debounced
 * until a sender has finished writing) and every poll interval besides, since a network share or
 * a sync client may change files without telling. The folder is read from the settings at each
 * pass, so setting it on /data takes effect without a restart. Failures go to the server log.
 */
import { watch, type FSWatcher } from 'node:fs';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { SETTLE_MS } from './inbox';
import { checkInbox } from './service';
import { readInboxSettings } from './settings';

export interface InboxWatcher {
  /** One pass now (also what the timer and the watcher call). */
  check(): Promise<void>;
  stop(): void;
}

const started = new WeakMap<Database, InboxWatcher>();

export function startInboxWatcher(
  db: Database,
  options: { workDir: string; pollMs: number },
): InboxWatcher {
  const existing = started.get(db);
  if (existing) return existing;
  let watched: { folder: string; watcher: FSWatcher } | undefined;
  let checking: Promise<void> | undefined;
  let again = false;
  let debounce: NodeJS.Timeout | undefined;

  const follow = (folder: string | null) => {
    if (watched?.folder === folder) return;
    watched?.watcher.close();
    watched = undefined;
    if (!folder) return;
    try {
      const watcher = watch(folder, () => {
        clearTimeout(debounce);
        // After the sender's last write has settled, so the pass takes the file, not waits.
        debounce = setTimeout(() => void check(), SETTLE_MS + 200);
        debounce.unref();
      });
      watcher.on('error', () => follow(null));
      watched = { folder, watcher };
    } catch {
      // A folder that cannot be watched is still polled.
    }
  };

  const pass = async () => {
    const { folder } = await readInboxSettings(db);
    follow(folder);
    if (!folder) return;
    try {
      const result = await checkInbox(db, { workDir: options.workDir });
      // A file still being written is taken by the next pass, soon.
      if (result.waiting.length > 0) {
        clearTimeout(debounce);
        debounce = setTimeout(() => void check(), SETTLE_MS + 200);
        debounce.unref();
      }
    } catch (error) {
      if (error instanceof OrderlensError) console.error(`[orderlens] inbox: ${error.message}`);
      else console.error('[orderlens] inbox pass failed:', error);
    }
  };

  const check = (): Promise<void> => {
    if (checking) {
      again = true;
      return checking;
    }
    checking = pass().finally(() => {
      checking = undefined;
      if (again) {
        again = false;
        void check();
      }
    });
    return checking;
  };

  const timer = setInterval(() => void check(), options.pollMs);
  timer.unref();
  void check();
  const watcher: InboxWatcher = {
    check,
    stop: () => {
      clearInterval(timer);
      clearTimeout(debounce);
      watched?.watcher.close();
      started.delete(db);
    },
  };
  started.set(db, watcher);
  return watcher;
}

export const inboxWatcherOf = (db: Database): InboxWatcher | undefined => started.get(db);
