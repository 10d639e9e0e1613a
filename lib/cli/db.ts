import 'server-only';
import { config } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/database';

/** Open the database for a CLI command; a database held by the server fails fast with a clear error. */
export function openCliDatabase(file?: string): Promise<Database> {
  const settings = config();
  return openDatabase(file ?? settings.databaseFile, {
    memoryLimit: settings.memoryLimit,
    threads: settings.threads,
    tempDirectory: settings.tempDirectory,
    maxTempSize: settings.maxTempSize,
  });
}
