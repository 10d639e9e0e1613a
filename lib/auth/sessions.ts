import 'server-only';
/**
 * Sessions: a random 256-bit token in the (sealed, HttpOnly) cookie, only its SHA-256 stored, so
 * a copy of the database holds no usable session. Expired, revoked or disabled means signed out.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Database } from '@/lib/db/database';
import { recordedAuditHead } from './audit';
import type { Role } from './roles';

export interface SessionUser {
  userId: number;
  username: string;
  role: Role;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Each session row carries a copy of the audit log's head as it stood: one more place outside
 * the log that shows entries later removed from its end (verifyAuditChain).
 */
export async function createSession(db: Database, userId: number, hours: number) {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  const auditHead = await recordedAuditHead(db);
  await db.beside((side) =>
    side.run(
      `INSERT INTO sessions (session_hash, user_id, created_at, expires_at, revoked_at, audit_head)
       VALUES ($1, $2, now()::TIMESTAMP, $3::TIMESTAMP, NULL, $4)`,
      [digest(token), userId, expiresAt.toISOString().replace('Z', ''), auditHead ?? null],
    ),
  );
  return { token, expiresAt };
}

export async function sessionUser(db: Database, token: string): Promise<SessionUser | undefined> {
  const rows = await db.read<SessionUser & Record<string, unknown>>(
    `SELECT u.user_id AS "userId", u.username, u.role
       FROM sessions s JOIN users u USING (user_id)
      WHERE s.session_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now()::TIMESTAMP
        AND u.disabled_at IS NULL`,
    [digest(token)],
  );
  return rows[0];
}

export async function revokeSession(db: Database, token: string) {
  await db.beside((side) =>
    side.run(
      'UPDATE sessions SET revoked_at = now()::TIMESTAMP WHERE session_hash = $1 AND revoked_at IS NULL',
      [digest(token)],
    ),
  );
}
