import 'server-only';
/**
 * The inbox as the server and the CLI run it: the folder from the settings, the work folder
 * DuckDB may read, failures raised as alerts to the inbox's recipients.
 */
import path from 'node:path';
import { raiseInboxAlert } from '@/lib/alerts/inbox-alert';
import type { Database } from '@/lib/db/database';
import { deliveryContext, type DeliveryContext } from '@/lib/delivery/context';
import { OrderlensError } from '@/lib/errors';
import { previewDatabase } from '@/lib/ingest/load/preview';
import { runInboxPass, type InboxPass } from './inbox';
import { readInboxSettings } from './settings';

export interface InboxRunOptions {
  /** Overrides the configured folder (the CLI's --dir). */
  folder?: string;
  /** A folder DuckDB may read (the server's work folder, the CLI's own). */
  workDir: string;
  /** The database headers are read with; the server's preview database by default. */
  previewDb?: Database;
  /** Who the audit log names, and the clock, mail and links of alerts. */
  delivery?: DeliveryContext;
  settleMs?: number;
}

/** One pass over the configured inbox (or the folder given). */
export async function checkInbox(db: Database, options: InboxRunOptions): Promise<InboxPass> {
  const settings = await readInboxSettings(db);
  const folder = options.folder ? path.resolve(options.folder) : settings.folder;
  if (!folder) {
    throw new OrderlensError(
      'No inbox is set: name its folder with ORDERLENS_INBOX or on the data page.',
      'no_inbox',
    );
  }
  const delivery = options.delivery ?? deliveryContext(db);
  return runInboxPass(db, {
    folder,
    workDir: path.join(options.workDir, 'inbox'),
    previewDb: options.previewDb ?? (await previewDatabase()),
    now: delivery.now,
    audit: delivery.audit,
    alert: (file) => raiseInboxAlert(db, delivery, file, settings.notify),
    settleMs: options.settleMs,
  });
}
