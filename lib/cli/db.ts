import 'server-only';
/**
 * Open the database for a CLI command, as someone allowed to run it. While no user exists the
 * command runs as the local user (it is this computer's user, reading files they name); once an
 * admin has created users, ORDERLENS_USER and ORDERLENS_PASSWORD say who runs it, and
 * lib/auth/access decides as for the web. The file's permissions remain the outer boundary: the
 * CLI cannot stop someone who may read the database file from reading it.
 */
import path from 'node:path';
import { cliCredentials, config } from '@/lib/config';
import { openDatabase, type Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { authorize, ForbiddenError, LOCAL_IDENTITY, type Identity } from '@/lib/auth/access';
import { recordAudit, type AuditEvent } from '@/lib/auth/audit';
import { verifyPassword } from '@/lib/auth/passwords';
import type { Permission } from '@/lib/auth/roles';
import { countUsers, credentialsOf } from '@/lib/auth/users';
import { attachEngine } from '@/lib/kpi/engine';
import { connectCluster, setCluster } from '@/lib/clickhouse/cluster';
import { describeEngine, parseEngineUrl } from '@/lib/clickhouse/engine-url';
import { recoverClusterLoads } from '@/lib/ingest/load/cluster-loads';
import { engineOfCli } from './args';

const identities = new WeakMap<Database, Identity>();

export class CliSignInError extends OrderlensError {
  constructor(detail: string) {
    super(
      `${detail} Users exist in this database, so commands run as one of them: set ORDERLENS_USER and ORDERLENS_PASSWORD.`,
      'sign_in_required',
    );
  }
}

/** The user files a command lets DuckDB touch; given, the instance is locked down to them. */
export interface CliFiles {
  /** Extracts to read, and files to write (a rejects file): allowed one by one. */
  paths: string[];
  /** A work folder of the command's own (XLSX conversions). */
  workDir?: string;
}

/**
 * The folders and files a locked-down CLI database may touch: the files named, the database's
 * folder, its spill folder and the command's work folder. Nothing else, so that even a hole in
 * the SQL could not read /etc/passwd from the command line, where no server sits in between.
 */
export function cliLockdown(databaseFile: string, files: CliFiles, tempDirectory?: string) {
  return {
    allowedDirectories: [
      path.dirname(path.resolve(databaseFile)),
      ...(tempDirectory ? [tempDirectory] : []),
      ...(files.workDir ? [files.workDir] : []),
    ],
    allowedPaths: files.paths.map((f) => path.resolve(f)),
  };
}

/**
 * Open the database for a command needing `permission`; a held database fails fast. A command
 * that reads a user's files passes `files`: DuckDB is then locked down to them (see cliLockdown)
 * before the command runs any SQL. The others read only the database and what they generate.
 */
export async function openCliDatabase(
  file: string | undefined,
  permission: Permission,
  files?: CliFiles,
  /** Whether the command runs with the ClickHouse engine (loads, the ledger, undo); others refuse it. */
  options: { cluster?: boolean } = {},
): Promise<Database> {
  const settings = config();
  const databaseFile = file ?? settings.databaseFile;
  const db = await openDatabase(databaseFile, {
    memoryLimit: settings.memoryLimit,
    threads: settings.threads,
    tempDirectory: settings.tempDirectory,
    maxTempSize: settings.maxTempSize,
    ...(files ? cliLockdown(databaseFile, files, settings.tempDirectory) : {}),
  });
  const identity = await cliIdentity(db);
  try {
    authorize(identity, permission);
  } catch (error) {
    if (error instanceof ForbiddenError)
      await recordAudit(db, identity, 'cli', {
        action: 'access',
        outcome: 'denied',
        target: process.argv.slice(2, 3).join(' ') || 'cli',
        detail: `needs ${permission}`,
      });
    throw error;
  }
  identities.set(db, identity);
  await attachEngine(db);
  await attachCluster(db, options.cluster ?? false);
  return db;
}

/**
 * With ORDERLENS_ENGINE (or --engine) naming a ClickHouse cluster: connect, create the schema
 * where missing, finish what a stopped load or undo left, and send this database's loads there.
 * The KPI queries do not run on the cluster yet, so every other command refuses the setting
 * rather than answer from the embedded database's (empty) tables.
 */
async function attachCluster(db: Database, supported: boolean) {
  const engine = parseEngineUrl(engineOfCli() ?? config().engineSetting);
  if (engine.kind !== 'clickhouse') return;
  if (!supported) {
    throw new OrderlensError(
      `This command does not run on the ClickHouse engine yet (${describeEngine(engine)}): only ingest, loads and undo do. Run it without ORDERLENS_ENGINE or --engine.`,
      'invalid_engine',
    );
  }
  const cluster = await connectCluster(engine);
  setCluster(db, cluster);
  await recoverClusterLoads(db, cluster);
}

async function cliIdentity(db: Database): Promise<Identity> {
  if ((await countUsers(db)) === 0) return LOCAL_IDENTITY;
  const { username, password } = cliCredentials();
  if (!username || !password) throw new CliSignInError('No user given.');
  const user = await credentialsOf(db, username);
  const valid = await verifyPassword(user?.hash, password);
  if (!user || !valid || user.disabled) {
    await recordAudit(db, { username: username.slice(0, 64) }, 'cli', {
      action: 'sign_in',
      outcome: 'failed',
      detail: !user ? 'unknown user' : !valid ? 'wrong password' : 'user disabled',
    });
    throw new CliSignInError('Wrong user name or password.');
  }
  return { username: username.trim().toLowerCase(), role: user.role, userId: user.userId };
}

/** Append to the audit log as whoever opened this database for the command. */
export function auditCli(db: Database, event: AuditEvent): Promise<void> {
  return recordAudit(db, identities.get(db) ?? LOCAL_IDENTITY, 'cli', event);
}
