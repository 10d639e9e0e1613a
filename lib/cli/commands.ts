import 'server-only';
/** The smaller commands: map, loads, undo, generate, demo. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ZodError } from 'zod';
import { listKpiInputs, removeKpiInput, setKpiInput } from '@/lib/kpi/inputs';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadDemoData } from '@/lib/demo';
import { generateExtracts } from '@/lib/generate';
import { kpisWithout } from '@/lib/ingest/map/automap-kpis';
import { previewUpload } from '@/lib/ingest/load/preview';
import { demoAuditTarget, demoRemovedMessage, removeDemo } from '@/lib/ingest/load/demo-removal';
import { linesOfZod } from '@/lib/errors';
import { mappingTargets, type MappingTarget } from '@/lib/model/canonical';
import { reasonOf } from '@/lib/auth/audit';
import { auditCli, openCliDatabase } from './db';
import { parse, UsageError, type Io } from './args';
import { engineCatalogue } from '@/lib/kpi/engine';

export async function generateCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    out: { type: 'string' },
    orders: { type: 'string' },
    seed: { type: 'string' },
    format: { type: 'string' },
  });
  if (!values.out) throw new UsageError('generate needs --out DIR.');
  const orders = positiveInt(values.orders as string | undefined, '--orders', 10_000);
  const seed = positiveInt(values.seed as string | undefined, '--seed', 42);
  const format = (values.format as string | undefined) ?? 'csv';
  if (format !== 'csv' && format !== 'parquet') throw new UsageError('--format is csv or parquet.');
  const started = Date.now();
  const result = await generateExtracts({ outDir: values.out as string, orders, seed, format });
  const seconds = (Date.now() - started) / 1000;
  for (const file of result.files) io.out(`${file.path}: ${file.rows} rows`);
  io.out(`${result.orders} orders, ${result.lines} lines in ${seconds.toFixed(1)} s`);
  return 0;
}

export async function mapCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    table: { type: 'string' },
    sheet: { type: 'string' },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError('map takes one FILE.');
  if (!(await stat(file).catch(() => undefined))?.isFile())
    throw new UsageError(`${file} is not a file.`);
  const table = values.table as MappingTarget | undefined;
  if (table && !mappingTargets.includes(table))
    throw new UsageError(`--table must be one of ${mappingTargets.join(', ')}.`);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-cli-work-'));
  // A scratch database locked down to the one extract and the work folder (see cliLockdown).
  const db = await openMemoryDatabase({ allowedDirectories: [workDir], allowedPaths: [file] });
  try {
    // The wizard's preview: the same head, samples, value checks and separator decision.
    const preview = await previewUpload(db, path.resolve(file), file, {
      sheet: values.sheet as string | undefined,
      table,
      tmpDir: workDir,
    });
    const proposal = preview.proposal;
    io.out(JSON.stringify({ table: proposal.target, columns: proposal.columns }, null, 2));
    for (const p of proposal.proposals.filter((x) => proposal.columns[x.field] === x.source)) {
      io.err(
        `  ${p.field.padEnd(22)} ← ${p.source}  (${Math.round(p.confidence * 100)}%, ${p.reason})`,
      );
    }
    io.err(proposal.message);
    for (const d of proposal.doubts) io.err(`  Not ${d.field} ← ${d.source}: ${d.reason}`);
    if (proposal.unmappedRequired.length)
      io.err(`Not mapped (required): ${proposal.unmappedRequired.join(', ')}`);
    const costs = kpisWithout(
      proposal.target,
      Object.keys(proposal.columns),
      engineCatalogue().kpis,
    );
    if (costs.length) {
      io.err('Not mapped, and the KPIs that need it (unless another file provides it):');
      for (const { field, kpis } of costs) io.err(`  ${field.padEnd(22)} ${kpis.join(', ')}`);
    }
    const undecided = preview.detected.separators?.undecided;
    if (undecided) io.err(undecided);
    return proposal.unmappedRequired.length || proposal.status === 'not_orders' ? 1 : 0;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

export async function demoCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    db: { type: 'string' },
    orders: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (positionals[0] === 'remove' && positionals.length === 1 && values.orders === undefined)
    return demoRemoveCommand(values.db as string | undefined, values.json === true, io);
  if (positionals.length > 0 || values.json)
    throw new UsageError('demo takes --db and --orders, or: demo remove [--db PATH] [--json].');
  const db = await openCliDatabase(values.db as string | undefined, 'upload');
  const reports = await loadDemoData(db, {
    orders: positiveInt(values.orders as string | undefined, '--orders', 20_000),
  });
  for (const report of reports) io.out(`${report.status}: ${report.message}`);
  return reports.some((r) => r.status === 'rejected') ? 1 : 0;
}

/** `demo remove`: the demo's rows out of all four tables in one transaction, audited as an undo. */
async function demoRemoveCommand(file: string | undefined, json: boolean, io: Io) {
  const db = await openCliDatabase(file, 'undo');
  const removal = await removeDemo(db).catch(async (error: unknown) => {
    await auditCli(db, {
      action: 'undo',
      outcome: 'failed',
      target: 'demo data',
      detail: reasonOf(error),
    });
    throw error;
  });
  await auditCli(db, { action: 'undo', outcome: 'ok', ...demoAuditTarget(removal) });
  io.out(
    json
      ? JSON.stringify({ status: 'removed', ...removal }, null, 2)
      : `${demoRemovedMessage(removal)} Demo loads ${removal.loads.join(', ')} are marked undone.`,
  );
  return 0;
}

function positiveInt(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new UsageError(`${flag} takes a positive whole number.`);
  return Number(value);
}

/** A zod error from flags the user typed is a usage error, with each problem named. */
function usageOfZod(error: unknown): never {
  if (error instanceof ZodError) throw new UsageError(linesOfZod(error).join('; '));
  throw error;
}

export async function inputsCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    from: { type: 'string' },
    to: { type: 'string' },
    team: { type: 'string' },
    fte: { type: 'string' },
    cost: { type: 'string' },
    currency: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const action = positionals[0] === 'remove' || positionals[0] === 'set' ? positionals[0] : 'list';
  const db = await openCliDatabase(
    values.db as string | undefined,
    action === 'list' ? 'view' : 'inputs',
  );
  if (positionals[0] === 'remove') {
    const key = { from: values.from, to: values.to, team: values.team ?? '' };
    await removeKpiInput(db, key).catch(usageOfZod);
    await auditCli(db, { action: 'inputs.remove', outcome: 'ok', target: JSON.stringify(key) });
    io.out(
      values.json
        ? JSON.stringify({ removed: key })
        : `Removed the figures for ${key.from} – ${key.to}${key.team ? ` (${key.team})` : ''}.`,
    );
    return 0;
  }
  if (positionals[0] === 'set') {
    const number = (flag: 'fte' | 'cost') => {
      const raw = values[flag] as string | undefined;
      if (raw === undefined) return undefined;
      if (!/^\d+(\.\d+)?$/.test(raw)) throw new UsageError(`--${flag} takes a number.`);
      return Number(raw);
    };
    const input = await setKpiInput(db, {
      from: values.from,
      to: values.to,
      team: values.team,
      fte: number('fte'),
      cost: number('cost'),
      currency: values.currency,
    }).catch(usageOfZod);
    await auditCli(db, { action: 'inputs.set', outcome: 'ok', target: JSON.stringify(input) });
    io.out(
      values.json
        ? JSON.stringify(input)
        : `Entered for ${input.from} – ${input.to}${input.team ? ` (${input.team})` : ''}.`,
    );
    return 0;
  }
  if (positionals.length > 0 && positionals[0] !== 'list')
    throw new UsageError('inputs takes set, remove or list.');
  const inputs = await listKpiInputs(db);
  io.out(
    values.json
      ? JSON.stringify(inputs, null, 2)
      : inputs
          .map(
            (i) =>
              `${i.from} – ${i.to} ${i.team || '(all)'}: FTE ${i.fte ?? '—'}, cost ${i.cost ?? '—'} ${i.currency ?? ''}`,
          )
          .join('\n') || 'No FTE or cost figures entered.',
  );
  return 0;
}
