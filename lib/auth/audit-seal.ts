import 'server-only';
/**
 * The seals of the audit log: each entry's HMAC over its fields and the seal before it, and the
 * sealed head (count, last id and seal) recorded outside the database file.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { AuditEntry } from './audit-events';

export const GENESIS = '';
/** Entries written before migration 4 carry plain SHA-256 seals ('sha256'); since then, HMACs. */
export const KEYED = 'hmac-sha256';

/** The seal of an entry: HMAC with the key, or the unkeyed SHA-256 of entries before keying. */
export function entryHash(
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
export interface AuditHead {
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

export const sealHead = (key: string, head: AuditHead) =>
  JSON.stringify({ ...head, mac: headMac(key, head) });

/** The head a record states, or undefined when it is not one sealed with this key. */
export function openHead(key: string, text: string): AuditHead | undefined {
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
