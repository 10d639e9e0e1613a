import 'server-only';
/**
 * Where the audit key and the recorded head live: the key from auditSecret, the head in a file
 * beside the database (both in memory for an in-memory database).
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { auditSecret } from '@/lib/config';
import type { Database } from '@/lib/db/database';

// An in-memory database dies with its process: its key and head need not outlive it either.
const memoryKeys = new WeakMap<Database, string>();
const memoryHeads = new WeakMap<Database, string>();
export const inMemory = (db: Database) => db.file === ':memory:';

export function keyOf(db: Database, create: boolean): string | undefined {
  if (!inMemory(db)) return auditSecret(db.file, create);
  let key = memoryKeys.get(db);
  if (!key && create) memoryKeys.set(db, (key = randomBytes(48).toString('hex')));
  return key;
}

/** Beside the database file, not in the data folder: two databases in one folder keep two heads. */
const headFileOf = (db: Database) => `${db.file}.audit-head`;

/** The recorded head of the log, as written (undefined when there is none). */
export async function recordedAuditHead(db: Database): Promise<string | undefined> {
  if (inMemory(db)) return memoryHeads.get(db);
  return readFile(headFileOf(db), 'utf-8').then(
    (text) => text.trim() || undefined,
    () => undefined,
  );
}

export async function writeHead(db: Database, text: string) {
  if (inMemory(db)) return void memoryHeads.set(db, text);
  const file = headFileOf(db);
  // Whole or not at all: a torn head would read as forged.
  await writeFile(`${file}.tmp`, text, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}
