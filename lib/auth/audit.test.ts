import { DuckDBInstance } from '@duckdb/node-api';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@/lib/db/database';
import { migrations } from '@/lib/db/migrations';
import { main } from '@/lib/cli/main';
import {
  describeAuditChain,
  listAudit,
  loadAuditEvent,
  recordAudit,
  recordedAuditHead,
  verifyAuditChain,
} from './audit';
import { createSession } from './sessions';

// The secret and head must come from the database's own folder, not from a shared setting.
delete process.env.ORDERLENS_DATA_DIR;
delete process.env.ORDERLENS_AUDIT_SECRET;

let dir: string;
let file: string;
let db: Database;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'orderlens-audit-'));
  file = path.join(dir, 'audit.duckdb');
  db = await openDatabase(file);
});

const ana = { username: 'ana', role: 'analyst' as const };

async function record(count: number) {
  for (let i = 0; i < count; i++)
    await recordAudit(db, ana, 'web', { action: 'export', outcome: 'ok', target: `report ${i}` });
}

/** The unkeyed seal of the chain before issue 13, as anyone could compute it. */
function plainSeal(previous: string, e: Awaited<ReturnType<typeof listAudit>>[number]) {
  const fields = [
    ...[e.entryId, e.at, e.actor, e.role, e.via, e.action, e.outcome],
    ...[e.target ?? null, e.detail ?? null],
  ];
  return createHash('sha256')
    .update(`${previous}\n${JSON.stringify(fields)}`)
    .digest('hex');
}

/** Re-seal entries from `from` to `to` with plain SHA-256, as someone without the key would. */
async function rebuildUnkeyed(
  from: number,
  { to = Infinity, seal }: { to?: number; seal?: string } = {},
) {
  const entries = (await listAudit(db, { limit: 500 })).reverse();
  let previous = '';
  for (const entry of entries) {
    if (entry.entryId >= from && entry.entryId <= to) {
      const hash = plainSeal(previous, entry);
      await db.run(
        `UPDATE audit_log SET previous_hash = $1, entry_hash = $2, seal = coalesce($3, seal)
          WHERE entry_id = $4`,
        [previous, hash, seal ?? null, entry.entryId],
      );
      previous = hash;
    } else {
      const [row] = await db.read<{ h: string }>(
        'SELECT entry_hash AS h FROM audit_log WHERE entry_id = $1',
        [entry.entryId],
      );
      previous = row!.h;
    }
  }
}

describe('the keyed audit chain', () => {
  it('keeps its key and head outside the database file, readable by this user only', async () => {
    await record(2);
    const secret = path.join(dir, 'audit-secret');
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(readFileSync(secret, 'utf-8')).toMatch(/^[0-9a-f]{96}$/);
    const head = JSON.parse(readFileSync(`${file}.audit-head`, 'utf-8'));
    expect(head).toMatchObject({ count: 2, lastId: 2 });
    expect(await verifyAuditChain(db)).toEqual({ state: 'intact', entries: 2, unkeyed: 0 });
  });

  it('reports an edited entry as broken at that entry', async () => {
    await record(10);
    await db.run("UPDATE audit_log SET outcome = 'failed' WHERE entry_id = 4");
    expect(await verifyAuditChain(db)).toMatchObject({ state: 'broken', brokenAt: 4 });
  });

  it('reports the last 3 entries deleted as shortened, and the CLI exits 1', async () => {
    await record(10);
    await db.run('DELETE FROM audit_log WHERE entry_id > 7');
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ state: 'shortened', entries: 7, expected: 10, found: 7 });
    expect(describeAuditChain(chain)).toMatch(/expected 10 entries, found 7/);
    // A later append must not overwrite the head that shows the loss.
    await record(1);
    expect(await verifyAuditChain(db)).toMatchObject({ state: 'shortened', entries: 8, found: 7 });
    const out: string[] = [];
    const code = await main(['audit', '--db', file], { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(1);
    expect(out.at(-1)).toMatch(/^The log was shortened: expected 10 entries, found 7\./);
  });

  it('still finds an edit after the seals are rebuilt with plain SHA-256', async () => {
    await record(10);
    await db.run("UPDATE audit_log SET actor = 'someone else' WHERE entry_id = 5");
    await rebuildUnkeyed(5);
    expect(await verifyAuditChain(db)).toMatchObject({ state: 'broken', brokenAt: 5 });
    // Marking every entry as written before the key makes the chain whole again, unkeyed; the
    // head recorded outside the file then names an entry 10 the log no longer has.
    await rebuildUnkeyed(1, { seal: 'sha256' });
    expect(await verifyAuditChain(db)).toMatchObject({
      state: 'shortened',
      unkeyed: 10,
      expected: 10,
      found: 10,
    });
  });

  it('finds entries deleted and the head file rewritten without the key', async () => {
    await record(10);
    await db.run('DELETE FROM audit_log WHERE entry_id > 7');
    const [seventh] = await db.read<{ h: string }>(
      'SELECT entry_hash AS h FROM audit_log WHERE entry_id = 7',
    );
    const forged = { count: 7, lastId: 7, lastHash: seventh!.h };
    const mac = createHash('sha256').update(JSON.stringify(forged)).digest('hex');
    writeFileSync(`${file}.audit-head`, JSON.stringify({ ...forged, mac }));
    const chain = await verifyAuditChain(db);
    expect(chain.state).toBe('tampered');
    expect(chain.reason).toMatch(/^The head record beside the database is not sealed/);
    rmSync(`${file}.audit-head`);
    expect(await verifyAuditChain(db)).toMatchObject({
      state: 'unverifiable',
      reason: expect.stringMatching(/head record .* is missing/),
    });
  });

  it('finds the loss through the copies of the head in loads and sessions', async () => {
    await db.run(
      `INSERT INTO loads (load_id, file_name, content_hash, target, status, started_at)
       VALUES (1, 'orders.csv', 'x', 'orders', 'loaded', now()::TIMESTAMP)`,
    );
    await record(8);
    const report = { status: 'loaded', loadId: 1, message: 'ok', rowsRead: 5 };
    await recordAudit(db, ana, 'web', loadAuditEvent(report, 'orders.csv'));
    const [load] = await db.read<{ head: string }>(
      'SELECT audit_head AS head FROM loads WHERE load_id = 1',
    );
    expect(load!.head).toBe(await recordedAuditHead(db));
    expect(JSON.parse(load!.head)).toMatchObject({ count: 9, lastId: 9 });
    await db.run(
      "INSERT INTO users VALUES (1, 'ana', 'analyst', 'x', now()::TIMESTAMP, now()::TIMESTAMP, NULL)",
    );
    await record(1);
    await createSession(db, 1, 1);
    const [session] = await db.read<{ head: string }>('SELECT audit_head AS head FROM sessions');
    expect(JSON.parse(session!.head)).toMatchObject({ count: 10, lastId: 10 });

    await db.run('DELETE FROM audit_log WHERE entry_id > 7');
    rmSync(`${file}.audit-head`);
    expect(await verifyAuditChain(db)).toMatchObject({
      state: 'shortened',
      expected: 10,
      found: 7,
      reason: expect.stringMatching(/^A session's copy/),
    });
    await db.run('DELETE FROM sessions');
    expect(await verifyAuditChain(db)).toMatchObject({
      state: 'shortened',
      expected: 9,
      found: 7,
      reason: expect.stringMatching(/^A load's copy/),
    });
  });

  it('is unverifiable, not broken, when the secret is missing, and does not mint a new one', async () => {
    await record(3);
    rmSync(path.join(dir, 'audit-secret'));
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ state: 'unverifiable', entries: 3 });
    expect(chain.reason).toMatch(/audit secret is missing/);
    expect(existsSync(path.join(dir, 'audit-secret'))).toBe(false);
  });
});

describe('migrating an unkeyed chain', () => {
  it('keeps the old seals, reports them as unkeyed, and anchors them with the first keyed entry', async () => {
    const legacy = path.join(dir, 'legacy.duckdb');
    const instance = await DuckDBInstance.create(legacy);
    const raw = await instance.connect();
    await raw.run(
      'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)',
    );
    for (const m of migrations.filter((m) => m.version <= 3)) {
      await raw.run(m.sql);
      await raw.run(`INSERT INTO schema_migrations VALUES (${m.version}, 'v', now())`);
    }
    let previous = '';
    for (let id = 1; id <= 3; id++) {
      const entry = {
        entryId: id,
        at: `2024-01-0${id}T10:00:00.000Z`,
        actor: 'old',
        role: 'admin',
        via: 'web' as const,
        action: 'export' as const,
        outcome: 'ok' as const,
        target: `old ${id}`,
        detail: undefined,
      };
      const hash = plainSeal(previous, entry);
      await raw.run(
        `INSERT INTO audit_log VALUES (${id}, TIMESTAMP '2024-01-0${id} 10:00:00', 'old', 'admin',
           'web', 'export', 'ok', 'old ${id}', NULL, '${previous}', '${hash}')`,
      );
      previous = hash;
    }
    await raw.run("SELECT nextval('audit_entry_seq') FROM range(3)");
    raw.closeSync();
    instance.closeSync();

    db = await openDatabase(legacy);
    expect(await verifyAuditChain(db)).toEqual({ state: 'intact', entries: 3, unkeyed: 3 });
    await record(2);
    const chain = await verifyAuditChain(db);
    expect(chain).toEqual({ state: 'intact', entries: 5, unkeyed: 3 });
    expect(describeAuditChain(chain)).toMatch(/first 3 predate its key/);
    // An unkeyed entry edited and re-sealed: the first keyed entry no longer links to it.
    await db.run("UPDATE audit_log SET actor = 'someone else' WHERE entry_id = 2");
    await rebuildUnkeyed(2, { to: 3 });
    expect(await verifyAuditChain(db)).toMatchObject({ state: 'broken', brokenAt: 4 });
  });
});
