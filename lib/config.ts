import 'server-only';
/** The environment, parsed once; the only reader of process.env. */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { requestPolicy, type RequestPolicy } from '@/lib/http/request-policy';

const size = z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i);

const envSchema = z.object({
  ORDERLENS_DB: z.string().min(1).optional(),
  ORDERLENS_DATA_DIR: z.string().min(1).optional(),
  ORDERLENS_MEMORY_LIMIT: size.optional(),
  ORDERLENS_THREADS: z.coerce.number().int().min(1).optional(),
  ORDERLENS_NO_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  ORDERLENS_TEMP_DIR: z.string().min(1).optional(),
  ORDERLENS_MAX_TEMP_SIZE: size.optional(),
  /** 0/false only for debugging: the server's DuckDB then reads any file its process can. */
  ORDERLENS_LOCKDOWN: z.enum(['0', '1', 'true', 'false']).optional(),
  /** The address the server listens on (scripts/start.mjs passes it to the front server). */
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** More host names or origins the server answers for (behind a proxy, or a LAN name). */
  ORDERLENS_ALLOWED_HOSTS: z.string().optional(),
  /** How many proxies in front are trusted for X-Forwarded-For and X-Forwarded-Host (default 0). */
  ORDERLENS_TRUST_PROXY: z.string().optional(),
  /** Set by scripts/server.mjs in its own process: requests pass its Host and client checks. */
  ORDERLENS_FRONT_SERVER: z.enum(['0', '1']).optional(),
  /** At least 32 characters; else a random secret is kept in the data folder (mode 600). */
  ORDERLENS_SESSION_SECRET: z.string().min(32).optional(),
  /** At least 32 characters; else a random secret is kept in the data folder (mode 600). */
  ORDERLENS_AUDIT_SECRET: z.string().min(32).optional(),
  ORDERLENS_SESSION_HOURS: z.coerce
    .number()
    .min(0.01)
    .max(24 * 30)
    .optional(),
  /** Mark cookies Secure (set when a TLS proxy sits in front; https requests get it anyway). */
  ORDERLENS_SECURE_COOKIES: z.enum(['0', '1', 'true', 'false']).optional(),
  /** smtp://user:pass@host:587 (STARTTLS where offered) or smtps://…:465; unset: no mail. */
  ORDERLENS_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#]+/i, 'an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of reports and alerts, e.g. "Orderlens <kpi@example.com>". */
  ORDERLENS_MAIL_FROM: z.string().min(3).optional(),
  /** Where users open the app, for the links in mails (default http://localhost:3000). */
  ORDERLENS_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** More folders (path-delimiter separated) scheduled reports may be written to. */
  ORDERLENS_DELIVERY_DIRS: z.string().optional(),
  /** 0/false: this process runs no scheduled deliveries or alert checks. */
  ORDERLENS_SCHEDULER: z.enum(['0', '1', 'true', 'false']).optional(),
  /** A folder whose dropped extracts are loaded with their matching profile (lib/inbox). */
  ORDERLENS_INBOX: z.string().min(1).optional(),
  /** How often the server looks into the inbox besides watching it, in seconds (default 30). */
  ORDERLENS_INBOX_POLL_SECONDS: z.coerce.number().min(0.2).max(3600).optional(),
  /** `duckdb` (default) or clickhouse://user:password@host:port/database?cluster=NAME (issue 18). */
  ORDERLENS_ENGINE: z.string().optional(),
});

export interface Config {
  databaseFile: string;
  dataDir: string;
  memoryLimit?: string;
  threads?: number;
  seedDemo: boolean;
  /** Uploaded extracts (generated names), read by DuckDB. */
  uploadsDir: string;
  /** Temporary files of previews, loads and the demo (transcoded text, converted sheets). */
  workDir: string;
  /** Files DuckDB may write for download. */
  exportsDir: string;
  /** DuckDB's spill folder for work larger than memory (default: beside the database file). */
  tempDirectory: string;
  /** Cap on the spill folder, e.g. '20GB' (DuckDB's default: 90% of the free disk). */
  maxTempSize?: string;
  /**
   * The server's DuckDB may touch files only in these folders, with external access, extension
   * install and autoload off and its configuration locked (lib/db/database.ts lockDown).
   * Undefined when ORDERLENS_LOCKDOWN=0.
   */
  allowedDirectories?: string[];
  /** The server's listen address; sign-in is required beyond loopback. */
  listenHost: string;
  /** The hosts, origins and proxies requests are accepted from (lib/http/request-policy). */
  requestPolicy: RequestPolicy;
  /** Whether the front server (scripts/server.mjs) answers before Next. */
  frontServer: boolean;
  sessionHours: number;
  secureCookies: boolean;
  /** Outgoing mail of scheduled reports and alerts; without smtpUrl nothing is mailed. */
  mail: MailSettings;
  /** The app's address as its users open it, without a trailing slash (links in mails). */
  publicUrl: string;
  /** Folders scheduled reports may be written to: the exports folder, then ORDERLENS_DELIVERY_DIRS. */
  deliveryDirs: string[];
  /** Whether the server runs due subscriptions and alert checks (lib/delivery/scheduler). */
  scheduler: boolean;
  /** The inbox folder named by ORDERLENS_INBOX (absolute); else the /data setting, if any. */
  inboxDir?: string;
  inboxPollMs: number;
  /** ORDERLENS_ENGINE as given (lib/clickhouse/engine-url.ts parses it where it is used). */
  engineSetting?: string;
}

export interface MailSettings {
  smtpUrl?: string;
  /** The From address: ORDERLENS_MAIL_FROM, else the SMTP user when it is an address. */
  from: string;
}

export const DEFAULT_MEMORY_LIMIT = '4GB';

let cached: Config | undefined;

export function config(): Config {
  if (cached) return cached;
  const env = envSchema.parse(process.env);
  const databaseFile = path.resolve(
    /* turbopackIgnore: true */ env.ORDERLENS_DB ??
      path.join(env.ORDERLENS_DATA_DIR ?? 'data', 'orderlens.duckdb'),
  );
  const dataDir = filesFolderOf(databaseFile, env.ORDERLENS_DATA_DIR);
  const folders = {
    uploadsDir: path.join(dataDir, 'uploads'),
    workDir: path.join(dataDir, 'tmp'),
    exportsDir: path.join(dataDir, 'exports'),
  };
  const lockdown = !(env.ORDERLENS_LOCKDOWN === '0' || env.ORDERLENS_LOCKDOWN === 'false');
  cached = {
    databaseFile,
    dataDir,
    ...folders,
    tempDirectory: path.resolve(
      /* turbopackIgnore: true */ env.ORDERLENS_TEMP_DIR ?? `${databaseFile}.tmp`,
    ),
    maxTempSize: env.ORDERLENS_MAX_TEMP_SIZE,
    allowedDirectories: lockdown ? Object.values(folders) : undefined,
    // DuckDB would take 80% of RAM; a bounded default makes large loads spill to disk instead.
    memoryLimit: env.ORDERLENS_MEMORY_LIMIT ?? DEFAULT_MEMORY_LIMIT,
    threads: env.ORDERLENS_THREADS,
    seedDemo: !(env.ORDERLENS_NO_DEMO === '1' || env.ORDERLENS_NO_DEMO === 'true'),
    // next start without our start script listens on every interface: assume so unless told.
    listenHost: env.HOST ?? '0.0.0.0',
    requestPolicy: requestPolicy({
      listenHost: env.HOST ?? '0.0.0.0',
      port: env.PORT ?? 3000,
      allowedHosts: env.ORDERLENS_ALLOWED_HOSTS,
      trustProxy: env.ORDERLENS_TRUST_PROXY,
    }),
    frontServer: env.ORDERLENS_FRONT_SERVER === '1',
    sessionHours: env.ORDERLENS_SESSION_HOURS ?? 12,
    secureCookies: env.ORDERLENS_SECURE_COOKIES === '1' || env.ORDERLENS_SECURE_COOKIES === 'true',
    mail: {
      smtpUrl: env.ORDERLENS_SMTP_URL,
      from: env.ORDERLENS_MAIL_FROM ?? defaultMailFrom(env.ORDERLENS_SMTP_URL),
    },
    publicUrl: (env.ORDERLENS_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, ''),
    deliveryDirs: [
      folders.exportsDir,
      ...(env.ORDERLENS_DELIVERY_DIRS ?? '')
        .split(path.delimiter)
        .filter(Boolean)
        .map((dir) => path.resolve(/* turbopackIgnore: true */ dir)),
    ],
    scheduler: !(env.ORDERLENS_SCHEDULER === '0' || env.ORDERLENS_SCHEDULER === 'false'),
    inboxDir: env.ORDERLENS_INBOX
      ? path.resolve(/* turbopackIgnore: true */ env.ORDERLENS_INBOX)
      : undefined,
    inboxPollMs: (env.ORDERLENS_INBOX_POLL_SECONDS ?? 30) * 1000,
    engineSetting: env.ORDERLENS_ENGINE,
  };
  return cached;
}

/**
 * The sender when none is configured: the SMTP login when it is an address (most providers accept
 * only that), else orderlens@ this host, under the product's name.
 */
export function defaultMailFrom(smtpUrl: string | undefined): string {
  let user = '';
  try {
    user = smtpUrl ? decodeURIComponent(new URL(smtpUrl).username) : '';
  } catch {
    user = '';
  }
  return `Orderlens <${/^[^@\s]+@[^@\s]+$/.test(user) ? user : `orderlens@${os.hostname()}`}>`;
}

/**
 * The folder of a database's own files (uploads, work files, exports, secrets): ORDERLENS_DATA_DIR
 * when set, else the database file's folder, so two servers over two databases share nothing.
 * The repository's data/benchmarks and data/mappings are sources, not these files.
 */
export function filesFolderOf(
  databaseFile: string,
  dataDirSetting: string | undefined = process.env.ORDERLENS_DATA_DIR || undefined,
): string {
  return path.resolve(/* turbopackIgnore: true */ dataDirSetting ?? path.dirname(databaseFile));
}

/**
 * The key that seals session cookies: ORDERLENS_SESSION_SECRET, or 48 random bytes kept in
 * session-secret in the data folder (created on first use, readable by this user only).
 */
export function sessionSecret(): string {
  const fromEnv = process.env.ORDERLENS_SESSION_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  return keptSecret(path.join(config().dataDir, 'session-secret'), true)!;
}

/**
 * The key of the audit log's HMAC chain: ORDERLENS_AUDIT_SECRET, or 48 random bytes kept in
 * audit-secret in the database's data folder, outside the database file, so whoever can write the
 * file cannot re-seal edited entries. Undefined when missing and `create` is false (verification
 * must not mint a new key and call every entry broken).
 */
export function auditSecret(databaseFile: string, create: boolean): string | undefined {
  const fromEnv = process.env.ORDERLENS_AUDIT_SECRET;
  if (fromEnv && fromEnv.length >= 32) return fromEnv;
  return keptSecret(path.join(filesFolderOf(databaseFile), 'audit-secret'), create);
}

function keptSecret(file: string, create: boolean): string | undefined {
  const read = () => readFileSync(file, 'utf-8').trim() || undefined;
  try {
    return read();
  } catch {
    if (!create) return undefined;
    mkdirSync(path.dirname(file), { recursive: true });
    const secret = randomBytes(48).toString('hex');
    try {
      writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
      return secret;
    } catch {
      return read(); // another bundle of this process wrote it first
    }
  }
}

/**
 * The command line's credentials: who runs a command (ORDERLENS_USER, ORDERLENS_PASSWORD) and a
 * new password for `orderlens users` (ORDERLENS_NEW_PASSWORD). Read when a command asks, never kept.
 */
export function cliCredentials() {
  return {
    username: process.env.ORDERLENS_USER,
    password: process.env.ORDERLENS_PASSWORD,
    newPassword: process.env.ORDERLENS_NEW_PASSWORD,
  };
}
