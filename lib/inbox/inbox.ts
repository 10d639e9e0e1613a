import 'server-only';
/**
 * The inbox: a folder where an ERP job, a shared-drive sync or an SFTP drop leaves extracts. A
 * pass takes each file that has stopped growing, finds the saved profile it matches by its
 * headers, and loads it as the wizard would: a dry run first, then the load when the dry run is
 * clean or within the profile's allowance. The file then moves to done/ or failed/ inside the
 * inbox (kept inside, so an SFTP drop that may write only there needs nothing more), with a note
 * and its rejected rows beside a failure. Every outcome is recorded (inbox_files), audited, and a
 * load or refusal is in the ledger as any other. The loader reads a copy in the work folder, so
 * the file it hashed is the file it loaded whatever the sender does meanwhile, and a copy that
 * DuckDB's lockdown allows. A file already loaded (same content, same mapping) is not loaded again.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AuditEvent } from '@/lib/auth/audit';
import { loadAuditEvent, reasonOf } from '@/lib/auth/audit';
import type { Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { findSameContent } from '@/lib/ingest/load/ledger';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import { previewUpload } from '@/lib/ingest/load/preview';
import type { ReadingSettings } from '@/lib/ingest/load/load-options';
import {
  listProfiles,
  matchProfiles,
  type MappingProfile,
  type MatchedProfile,
} from '@/lib/ingest/load/profiles';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { hashFile } from '@/lib/ingest/read/source';
import type { MappingTarget } from '@/lib/model/canonical';
import { recordInboxFile, type InboxFile, type InboxOutcome } from './record';

export const DONE = 'done';
export const FAILED = 'failed';
/** A file changed this recently may still be being written: it waits for the next pass. */
export const SETTLE_MS = 2000;

export interface InboxContext {
  folder: string;
  /** A folder DuckDB may read: the file's copy and its rejects are made there. */
  workDir: string;
  /** An in-memory database for reading headers (never the main one's writer queue). */
  previewDb: Database;
  now: () => Date;
  audit: (event: AuditEvent) => Promise<void>;
  /** Raise an alert for a file that failed; the alert's id. */
  alert?: (file: InboxFile) => Promise<string | null>;
  settleMs?: number;
}

export interface InboxPass {
  folder: string;
  files: InboxFile[];
  /** Files left for a later pass because they are still changing. */
  waiting: string[];
}

/** A file examined: its copy, content and the profiles its headers match. */
interface Examined {
  name: string;
  original: string;
  size: number;
  mtimeMs: number;
  copy: string;
  hash: string;
  headers: string[] | null;
  matches: MatchedProfile[];
  unreadable: string | null;
}

/** Names a sender uses while writing, and our own folders: never taken. */
const IN_PROGRESS = /^\.|~$|\.(part|partial|tmp|temp|filepart|crdownload|swp)$/i;

const running = new Map<string, Promise<InboxPass>>();

/** One pass over the inbox; passes over one folder run one after the other. */
export function runInboxPass(db: Database, context: InboxContext): Promise<InboxPass> {
  const key = path.resolve(context.folder);
  const previous = running.get(key) ?? Promise.resolve(undefined);
  const next = previous.catch(() => undefined).then(() => pass(db, context));
  running.set(key, next);
  // The caller handles a failed pass; this bookkeeping chain must not reject unhandled.
  void next
    .finally(() => {
      if (running.get(key) === next) running.delete(key);
    })
    .catch(() => undefined);
  return next;
}

async function pass(db: Database, context: InboxContext): Promise<InboxPass> {
  const folder = path.resolve(context.folder);
  const info = await stat(folder).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new OrderlensError(`The inbox folder ${folder} does not exist.`, 'no_inbox');
  }
  await mkdir(path.join(folder, DONE), { recursive: true });
  await mkdir(path.join(folder, FAILED), { recursive: true });
  await mkdir(context.workDir, { recursive: true });
  const { ready, waiting } = await readyFiles(folder, context);
  const examined: Examined[] = [];
  for (const file of ready) examined.push(await examine(db, file, context));
  // Orders before their lines, shipments and returns; then in the order they arrived.
  examined.sort(
    (a, b) => rank(a) - rank(b) || a.mtimeMs - b.mtimeMs || a.name.localeCompare(b.name),
  );
  const files: InboxFile[] = [];
  for (const file of examined) {
    try {
      files.push(await take(db, file, context));
    } finally {
      await rm(file.copy, { force: true });
    }
  }
  return { folder, files, waiting };
}

async function readyFiles(folder: string, context: InboxContext) {
  const entries = await readdir(folder, { withFileTypes: true });
  const ready: { name: string; path: string; size: number; mtimeMs: number }[] = [];
  const waiting: string[] = [];
  const settled = context.now().getTime() - (context.settleMs ?? SETTLE_MS);
  for (const entry of entries) {
    if (!entry.isFile() || IN_PROGRESS.test(entry.name)) continue;
    const file = path.join(folder, entry.name);
    const info = await stat(file).catch(() => undefined);
    if (!info) continue;
    if (info.mtimeMs > settled || info.size === 0) waiting.push(entry.name);
    else ready.push({ name: entry.name, path: file, size: info.size, mtimeMs: info.mtimeMs });
  }
  return { ready, waiting };
}

/** The order files are taken in: orders (alone or in a flat file) before what refers to them. */
const TAKEN_FIRST: readonly MappingTarget[] = [
  'orders',
  'flat',
  'order_lines',
  'shipments',
  'returns',
];

const rank = (file: Examined): number => {
  const table = file.matches[0]?.profile.mapping.table;
  return table ? TAKEN_FIRST.indexOf(table) : TAKEN_FIRST.length;
};

async function examine(
  db: Database,
  file: { name: string; path: string; size: number; mtimeMs: number },
  context: InboxContext,
): Promise<Examined> {
  const copy = path.join(context.workDir, `inbox-${randomUUID()}${path.extname(file.name)}`);
  await copyFile(file.path, copy);
  const hash = await hashFile(copy);
  const base = { ...file, original: file.path, copy, hash };
  try {
    const read = (profile?: MappingProfile) =>
      previewUpload(context.previewDb, copy, file.name, {
        tmpDir: context.workDir,
        ...(profile ? { sheet: profile.mapping.sheet, settings: readingOf(profile.mapping) } : {}),
      });
    const preview = await read();
    const matches = await matchProfiles(db, preview.headers);
    if (matches.length > 0) {
      return { ...base, headers: preview.headers, matches, unreadable: null };
    }
    // A file with lines above its header, another delimiter or sheet reads as its profile says.
    for (const profile of (await listProfiles(db)).filter(readsItsOwnWay).slice(0, 10)) {
      const again = await read(profile).catch(() => undefined);
      if (!again) continue;
      const found = await matchProfiles(db, again.headers);
      if (found.some((m) => m.profile.name === profile.name)) {
        return { ...base, headers: again.headers, matches: found, unreadable: null };
      }
    }
    return { ...base, headers: preview.headers, matches, unreadable: null };
  } catch (error) {
    const message = error instanceof OrderlensError ? error.message : reasonOf(error);
    return { ...base, headers: null, matches: [], unreadable: message };
  }
}

const readingOf = (m: Mapping): ReadingSettings => ({
  delimiter: m.delimiter,
  encoding: m.encoding,
  skipRows: m.skipRows,
  header: m.header,
});

const readsItsOwnWay = ({ mapping: m }: MappingProfile): boolean =>
  [m.delimiter, m.encoding, m.skipRows, m.header, m.sheet].some((v) => v !== undefined);

/** Load one examined file, move it, record and audit what happened. */
async function take(db: Database, file: Examined, context: InboxContext): Promise<InboxFile> {
  const decided = await decide(db, file, context);
  const seenAt = context.now();
  const folder = path.dirname(file.original);
  const place =
    decided.outcome === 'loaded' ||
    decided.outcome === 'unchanged' ||
    decided.outcome === 'duplicate'
      ? DONE
      : FAILED;
  const stamped = `${stampOf(seenAt)}-${file.name}`;
  const movedTo = (await unchangedSince(file))
    ? await moveInto(file.original, path.join(folder, place, stamped))
    : null;
  let rejectsFile: string | null = null;
  if (decided.rejects) {
    // Beside the file: a load within its allowance keeps the rows it left out in done/.
    rejectsFile = `${place}/${stamped}.rejects.csv`;
    await moveInto(decided.rejects, path.join(folder, rejectsFile));
  }
  const record: InboxFile = {
    id: randomUUID().replace(/-/g, '').slice(0, 12),
    fileName: file.name,
    contentHash: file.hash,
    seenAt: seenAt.toISOString(),
    outcome: decided.outcome,
    profile: decided.profile,
    loadId: decided.loadId,
    message: decided.message,
    movedTo: movedTo ? `${place}/${stamped}` : null,
    rejectsFile,
    alertId: null,
  };
  if (place === FAILED || decided.outcome === 'duplicate' || rejectsFile) {
    await writeFile(path.join(folder, place, `${stamped}.txt`), noteOf(record, decided.details));
  }
  await context.audit({
    action: 'inbox.file',
    outcome: place === FAILED ? 'failed' : 'ok',
    target: file.name,
    detail: `${decided.outcome}: ${decided.message}`,
    loadId: decided.loadId ?? undefined,
  });
  if (place === FAILED && context.alert) record.alertId = await context.alert(record);
  await recordInboxFile(db, record);
  return record;
}

interface Decision {
  outcome: InboxOutcome;
  profile: string | null;
  loadId: number | null;
  message: string;
  /** More lines for the note: the problems found, the headers read. */
  details: string[];
  /** The rejected rows, in the work folder. */
  rejects?: string;
}

async function decide(db: Database, file: Examined, context: InboxContext): Promise<Decision> {
  if (file.unreadable) {
    return failure('unreadable', null, `${file.name} could not be read: ${file.unreadable}`);
  }
  const best = file.matches[0];
  if (!best) {
    return failure(
      'no_profile',
      null,
      `${file.name} matches no saved profile, so it was not loaded. Load it once through the upload wizard and save its mapping as a profile (or add one with "orderlens profiles add"), then drop the file again.`,
      [`Its columns: ${file.headers!.join(', ')}`],
    );
  }
  const rival = file.matches[1];
  if (best.match === 'mapped columns' && rival && rival.match === 'mapped columns') {
    return failure(
      'ambiguous',
      null,
      `${file.name} fits the profiles "${best.profile.name}" and "${rival.profile.name}" equally well, so it was not loaded. Save a profile made on a sample of this file to settle which one it is.`,
    );
  }
  const { profile } = best;
  const same = await findSameContent(db, file.hash, profile.mapping.table, profile.mapping);
  if (same) {
    return {
      outcome: 'duplicate',
      profile: profile.name,
      loadId: same.loadId,
      message: `${file.name} has the same content as load ${same.loadId} (${same.fileName}); it was not loaded again.`,
      details: [],
    };
  }
  const rejects = path.join(context.workDir, `inbox-${randomUUID()}.rejects.csv`);
  const load = (dryRun: boolean) =>
    loadExtract(db, {
      file: file.copy,
      fileName: file.name,
      mapping: profile.mapping,
      sheet: profile.mapping.sheet,
      dryRun,
      rejectsPath: rejects,
      tmpDir: context.workDir,
    });
  try {
    const dryRun = await load(true);
    await context.audit(loadAuditEvent(dryRun, `inbox: ${file.name}`));
    // A refused dry run is loaded all the same: the load refuses it atomically and the ledger
    // records the refusal, as it does for the wizard's.
    const report = await load(false);
    await context.audit(loadAuditEvent(report, `inbox: ${file.name}`));
    return decisionOf(report, profile.name, rejects);
  } catch (error) {
    await rm(rejects, { force: true });
    const reason = error instanceof OrderlensError ? error.message : reasonOf(error);
    await context.audit({
      action: 'load',
      outcome: 'failed',
      target: `inbox: ${file.name}`,
      detail: reasonOf(error),
    });
    return failure('rejected', profile.name, `${file.name} was not loaded: ${reason}`);
  }
}

async function decisionOf(report: LoadReport, profile: string, rejects: string): Promise<Decision> {
  const hasRejects = report.rejectsWritten ? rejects : undefined;
  if (!hasRejects) await rm(rejects, { force: true });
  const details = report.issues.slice(0, 20).map((issue) => `- ${issue.message}`);
  if (report.issues.length > 20) details.push(`… and ${report.rowsRejected - 20} more rows`);
  return {
    outcome: report.status === 'rejected' ? 'rejected' : report.status,
    profile,
    loadId: report.loadId,
    message: report.message,
    details,
    rejects: hasRejects,
  };
}

const failure = (
  outcome: InboxOutcome,
  profile: string | null,
  message: string,
  details: string[] = [],
): Decision => ({ outcome, profile, loadId: null, message, details });

/** Whether the file in the inbox is still the one copied: a file rewritten meanwhile stays. */
async function unchangedSince(file: Examined): Promise<boolean> {
  const info = await stat(file.original).catch(() => undefined);
  return !!info && info.size === file.size && info.mtimeMs === file.mtimeMs;
}

/** Move a file, never over another one; across file systems by copying. Where it went. */
async function moveInto(from: string, to: string): Promise<string> {
  let target = to;
  for (
    let n = 2;
    await stat(target).then(
      () => true,
      () => false,
    );
    n++
  ) {
    target = to.replace(/(\.[^./]*)?$/, (ext) => ` (${n})${ext}`);
  }
  try {
    await rename(from, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, target);
    await unlink(from);
  }
  return target;
}

/** 20261207-094512: sorts by time, safe in every file system and shell. */
const stampOf = (at: Date): string =>
  at.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');

function noteOf(file: InboxFile, details: string[]): string {
  return [
    `${file.fileName}: ${outcomeWords[file.outcome]}`,
    '',
    file.message,
    ...(details.length ? ['', ...details] : []),
    '',
    `Seen at ${file.seenAt}${file.profile ? ` · profile "${file.profile}"` : ''}${file.loadId ? ` · load ${file.loadId}` : ''}`,
    file.rejectsFile
      ? `The rejected rows, with their reasons: ${path.basename(file.rejectsFile)}`
      : '',
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
}

export const outcomeWords: Record<InboxOutcome, string> = {
  loaded: 'loaded',
  unchanged: 'loaded; it changed nothing',
  duplicate: 'already loaded; not loaded again',
  rejected: 'not loaded: its rows failed the checks',
  no_profile: 'not loaded: it matches no saved profile',
  ambiguous: 'not loaded: it matches more than one profile',
  unreadable: 'not loaded: it could not be read',
};
