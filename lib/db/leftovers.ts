import 'server-only';
/**
 * What a killed server leaves in its data folder, removed when the next one starts: the work
 * folders of previews, loads and the demo (nothing of this server runs yet, and they are never
 * reused), and upload files no upload can be loaded from (a body cut off before its sidecar, a
 * half-written sidecar, rejected rows of an upload that is gone, uploads past their day).
 * Uploads with a valid sidecar stay: the user can still load them. The ledger does not refer to
 * upload files (it keeps the name and content hash), so no finished load needs one.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { getUpload, isUploadId, pruneUploads, removeUpload } from '@/lib/ingest/read/uploads';

export interface LeftoverFolders {
  databaseFile: string;
  dataDir: string;
  uploadsDir: string;
  workDir: string;
}

export interface LeftoversRemoved {
  workFolders: number;
  uploadFiles: number;
  /** Why nothing was cleaned, when nothing was. */
  skipped?: string;
}

/** The prefixes of the work folders lib/ingest/read/stage, lib/ingest/load/preview and lib/demo make. */
const WORK_ENTRY = /^orderlens-/;
const UPLOAD_FILE = /^([a-z0-9-]{10,64})\.(bin|json|json\.tmp|rejects\.csv)$/;
const OWNER_FILE = '.orderlens-database';

/**
 * Clean the leftovers; call once the database is open (it holds the file's lock, so no other
 * server over it is running). A data folder another database has claimed (ORDERLENS_DATA_DIR
 * shared by two servers) is left alone: its work folders may belong to a load running there.
 */
export async function removeLeftovers(folders: LeftoverFolders): Promise<LeftoversRemoved> {
  const owner = await claimDataFolder(folders);
  if (owner !== folders.databaseFile)
    return {
      workFolders: 0,
      uploadFiles: 0,
      skipped: `the data folder also serves ${owner} (remove ${OWNER_FILE} there if it no longer does)`,
    };
  return {
    workFolders: await removeWorkFolders(folders.workDir),
    uploadFiles: await removeDeadUploads(folders.uploadsDir),
  };
}

/**
 * removeLeftovers once per process and database: the server loads this module once per bundle
 * (instrumentation, pages, route handlers), and a later bundle's first call must not take the
 * work folder of a load another bundle is running for its leftovers. Logs what it removed; never
 * fails the start.
 */
export function removeLeftoversAtStart(folders: LeftoverFolders): Promise<void> {
  const done = ((
    globalThis as { orderlensLeftovers?: Map<string, Promise<void>> }
  ).orderlensLeftovers ??= new Map());
  let cleaning = done.get(folders.databaseFile);
  if (!cleaning) done.set(folders.databaseFile, (cleaning = cleanAndLog(folders)));
  return cleaning;
}

async function cleanAndLog(folders: LeftoverFolders): Promise<void> {
  try {
    const removed = await removeLeftovers(folders);
    if (removed.skipped) console.warn(`[orderlens] leftover files not cleaned: ${removed.skipped}`);
    else if (removed.workFolders + removed.uploadFiles > 0)
      console.log(
        `[orderlens] removed ${removed.workFolders} work folders and ${removed.uploadFiles} upload files left by a stopped server`,
      );
  } catch (error) {
    console.error('[orderlens] leftover files could not be cleaned:', error);
  }
}

/** The database the data folder belongs to: the first that started over it. */
async function claimDataFolder({ dataDir, databaseFile }: LeftoverFolders): Promise<string> {
  const file = path.join(dataDir, OWNER_FILE);
  await mkdir(dataDir, { recursive: true });
  const recorded = await readFile(file, 'utf-8').then(
    (text) => text.trim(),
    () => '',
  );
  if (recorded) return recorded;
  await writeFile(file, databaseFile, { flag: 'wx' }).catch(() => undefined);
  return readFile(file, 'utf-8').then((text) => text.trim());
}

async function removeWorkFolders(workDir: string): Promise<number> {
  const names = await readdir(workDir).catch(() => [] as string[]);
  const stale = names.filter((name) => WORK_ENTRY.test(name));
  await Promise.all(
    stale.map((name) => rm(path.join(workDir, name), { recursive: true, force: true })),
  );
  return stale.length;
}

async function removeDeadUploads(uploadsDir: string): Promise<number> {
  let removed = await pruneUploads(undefined, uploadsDir);
  const names = await readdir(uploadsDir).catch(() => [] as string[]);
  const ids = new Set(names.flatMap((name) => UPLOAD_FILE.exec(name)?.[1] ?? []));
  for (const id of ids) {
    if (!isUploadId(id)) continue;
    const loadable = await getUpload(id, uploadsDir).then(
      () => true,
      () => false,
    );
    if (loadable) {
      // A sidecar rename cut short leaves its .tmp beside a whole upload.
      if (names.includes(`${id}.json.tmp`)) {
        await rm(path.join(uploadsDir, `${id}.json.tmp`), { force: true });
        removed++;
      }
      continue;
    }
    removed += names.filter((name) => UPLOAD_FILE.exec(name)?.[1] === id).length;
    await removeUpload(id, uploadsDir);
    await rm(path.join(uploadsDir, `${id}.json.tmp`), { force: true });
  }
  return removed;
}
