import 'server-only';
/** The inbox's own record of every file it took: what became of it and where it went. */
import type { Database } from '@/lib/db/database';
import { instantOf, sqlTimestamp } from '@/lib/delivery/context';

export type InboxOutcome =
  'loaded' | 'unchanged' | 'duplicate' | 'rejected' | 'no_profile' | 'ambiguous' | 'unreadable';

/** A type, not an interface, so it fits Database row generics. */
export type InboxFile = {
  id: string;
  fileName: string;
  contentHash: string;
  seenAt: string;
  outcome: InboxOutcome;
  profile: string | null;
  loadId: number | null;
  message: string;
  /** Where the file went, inside the inbox: done/… or failed/…; null when it was left in place. */
  movedTo: string | null;
  /** The rejected rows beside a failed file (failed/….rejects.csv). */
  rejectsFile: string | null;
  alertId: string | null;
};

export async function recordInboxFile(db: Database, file: InboxFile): Promise<void> {
  await db.transaction((tx) =>
    tx.run(
      `INSERT INTO inbox_files (file_id, file_name, content_hash, seen_at, outcome, profile,
         load_id, message, moved_to, rejects_file, alert_id)
       VALUES ($1, $2, $3, $4::TIMESTAMP, $5, $6, $7, $8, $9, $10, $11)`,
      [
        file.id,
        file.fileName,
        file.contentHash,
        sqlTimestamp(new Date(file.seenAt)),
        file.outcome,
        file.profile,
        file.loadId,
        file.message,
        file.movedTo,
        file.rejectsFile,
        file.alertId,
      ],
    ),
  );
}

/** The files the inbox took, newest first. */
export async function listInboxFiles(db: Database, limit = 50): Promise<InboxFile[]> {
  const rows = await db.read<InboxFile & { seen_at: unknown }>(
    `SELECT file_id AS id, file_name AS "fileName", content_hash AS "contentHash", seen_at,
       outcome, profile, load_id::INTEGER AS "loadId", message, moved_to AS "movedTo",
       rejects_file AS "rejectsFile", alert_id AS "alertId"
     FROM inbox_files ORDER BY seen_at DESC, file_id LIMIT $1`,
    [limit],
  );
  return rows.map(({ seen_at, ...row }) => ({
    ...row,
    seenAt: instantOf(seen_at)!.toISOString(),
  }));
}
