/**
 * Every test process serves the catalogue of metrics/, as the app and the CLI do, and every
 * database a test opens is served by the engine, as runtime/database.ts and the CLI serve theirs:
 * its facts are built at open and rebuilt after each committed change.
 */
import { vi } from 'vitest';
import { engine } from '@/runtime/engine';

vi.mock('@/lib/db/database', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/lib/db/database')>();
  const served =
    <A extends unknown[]>(open: (...args: A) => Promise<import('@/lib/db/database').Database>) =>
    async (...args: A) => {
      const db = await open(...args);
      await engine.attach(db);
      return db;
    };
  return {
    ...original,
    openDatabase: served(original.openDatabase),
    openMemoryDatabase: served(original.openMemoryDatabase),
  };
});
