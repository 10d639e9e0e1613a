import 'server-only';
/** orderlens report: the executive benchmark report as PDF, PPTX, XLSX, CSV or PNG, to a file. */
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ZodError } from 'zod';
import { problemsOfZod } from '@/lib/errors';
import { renderReport, reportFormats, type ReportFormat } from '@/lib/report';
import { reportOptionsSchema } from '@/lib/report/options';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';
import { kpiQueryFlags, kpiQueryFromFlags } from './kpis';

export async function reportCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    ...kpiQueryFlags,
    format: { type: 'string' },
    out: { type: 'string' },
    by: { type: 'string' },
    grain: { type: 'string' },
    compare: { type: 'string' },
    org: { type: 'string' },
    chart: { type: 'string' },
    drill: { type: 'string' },
    db: { type: 'string' },
  });
  const format = values.format as ReportFormat | undefined;
  const out = values.out as string | undefined;
  if (!format || !reportFormats.includes(format))
    throw new UsageError(`--format must be one of ${reportFormats.join(', ')}.`);
  if (!out) throw new UsageError('--out FILE is required.');
  const { filters, ids } = kpiQueryFromFlags(values);
  const options = validOptions({
    format,
    filters,
    ...(ids ? { kpis: ids } : {}),
    by: values.by,
    grain: values.grain,
    compare: values.compare,
    organisation: values.org,
    chart: values.chart,
    drill: values.drill,
  });
  const db = await openCliDatabase(values.db as string | undefined, 'export');
  const report = await renderReport(db, options);
  await auditCli(db, { action: 'export', outcome: 'ok', target: out, detail: `${format}` });
  if (Buffer.isBuffer(report.body)) await writeFile(out, report.body);
  else await pipeline(Readable.from(report.body), createWriteStream(out));
  io.out(`Wrote ${out} (${format}).`);
  return 0;
}

/** Option problems are usage errors, named by their flag. */
function validOptions(input: Record<string, unknown>) {
  const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  try {
    return reportOptionsSchema.parse(defined);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    const flag = (path = '') => (path === 'organisation' ? 'org' : path);
    const lines = problemsOfZod(error).map((p) => `--${flag(p.path)}: ${p.message}`);
    throw new UsageError(lines.join('\n'));
  }
}
