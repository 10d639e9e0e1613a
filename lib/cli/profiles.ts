import 'server-only';
/**
 * orderlens profiles: the saved mapping profiles the wizard offers first and the inbox loads with.
 * list, add (from a mapping file, with a sample file giving the header signature), remove, and
 * export (the mapping JSON `orderlens ingest --mapping` reads).
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { closeDatabase, type Database } from '@/lib/db/database';
import { OrderlensError } from '@/lib/errors';
import { previewUpload } from '@/lib/ingest/load/preview';
import {
  deleteProfile,
  getProfile,
  listProfiles,
  mappedHeaders,
  saveProfile,
  type MappingProfile,
} from '@/lib/ingest/load/profiles';
import { parseMappingJson, type Mapping } from '@/lib/ingest/map/mapping';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

export async function profilesCommand(args: string[], io: Io): Promise<number> {
  const [action = 'list', ...rest] = args[0]?.startsWith('-') ? ['list', ...args] : args;
  switch (action) {
    case 'list':
      return listCommand(rest, io);
    case 'add':
      return addCommand(rest, io);
    case 'remove':
      return removeCommand(rest, io);
    case 'export':
      return exportCommand(rest, io);
    default:
      throw new UsageError('profiles takes list, add, remove or export.');
  }
}

async function listCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length) throw new UsageError('profiles list takes --db and --json only.');
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const profiles = await listProfiles(db);
  if (values.json) io.out(JSON.stringify({ profiles }, null, 2));
  else if (!profiles.length)
    io.out(
      'No profiles. Save one in the upload wizard on /data, or: orderlens profiles add NAME --mapping FILE [--sample FILE]',
    );
  else io.out(profileTable(profiles));
  return 0;
}

/** How a profile recognises a file, in words: "sample headers (12)" or "mapped columns (8)". */
export function matchedBy(profile: MappingProfile): string {
  return profile.headers
    ? `sample headers (${profile.headers.length})`
    : `mapped columns (${mappedHeaders(profile.mapping).length})`;
}

/** The rows a load may leave out: "none" (any failing row rejects the file), "0.5%", "10 rows". */
export function allowanceText(mapping: Mapping): string {
  const limit = mapping.maxRejectedRows;
  if (limit === undefined || limit === 0) return 'none';
  return typeof limit === 'number' ? `${limit} row${limit === 1 ? '' : 's'}` : limit;
}

/** The profiles as an aligned table, one line each. */
export function profileTable(profiles: MappingProfile[]): string {
  const rows = [
    ['Name', 'System', 'Table', 'Matched by', 'Allowance', 'Updated'],
    ...profiles.map((p) => [
      p.name,
      p.system ?? '–',
      p.mapping.table,
      matchedBy(p),
      allowanceText(p.mapping),
      `${p.updatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

async function addCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    mapping: { type: 'string' },
    sample: { type: 'string' },
    system: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError(
      'profiles add takes one NAME (quote a name with spaces): profiles add NAME --mapping FILE [--sample FILE] [--system NAME].',
    );
  const name = positionals[0]!;
  const mappingFile = values.mapping as string | undefined;
  if (!mappingFile) throw new UsageError('profiles add needs --mapping FILE.');
  const mapping = parseMappingJson(await readText(mappingFile, '--mapping'), mappingFile);
  const sample = values.sample as string | undefined;
  if (sample && !(await stat(sample).catch(() => undefined))?.isFile())
    throw new UsageError(`--sample ${sample} is not a file.`);
  const workDir = sample ? await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-work-')) : undefined;
  let db: Database | undefined;
  try {
    // With a sample, DuckDB may read that file and nothing else the user owns (see cliLockdown).
    db = await openCliDatabase(
      values.db as string | undefined,
      'mappings',
      sample && workDir ? { paths: [sample], workDir } : undefined,
    );
    const headers = sample && workDir ? await sampleHeaders(db, sample, mapping, workDir) : null;
    const profile = await saveProfile(db, {
      name,
      mapping,
      headers,
      system: values.system as string | undefined,
    }).catch((error: unknown) => {
      // "the file" of the library's message is the sample here.
      if (
        error instanceof OrderlensError &&
        sample &&
        /which the file does not have/.test(error.message)
      )
        throw new OrderlensError(
          error.message.replace(
            'which the file does not have',
            `which ${path.basename(sample)} does not have`,
          ),
          error.code,
        );
      throw error;
    });
    await auditCli(db, {
      action: 'mapping.save',
      outcome: 'ok',
      target: profile.name,
      detail: `${profile.mapping.table}, ${matchedBy(profile)}`,
    });
    io.out(
      values.json
        ? JSON.stringify({ profile }, null, 2)
        : `Profile "${profile.name}" saved: ${profile.mapping.table}, matches files by ${matchedBy(profile)}.`,
    );
    return 0;
  } finally {
    // An instance locked down to the sample: the next command opens its own.
    if (db && sample) await closeDatabase(db);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}

/** The sample's headers, read as a load reads them: the mapping's sheet, delimiter, encoding, skipped rows. */
async function sampleHeaders(
  db: Database,
  file: string,
  mapping: Mapping,
  workDir: string,
): Promise<string[]> {
  const preview = await previewUpload(db, path.resolve(file), path.basename(file), {
    sheet: mapping.sheet,
    table: mapping.table,
    settings: {
      delimiter: mapping.delimiter,
      encoding: mapping.encoding,
      skipRows: mapping.skipRows,
      header: mapping.header,
      decimalSeparator: mapping.decimalSeparator,
    },
    tmpDir: workDir,
  });
  if (!preview.headers.length)
    throw new OrderlensError(`${file} has no headers.`, 'invalid_profile');
  return preview.headers;
}

async function removeCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals.length !== 1)
    throw new UsageError('profiles remove takes one NAME (quote a name with spaces).');
  const name = positionals[0]!;
  const db = await openCliDatabase(values.db as string | undefined, 'mappings');
  await deleteProfile(db, name);
  await auditCli(db, { action: 'mapping.remove', outcome: 'ok', target: name.trim() });
  io.out(
    values.json ? JSON.stringify({ removed: name.trim() }) : `Profile "${name.trim()}" removed.`,
  );
  return 0;
}

async function exportCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    out: { type: 'string' },
    db: { type: 'string' },
  });
  if (positionals.length !== 1)
    throw new UsageError('profiles export takes one NAME (quote a name with spaces).');
  const db = await openCliDatabase(values.db as string | undefined, 'view');
  const profile = await getProfile(db, positionals[0]!);
  const text = `${JSON.stringify(profile.mapping, null, 2)}\n`;
  const out = values.out as string | undefined;
  if (!out) {
    io.out(text);
    return 0;
  }
  await writeFile(out, text).catch((error: NodeJS.ErrnoException) => {
    throw new OrderlensError(`Could not write ${out} (${error.code ?? error.message}).`, 'no_file');
  });
  io.err(`Profile "${profile.name}" written to ${out}.`);
  return 0;
}

async function readText(file: string, flag: string): Promise<string> {
  try {
    return await readFile(file, 'utf-8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'ENOENT'
        ? `${flag} ${file}: no such file.`
        : `${flag} ${file} cannot be read (${code}).`,
    );
  }
}
