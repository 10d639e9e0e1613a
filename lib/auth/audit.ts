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
 * Written beside the loads: a load that rolls back keeps its entry. This module appends; the
 * seals are in audit-seal.ts, reading in audit-query.ts, checking in audit-verify.ts.
 */
import type { Database, SideWriter } from '@/lib/db/database';
import type { Identity } from './access';
import type { AuditEvent } from './audit-events';
import { keyOf, recordedAuditHead, writeHead } from './audit-head';
import { entryHash, GENESIS, KEYED, openHead, sealHead, type AuditHead } from './audit-seal';

export {
  AUDIT_ACTIONS,
  loadAuditEvent,
  reasonOf,
  type AuditAction,
  type AuditEntry,
  type AuditEvent,
  type AuditOutcome,
} from './audit-events';
export { recordedAuditHead } from './audit-head';
export { auditQuerySchema, listAudit } from './audit-query';
export {
  describeAuditChain,
  verifyAuditChain,
  type AuditChain,
  type AuditChainState,
} from './audit-verify';

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
