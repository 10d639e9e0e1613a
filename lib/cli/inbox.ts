import 'server-only';
/**
 * orderlens inbox run: one pass over the inbox, for cron (the server watches it while it runs and
 * holds the database meanwhile). orderlens inbox [list]: the files it took and what became of them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, openMemoryDatabase, type Database } from '@/lib/db/database';
import { deliveryContext } from '@/lib/delivery/context';
import { outcomeWords } from '@/lib/inbox/inbox';
import { listInboxFiles, type InboxFile } from '@/lib/inbox/record';
import { checkInbox } from '@/lib/inbox/service';
import { readInboxSettings } from '@/lib/inbox/settings';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

export async function inboxCommand(args: string[], io: Io): Promise<number> {
  const [action = 'list', ...rest] = args[0]?.startsWith('-') ? ['list', ...args] : args;
  switch (action) {
    case 'run':
      return runCommand(rest, io);
    case 'list':
      return listCommand(rest, io);
    default:
      throw new UsageError('inbox takes run or list.');
  }
}

async function runCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    dir: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('inbox run takes flags only.');
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-inbox-'));
  let db: Database | undefined;
  let previewDb: Database | undefined;
  try {
    // DuckDB reads only the copies made in the command's own work folder.
    db = await openCliDatabase(values.db as string | undefined, 'upload', { paths: [], workDir });
    previewDb = await openMemoryDatabase({ allowedDirectories: [workDir], allowedPaths: [] });
    const opened = db;
    const pass = await checkInbox(db, {
      folder: values.dir as string | undefined,
      workDir,
      previewDb,
      delivery: deliveryContext(db, { audit: (event) => auditCli(opened, event) }),
    });
    if (values.json) {
      io.out(JSON.stringify(pass, null, 2));
    } else {
      if (pass.files.length === 0) io.out(`No new files in ${pass.folder}.`);
      for (const file of pass.files) io.out(fileLine(file));
      for (const name of pass.waiting) io.out(`WAITING  ${name}: still being written; next pass.`);
    }
    return pass.files.some((f) => failedOutcome(f)) ? 1 : 0;
  } finally {
    if (previewDb) await closeDatabase(previewDb);
    if (db) await closeDatabase(db);
    await rm(workDir, { recursive: true, force: true });
  }
}

async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
    limit: { type: 'string' },
  });
  if (positionals.length) throw new UsageError('inbox list takes flags only.');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit takes a count.');
  const db = await openCliDatabase(values.db as string | undefined, 'upload');
  const [settings, files] = await Promise.all([readInboxSettings(db), listInboxFiles(db, limit)]);
  if (values.json) {
    io.out(JSON.stringify({ folder: settings.folder, notify: settings.notify, files }, null, 2));
    return 0;
  }
  io.out(
    settings.folder
      ? `Inbox: ${settings.folder}${settings.source === 'environment' ? ' (ORDERLENS_INBOX)' : ''}`
      : 'No inbox is set: name its folder with ORDERLENS_INBOX or on the data page, or pass --dir to inbox run.',
  );
  for (const file of files)
    io.out(`${file.seenAt.slice(0, 16).replace('T', ' ')}  ${fileLine(file)}`);
  return 0;
}

const failedOutcome = (file: InboxFile) =>
  !['loaded', 'unchanged', 'duplicate'].includes(file.outcome);

function fileLine(file: InboxFile): string {
  const where = file.movedTo ? ` → ${file.movedTo}` : ' (left in the inbox: it changed meanwhile)';
  const head = failedOutcome(file) ? 'FAILED ' : 'OK     ';
  return `${head}  ${file.fileName}: ${outcomeWords[file.outcome]}${where}\n         ${file.message}`;
}
