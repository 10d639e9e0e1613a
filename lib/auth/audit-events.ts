import 'server-only';
/**
 * What the audit log records: the actions, their outcomes, an event as the caller states it and
 * an entry as it is stored; and how a load or a failure is put into an event.
 */
import { ZodError } from 'zod';
import { OrderlensError } from '@/lib/errors';

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
  'subscriptions.add',
  'subscriptions.remove',
  'subscriptions.run',
  'subscriptions.deliver',
  'alerts.rule_add',
  'alerts.rule_remove',
  'alerts.trigger',
  'alerts.acknowledge',
  'settings.branding',
  'settings.calendar',
  'settings.organisation',
  'settings.inbox',
  'inbox.file',
  'annotations.add',
  'annotations.remove',
  'views.save',
  'views.remove',
  'teams.save',
  'teams.remove',
  'teams.role_add',
  'teams.role_remove',
  'teams.rule_add',
  'teams.rule_remove',
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
