import 'server-only';
/**
 * What a delivery or an alert check runs with: the clock, the mail settings, the app's address,
 * the folders reports may be written to, and who the audit log names. From the configuration by
 * default; tests inject a clock and a loopback SMTP server, and the API and the CLI pass their own
 * audit (the user who asked), while the scheduler writes as itself.
 */
import { config, type MailSettings } from '@/lib/config';
import type { Database } from '@/lib/db/database';
import { recordAudit, type AuditEvent } from '@/lib/auth/audit';

export interface DeliveryContext {
  now: () => Date;
  mail: MailSettings;
  /** The app's address without a trailing slash, for links in mails. */
  publicUrl: string;
  /** Folders (absolute) a subscription's folder must lie in. */
  deliveryDirs: string[];
  /** Append to the audit log as whoever runs this. */
  audit: (event: AuditEvent) => Promise<void>;
}

/** The name the audit log gives deliveries and alerts nobody asked for at that moment. */
export const SCHEDULER_ACTOR = 'scheduler';

export function deliveryContext(
  db: Database,
  overrides: Partial<DeliveryContext> = {},
): DeliveryContext {
  const settings = config();
  return {
    now: () => new Date(),
    mail: settings.mail,
    publicUrl: settings.publicUrl,
    deliveryDirs: settings.deliveryDirs,
    audit: (event) => recordAudit(db, { username: SCHEDULER_ACTOR }, 'web', event),
    ...overrides,
  };
}

/** A DuckDB TIMESTAMP parameter (UTC, no zone suffix) from an instant. */
export const sqlTimestamp = (at: Date): string => at.toISOString().replace('Z', '');

/** An instant from a TIMESTAMP column as the driver hands it back (ISO, with or without a zone). */
export function instantOf(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const text = String(value);
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}
