import 'server-only';
/** Reading the audit log: newest first, filtered by action, actor and outcome, paged back by id. */
import { z } from 'zod';
import type { Database } from '@/lib/db/database';
import { AUDIT_ACTIONS, type AuditEntry } from './audit-events';

export const auditQuerySchema = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  actor: z.string().max(64).optional(),
  outcome: z.enum(['ok', 'failed', 'denied']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().positive().optional(),
});

export const entryColumns = `entry_id AS "entryId",
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
