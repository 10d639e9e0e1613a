import 'server-only';
/**
 * Where the inbox is and who hears of a file it could not load. ORDERLENS_INBOX names the folder
 * for the whole installation and wins; otherwise an admin sets it on /data. The folder must exist
 * and be a folder of its own: every file placed in it is taken (loaded, or moved to failed/).
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { config } from '@/lib/config';
import type { Database } from '@/lib/db/database';
import { isInside, recipientsSchema } from '@/lib/delivery/subscriptions';
import { OrderlensError } from '@/lib/errors';
import { putSetting, readSettings, removeSetting } from '@/lib/settings/store';

export interface InboxSettings {
  /** The folder, absolute; null when no inbox is set. */
  folder: string | null;
  /** Where the folder comes from: the environment (not changeable on the page) or the setting. */
  source: 'environment' | 'setting' | null;
  /** Mailed (and listed on /alerts) when a file fails. */
  notify: string[];
}

const FOLDER = 'inbox.folder';
const NOTIFY = 'inbox.notify';

export async function readInboxSettings(db: Database): Promise<InboxSettings> {
  const settings = await readSettings(db, [FOLDER, NOTIFY]);
  const fromEnv = config().inboxDir;
  const saved = settings.get(FOLDER);
  const notify = settings.get(NOTIFY);
  return {
    folder: fromEnv ?? saved ?? null,
    source: fromEnv ? 'environment' : saved ? 'setting' : null,
    notify: notify ? (JSON.parse(notify) as string[]) : [],
  };
}

/** Set the inbox folder (an existing folder, absolute), or clear it with null. */
export async function setInboxFolder(
  db: Database,
  folder: string | null,
  by?: string,
): Promise<InboxSettings> {
  if (config().inboxDir) {
    throw new OrderlensError(
      'The inbox is set by ORDERLENS_INBOX on the server; change it there.',
      'invalid_setting',
    );
  }
  if (folder === null || folder.trim() === '') {
    await removeSetting(db, FOLDER);
  } else {
    await putSetting(db, FOLDER, await checkedFolder(folder.trim()), by);
  }
  return readInboxSettings(db);
}

export async function setInboxNotify(
  db: Database,
  recipients: unknown,
  by?: string,
): Promise<InboxSettings> {
  const parsed = recipientsSchema.safeParse(recipients);
  if (!parsed.success) {
    const list = Array.isArray(recipients) ? recipients : [];
    const problems = parsed.error.issues.map((issue) => {
      const address = typeof issue.path[0] === 'number' ? list[issue.path[0]] : undefined;
      return address === undefined ? issue.message : `“${String(address)}”: ${issue.message}`;
    });
    throw new OrderlensError(
      `The addresses to notify are not valid: ${problems.join('; ')}.`,
      'invalid_setting',
    );
  }
  await (parsed.data.length
    ? putSetting(db, NOTIFY, JSON.stringify(parsed.data), by)
    : removeSetting(db, NOTIFY));
  return readInboxSettings(db);
}

const folderSchema = z
  .string()
  .max(1000)
  .refine((f) => path.isAbsolute(f), 'the inbox is an absolute path, such as /srv/orderlens/inbox')
  .refine((f) => path.resolve(f) !== path.parse(path.resolve(f)).root, 'not the root folder')
  .refine((f) => !/[\p{Cc}]/u.test(f), 'no control characters');

/** The folder, resolved, once it is known to be a folder apart from the database's own. */
async function checkedFolder(folder: string): Promise<string> {
  const parsed = folderSchema.safeParse(folder);
  if (!parsed.success) {
    throw new OrderlensError(
      `The inbox folder is not valid: ${parsed.error.issues[0]!.message}.`,
      'invalid_setting',
    );
  }
  const resolved = path.resolve(parsed.data);
  const { dataDir } = config();
  if (isInside(resolved, dataDir) || isInside(dataDir, resolved)) {
    throw new OrderlensError(
      'The inbox must be a folder of its own, apart from the folder of the database.',
      'invalid_setting',
    );
  }
  const info = await stat(resolved).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new OrderlensError(
      `There is no folder ${resolved} on the server; create it first.`,
      'invalid_setting',
    );
  }
  return resolved;
}
