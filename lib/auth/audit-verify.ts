import 'server-only';
/**
 * Verifying the audit log: every seal and link, then every recorded head against the log, and
 * the result in one sentence for the CLI and the admin page.
 */
import type { Database } from '@/lib/db/database';
import type { AuditEntry } from './audit-events';
import { inMemory, keyOf, recordedAuditHead } from './audit-head';
import { entryColumns } from './audit-query';
import { entryHash, GENESIS, KEYED, openHead } from './audit-seal';

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
