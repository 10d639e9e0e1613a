/** Read report outputs back for tests: PDF text (poppler's pdftotext), zip entries (yauzl). */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import yauzl from 'yauzl';
import { setTarget } from '@/lib/benchmarks/targets';
import type { Database } from '@/lib/db/database';
import { loadKpiFixture } from '@/lib/kpi/kpi-test-helpers';
import { buildReportModel } from './model';
import type { ReportFormat } from './options';
import type { ReportModel } from './types';

const run = promisify(execFile);

/** The text of a PDF, whitespace collapsed so text wrapped in a table cell still matches. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-report-'));
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  return stdout.replace(/\s+/g, ' ');
}

/**
 * The text of each page of a PDF (pdftotext -f N -l N), whitespace collapsed, first page first:
 * for rules that hold page by page (no near-empty page, the scorecard's numbers).
 */
export async function pdfPageTexts(pdf: Buffer): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-report-'));
  const file = path.join(dir, 'report.pdf');
  await writeFile(file, pdf);
  const { stdout: info } = await run('pdfinfo', [file]);
  const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  const page = async (n: number) => {
    const args = ['-enc', 'UTF-8', '-f', String(n), '-l', String(n), file, '-'];
    const { stdout } = await run('pdftotext', args);
    return stdout.replace(/\s+/g, ' ').trim();
  };
  return Promise.all(Array.from({ length: count }, (_, i) => page(i + 1)));
}

/** Words as a reader counts them: whitespace-separated, with a letter or digit ("—" is none). */
export const wordCount = (text: string) =>
  text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;

/** Every entry of a zip file (an XLSX or PPTX package) as text, by name. */
export function zipEntries(zip: Buffer): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zip, { lazyEntries: true }, (error, file) => {
      if (error || !file) return reject(error);
      const entries = new Map<string, string>();
      file.on('entry', (entry: yauzl.Entry) => {
        file.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
            file.readEntry();
          });
        });
      });
      file.on('end', () => resolve(entries));
      file.on('error', reject);
      file.readEntry();
    });
  });
}

/** The filters of the fixture report: January 2024 at two sites. */
export const fixtureFilters = { from: '2024-01-01', to: '2024-01-31', site: ['DC1', 'DC2'] };
/** When the fixture report is generated. */
export const fixtureNow = new Date('2024-02-01T09:30:00Z');

/**
 * The report every format test renders: the KPI fixture with a 95% fill-rate target, for
 * January 2024 at DC1 and DC2, for an organisation whose name is outside Latin-1.
 */
export async function fixtureReport(format: ReportFormat): Promise<{
  db: Database;
  model: ReportModel;
}> {
  const db = await loadKpiFixture();
  await setTarget(db, { kpi: 'order_fill_rate', value: 95 });
  const options = { format, filters: fixtureFilters, organisation: 'Acme Łódź' };
  return { db, model: await buildReportModel(db, options, fixtureNow) };
}
