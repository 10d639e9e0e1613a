/**
 * The composition root of scripts (benchmarks, tools): a database file opened and served by the
 * engine, its facts built now and after every change, as the server's and the CLI's are.
 */
import { openDatabase, type Database, type OpenOptions } from '@/lib/db/database';
import { engine } from './engine';

export async function openServedDatabase(
  file: string,
  options: OpenOptions = {},
): Promise<Database> {
  const db = await openDatabase(file, options);
  await engine.attach(db);
  return db;
}
