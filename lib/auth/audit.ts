import 'server-only';
/**
 * The append-only audit log: sign-ins, loads (failed ones with their reason), undos, exports,
 * band-set imports and user changes. Nothing updates or deletes an entry; each entry carries the
 * SHA-256 of the one before it, so a removed or edited entry breaks the chain (verifyAuditChain).
 * Written beside the loads: a load that rolls back keeps its entry.
 */
import { createHash } from 'node:crypto';
import { z, ZodError } from 'zod';
import { OrderlensError } from '@/lib/db/errors';
import type { Database } from '@/lib/db/database';
import type { Identity } from './access';

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_out',
  'access',
  'load',
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
}

export interface AuditEntry extends AuditEvent {
  entryId: number;
  at: string;
  actor: string;
  role: string | null;
  via: 'web' | 'cli';
}

const GENESIS = '';

function entryHash(previous: string, entry: Omit<AuditEntry, 'entryId'> & { entryId: number }) {
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
  return createHash('sha256')
    .update(`${previous}\n${JSON.stringify(fields)}`)
    .digest('hex');
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
      await side.run(
        `INSERT INTO audit_log VALUES ($1, $2::TIMESTAMP, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
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
          entryHash(previous, entry),
        ],
      );
    });
  } catch (error) {
    console.error('[orderlens] the audit log could not be written:', error);
  }
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

/** Recompute the chain: the id of the first entry that does not match, or undefined. */
export async function verifyAuditChain(db: Database) {
  const rows = await db.read<
    AuditEntry & { previousHash: string; entryHash: string } & Record<string, unknown>
  >(
    `SELECT ${entryColumns}, previous_hash AS "previousHash", entry_hash AS "entryHash"
       FROM audit_log ORDER BY entry_id`,
  );
  let previous = GENESIS;
  for (const row of rows) {
    const expected = entryHash(previous, {
      ...row,
      target: row.target ?? undefined,
      detail: row.detail ?? undefined,
    });
    if (row.previousHash !== previous || row.entryHash !== expected)
      return { entries: rows.length, brokenAt: row.entryId };
    previous = row.entryHash;
  }
  return { entries: rows.length, brokenAt: undefined };
}

/** A load's entry: loaded or unchanged is ok, rejected is failed with the report's reason. */
export function loadAuditEvent(
  report: { status: string; loadId: number | null; message: string; rowsRead: number },
  target: string,
): AuditEvent {
  return {
    action: 'load',
    outcome: report.status === 'rejected' ? 'failed' : 'ok',
    target: report.loadId ? `load ${report.loadId}: ${target}` : target,
    detail: `${report.status}: ${report.message}`,
  };
}

/** What the user was told about a failure, for the audit log (never a stack or SQL). */
export function reasonOf(error: unknown): string {
  if (error instanceof ZodError) return 'invalid request';
  if (error instanceof OrderlensError) return `${error.code}: ${error.message}`;
  return 'unexpected error';
}
