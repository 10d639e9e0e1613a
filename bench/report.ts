/**
 * Time the executive report in each format on a loaded database, over the whole catalogue.
 * The first format runs cold (KPIs computed), later ones reuse the per-version KPI cache, so run
 * one format per process for cold timings:
 *   npx tsx --conditions=react-server bench/report.ts DB_FILE [pdf pptx xlsx csv png] [--from D --to D]
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openServedDatabase } from '@/runtime/open';
import { renderReport, reportFormats, type ReportFormat } from '@/lib/report';

const [file, ...rest] = process.argv.slice(2);
if (!file) throw new Error('usage: report.ts DB_FILE [FORMAT…] [--from DATE --to DATE]');
const flag = (name: string) => {
  const i = rest.indexOf(`--${name}`);
  return i >= 0 ? rest[i + 1] : undefined;
};
const formats = rest.filter((a): a is ReportFormat => reportFormats.includes(a as ReportFormat));
const filters = { from: flag('from'), to: flag('to') };
const db = await openServedDatabase(file);
const load = os.loadavg()[0]!.toFixed(1);
const lines = (await db.one<{ n: number }>('SELECT count(*) AS n FROM order_lines'))!.n;
const results: Record<string, unknown>[] = [];
for (const format of formats.length ? formats : reportFormats) {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const report = await renderReport(db, {
    format,
    filters: JSON.parse(JSON.stringify(filters)),
  });
  let bytes = 0;
  if (Buffer.isBuffer(report.body)) bytes = report.body.length;
  else for await (const chunk of report.body) bytes += chunk.length;
  const ms = Math.round(performance.now() - start);
  // CPU time of the whole process (JS and DuckDB threads): what the report costs on an idle
  // machine, whatever else the machine was running while it was timed.
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  if (Buffer.isBuffer(report.body))
    await writeFile(path.join(os.tmpdir(), `bench-${report.fileName}`), report.body);
  results.push({ format, ms, cpuMs, bytes, underTenSeconds: ms < 10_000 });
}
console.log(JSON.stringify({ lines, cores: os.cpus().length, load, filters, results }, null, 2));
