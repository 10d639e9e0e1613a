import 'server-only';
/**
 * The append-only audit log: sign-ins, loads (failed ones with their reason), undos, exports,
 * band-set imports and user changes. Nothing updates or deletes an entry. Each entry is sealed
 * with an HMAC-SHA256, keyed by a secret kept outside the database file (auditSecret), over its
 * fields and the seal of the one before it: an edited or removed entry breaks the chain, and
 * whoever can write the file but cannot read the secret cannot re-seal it. Removing entries from
 * the end leaves a whole chain, so the head (count and last seal, itself sealed) is recorded
 * outside the file on every append (<database>.audit-head) and copied into the ledger row of each
 * load and into each new session: verifyAuditChain reports a log shorter than any of them.
 * Written beside the loads: a load that rolls back keeps its entry.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { z, ZodError } from 'zod';
import { auditSecret } from '@/lib/config';
import { OrderlensError } from '@/lib/db/errors';
import type { Database, SideWriter } from '@/lib/db/database';
import type { Identity } from './access';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_out',
  'access',
  'load',
  'load.dry_run',
  'undo',
  'export',
  'bands.import',
  'bands.remove',
  'targets.set',
  'targets.remove',
  'inputs.set',
  'inputs.remove',
  'mapping.save',
  'mapping.remove',
  'upload',
  'upload.discard',
  'user.create',
  'user.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditOutcome = 'ok' | 'failed' | 'denied';

export interface AuditEvent {
  action: AuditAction;
  outcome: AuditOutcome;
  /** What was acted on: a load id, a file name, a user name, a report format. */
  target?: string;
  /** The reason of a failure or denial, or a short summary (rows loaded, filters). */
  detail?: string;
  /** The load's ledger row, which gets a copy of the log's head (not stored in the entry). */
  loadId?: number;
}

export interface AuditEntry extends AuditEvent {
  entryId: number;
  at: string;
  actor: string;
  role: string | null;
  via: 'web' | 'cli';
}

const GENESIS = '';
/** Entries written before migration 4 carry plain SHA-256 seals ('sha256'); since then, HMACs. */
const KEYED = 'hmac-sha256';

/** The seal of an entry: HMAC with the key, or the unkeyed SHA-256 of entries before keying. */
function entryHash(
  key: string | undefined,
  previous: string,
  entry: Omit<AuditEntry, 'entryId'> & { entryId: number },
) {
  const fields = [
    entry.entryId,
    entry.at,
    entry.actor,
    entry.role,
    entry.via,
    entry.action,
    entry.outcome,
    entry.target ?? null,
    entry.detail ?? null,
  ];
  const text = `${previous}\n${JSON.stringify(fields)}`;
  return key === undefined
    ? createHash('sha256').update(text).digest('hex')
    : createHmac('sha256', key).update(`audit entry\n${text}`).digest('hex');
}

/** The log as it stood after an append: its entry count and the id and seal of its last entry. */
interface AuditHead {
  count: number;
  lastId: number;
  lastHash: string;
}

const headSchema = z.object({
  count: z.number().int().min(1),
  lastId: z.number().int().min(1),
  lastHash: z.string().regex(/^[0-9a-f]{64}$/),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});

const headMac = (key: string, head: AuditHead) =>
  createHmac('sha256', key)
    .update(`audit head\n${head.count}\n${head.lastId}\n${head.lastHash}`)
    .digest('hex');

const sealHead = (key: string, head: AuditHead) =>
  JSON.stringify({ ...head, mac: headMac(key, head) });

/** The head a record states, or undefined when it is not one sealed with this key. */
function openHead(key: string, text: string): AuditHead | undefined {
  let parsed: z.infer<typeof headSchema>;
  try {
    parsed = headSchema.parse(JSON.parse(text));
  } catch {
    return undefined;
  }
  const { mac, ...head } = parsed;
  const ok = timingSafeEqual(Buffer.from(mac, 'hex'), Buffer.from(headMac(key, head), 'hex'));
  return ok ? head : undefined;
}

// An in-memory database dies with its process: its key and head need not outlive it either.
const memoryKeys = new WeakMap<Database, string>();
const memoryHeads = new WeakMap<Database, string>();
const inMemory = (db: Database) => db.file === ':memory:';

function keyOf(db: Database, create: boolean): string | undefined {
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

async function writeHead(db: Database, text: string) {
  if (inMemory(db)) return void memoryHeads.set(db, text);
  const file = headFileOf(db);
  // Whole or not at all: a torn head would read as forged.
  await writeFile(`${file}.tmp`, text, { mode: 0o600 });
  await rename(`${file}.tmp`, file);
}

/**
 * Append one entry. A failure to write it goes to the server log and does not undo or fail the
 * action it records (which has already happened).
 */
export async function recordAudit(
  db: Database,
  who: Pick<Identity, 'username' | 'role'> | { username: string; role?: undefined },
  via: 'web' | 'cli',
  event: AuditEvent,
): Promise<void> {
  try {
    await db.beside(async (side) => {
      const [last] = await side.all<{ hash: string }>(
        'SELECT entry_hash AS hash FROM audit_log ORDER BY entry_id DESC LIMIT 1',
      );
      const [counts] = await side.all<{ n: number; keyed: number }>(
        `SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE seal = '${KEYED}')::INTEGER AS keyed
           FROM audit_log`,
      );
      const key = keyOf(db, true)!;
      const [next] = await side.all<{ id: number }>(
        "SELECT nextval('audit_entry_seq')::INTEGER AS id",
      );
      const entry = {
        entryId: next!.id,
        at: new Date().toISOString(),
        actor: who.username,
        role: who.role ?? null,
        via,
        action: event.action,
        outcome: event.outcome,
        target: clip(event.target),
        detail: clip(event.detail),
      };
      const previous = last?.hash ?? GENESIS;
      const hash = entryHash(key, previous, entry);
      await side.run(
        `INSERT INTO audit_log VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [
          entry.entryId,
          entry.at.replace('Z', ''),
          entry.actor,
          entry.role,
          via,
          entry.action,
          entry.outcome,
          entry.target ?? null,
          entry.detail ?? null,
          previous,
          hash,
          KEYED,
        ],
      );
      const head = await advanceHead(db, side, key, counts!.keyed > 0, {
        count: counts!.n + 1,
        lastId: entry.entryId,
        lastHash: hash,
      });
      if (event.loadId !== undefined && head !== undefined)
        await side
          .run('UPDATE loads SET audit_head = $1 WHERE load_id = $2', [head, event.loadId])
          .catch((error: unknown) =>
            console.error("[orderlens] the load's copy of the audit head was not written:", error),
          );
    });
  } catch (error) {
    console.error('[orderlens] the audit log could not be written:', error);
  }
}

/**
 * Record the new head, unless the recorded one disagrees with the log: then the log lost entries
 * (or the record was forged), and overwriting it would hide that, so it stays as evidence. A
 * missing record is started afresh only while no keyed entry exists (a new or migrated log).
 * Returns the head now recorded, for the load's ledger row.
 */
async function advanceHead(
  db: Database,
  side: SideWriter,
  key: string,
  keyedBefore: boolean,
  next: AuditHead,
): Promise<string | undefined> {
  const recorded = await recordedAuditHead(db);
  let agrees = recorded === undefined && !keyedBefore;
  const head = recorded === undefined ? undefined : openHead(key, recorded);
  if (head) {
    const [state] = await side.all<{ upTo: number; hash: string | null }>(
      `SELECT count(*) FILTER (WHERE entry_id <= $1)::INTEGER AS "upTo",
              max(entry_hash) FILTER (WHERE entry_id = $1) AS hash
         FROM audit_log`,
      [head.lastId],
    );
    agrees = state!.upTo === head.count && state!.hash === head.lastHash;
  }
  if (!agrees) {
    console.error(
      recorded === undefined
        ? '[orderlens] the audit log has keyed entries but no head record; none is started over them: run orderlens audit.'
        : '[orderlens] the audit log disagrees with its recorded head, which is kept as evidence: run orderlens audit.',
    );
    return recorded;
  }
  const text = sealHead(key, next);
  await writeHead(db, text);
  return text;
}

const clip = (text: string | undefined) =>
  text === undefined ? undefined : text.length > 2000 ? `${text.slice(0, 1999)}…` : text;

export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['ok', 'failed', 'denied']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

const entryColumns = `entry_id AS "entryId",
    strftime(occurred_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, actor, role, via, action, outcome,
    target, detail`;

/** Newest first, with optional filters; `before` pages back from an entry id. */
export async function listAudit(db: Database, query: z.input<typeof auditQuerySchema> = {}) {
  const q = auditQuerySchema.parse(query);
  const rows = await db.read<AuditEntry & Record<string, unknown>>(
    `SELECT ${entryColumns} FROM audit_log
     WHERE ($1::VARCHAR IS NULL OR action = $1) AND ($2::VARCHAR IS NULL OR actor = $2)
       AND ($3::VARCHAR IS NULL OR outcome = $3) AND ($4::BIGINT IS NULL OR entry_id < $4)
     ORDER BY entry_id DESC LIMIT $5`,
    [q.action ?? null, q.actor ?? null, q.outcome ?? null, q.before ?? null, q.limit],
  );
  return rows.map((entry) => ({
    ...entry,
    target: entry.target ?? undefined,
    detail: entry.detail ?? undefined,
  }));
}

export type AuditChainState = 'intact' | 'broken' | 'shortened' | 'tampered' | 'unverifiable';

export interface AuditChain {
  state: AuditChainState;
  /** Entries in the log now. */
  entries: number;
  /** Of them, those sealed before the chain was keyed (plain SHA-256). */
  unkeyed: number;
  /** broken: the first entry whose seal or link does not match. */
  brokenAt?: number;
  /** shortened: the entries a recorded head vouches for, and how many of them are left. */
  expected?: number;
  found?: number;
  /** shortened, tampered, unverifiable: why, in words for the admin. */
  reason?: string;
}

const SOURCES = {
  file: 'The head record beside the database',
  loads: "A load's copy of the head",
  sessions: "A session's copy of the head",
};

/**
 * Check the log: every seal and link (broken at the first that fails), then every recorded head
 * (the file beside the database, the copies in loads and sessions) against it: a sealed head the
 * log falls short of means entries were removed from the end (shortened); a head not sealed with
 * the key was written by someone without it (tampered).
 */
export async function verifyAuditChain(db: Database): Promise<AuditChain> {
  const rows = await db.read<
    AuditEntry & { previousHash: string; entryHash: string; seal: string } & Record<string, unknown>
  >(
    `SELECT ${entryColumns}, previous_hash AS "previousHash", entry_hash AS "entryHash", seal
       FROM audit_log ORDER BY entry_id`,
  );
  const unkeyed = rows.filter((row) => row.seal !== KEYED).length;
  const base = { entries: rows.length, unkeyed };
  const recorded = await recordedAuditHead(db);
  const copies = await db.read<{ source: 'loads' | 'sessions'; head: string }>(
    `SELECT DISTINCT 'loads' AS source, audit_head AS head FROM loads WHERE audit_head IS NOT NULL
     UNION SELECT DISTINCT 'sessions', audit_head FROM sessions WHERE audit_head IS NOT NULL`,
  );
  const key = keyOf(db, false);
  if (!key && (unkeyed < rows.length || recorded !== undefined || copies.length > 0))
    return {
      state: 'unverifiable',
      ...base,
      reason:
        'The audit secret is missing (ORDERLENS_AUDIT_SECRET is not set and the data folder has no audit-secret file), so the seals cannot be checked.',
    };

  let previous = GENESIS;
  let keyedSeen = false;
  for (const row of rows) {
    const keyed = row.seal === KEYED;
    // An unkeyed entry after a keyed one is a keyed one re-sealed without the key.
    const expected =
      keyedSeen && !keyed
        ? undefined
        : entryHash(keyed ? key : undefined, previous, {
            ...row,
            target: row.target ?? undefined,
            detail: row.detail ?? undefined,
          });
    if (row.previousHash !== previous || row.entryHash !== expected)
      return { state: 'broken', ...base, brokenAt: row.entryId };
    keyedSeen ||= keyed;
    previous = row.entryHash;
  }

  const heads = [
    ...(recorded === undefined ? [] : [{ source: 'file' as const, head: recorded }]),
    ...copies,
  ];
  let shortest: AuditChain | undefined;
  let forged: string | undefined;
  for (const { source, head: text } of heads) {
    const head = openHead(key!, text);
    if (!head) {
      forged ??= `${SOURCES[source]} is not sealed with the audit secret: it was written outside Orderlens.`;
      continue;
    }
    const found = rows.filter((row) => row.entryId <= head.lastId).length;
    const last = rows.find((row) => row.entryId === head.lastId);
    if (found === head.count && last?.entryHash === head.lastHash) continue;
    if (shortest && shortest.expected! >= head.count) continue;
    shortest = {
      state: 'shortened',
      ...base,
      expected: head.count,
      found,
      reason:
        found < head.count
          ? `${SOURCES[source]} vouches for ${head.count} entries up to entry ${head.lastId}, and only ${found} of them are left: entries were removed from the end.`
          : `${SOURCES[source]} names another entry ${head.lastId}: entries were removed from the end and others written after them.`,
    };
  }
  if (shortest) return shortest;
  if (forged) return { state: 'tampered', ...base, reason: forged };
  if (recorded === undefined && unkeyed < rows.length && !inMemory(db))
    return {
      state: 'unverifiable',
      ...base,
      reason:
        'The head record beside the database (its .audit-head file) is missing, so entries removed from the end would not show. Keep it with the database file when moving or restoring it.',
    };
  return { state: 'intact', ...base };
}

/** One sentence on the chain, for the CLI and the admin page. */
export function describeAuditChain(chain: AuditChain): string {
  switch (chain.state) {
    case 'broken':
      return `The chain breaks at entry ${chain.brokenAt}: an entry was changed or removed outside Orderlens.`;
    case 'shortened':
      return `The log was shortened: expected ${chain.expected} entries, found ${chain.found}. ${chain.reason}`;
    case 'tampered':
      return `A record of the log's head was forged. ${chain.reason}`;
    case 'unverifiable':
      return `The chain cannot be checked: ${chain.reason}`;
    case 'intact':
      return (
        `${chain.entries} entries; the chain is intact.` +
        (chain.unkeyed > 0
          ? ` The first ${chain.unkeyed} predate its key and carry plain SHA-256 seals, anchored by the keyed entries after them.`
          : '')
      );
  }
}

/** A load's entry: loaded or unchanged is ok, rejected is failed with the report's reason. */
export function loadAuditEvent(
  report: {
    status: string;
    loadId: number | null;
    message: string;
    rowsRead: number;
    dryRun?: boolean;
  },
  target: string,
): AuditEvent {
  return {
    // A dry run reads the file and runs every rule: it is audited like a load, under its own name.
    action: report.dryRun ? 'load.dry_run' : 'load',
    outcome: report.status === 'rejected' ? 'failed' : 'ok',
    target: report.loadId ? `load ${report.loadId}: ${target}` : target,
    detail: `${report.status}: ${report.message}`,
    loadId: report.loadId ?? undefined,
  };
}

/** What the user was told about a failure, for the audit log (never a stack or SQL). */
export function reasonOf(error: unknown): string {
  if (error instanceof ZodError) return 'invalid request';
  if (error instanceof OrderlensError) return `${error.code}: ${error.message}`;
  return 'unexpected error';
}
