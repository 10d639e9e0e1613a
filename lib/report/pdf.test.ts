/**
 * The executive pack's layout on a demo-sized database: no near-empty page, no chart that says it
 * has nothing to show, the summary led by the model's first message, the scorecard's numbers the
 * formatter's, and the structure a screen reader needs.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { setTarget } from '@/lib/benchmarks/targets';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadDemoData } from '@/lib/demo';
import { bulletScale, hasTrendValues } from './chart-svg';
import { noMessagesText } from './labels';
import { buildReportModel } from './model';
import { reportFileName } from './options';
import { renderReportPdf } from './pdf';
import { svgToPng } from './png';
import { pdfPageTexts, wordCount } from './report-test-helpers';
import type { ReportKpi, ReportModel, StatusColour } from './types';

const now = new Date('2026-01-05T08:00:00Z');
/** Fewer words than this and a page is mostly empty. */
const MIN_WORDS = 60;
let model: ReportModel;
let pdf: Buffer;
let pages: string[];

beforeAll(async () => {
  const db = await openMemoryDatabase();
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'orderlens-pdf-test-'));
  // About 3 s on two cores: loaded once for every test below.
  await loadDemoData(db, { orders: 20_000, workDir });
  await setTarget(db, { kpi: 'order_fill_rate', value: 95 });
  await setTarget(db, { kpi: 'order_shipment_cycle_time', value: 40 });
  model = await buildReportModel(db, { format: 'pdf' }, now);
  pdf = await renderReportPdf(model);
  pages = await pdfPageTexts(pdf);
}, 120_000);

const pageOf = (heading: string) => pages.findIndex((p) => p.includes(heading));
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('the PDF layout', () => {
  it('has no page after the cover with fewer than 60 words', () => {
    expect(pages.length).toBeGreaterThan(6);
    pages.slice(1).forEach((text, i) => {
      expect(wordCount(text), `page ${i + 2}: ${text.slice(0, 120)}`).toBeGreaterThanOrEqual(
        MIN_WORDS,
      );
    });
  });

  it('never prints a chart that says it has no values', () => {
    for (const text of pages) expect(text).not.toMatch(/No values/i);
  });

  it('gives a KPI without trend values a sentence instead of a chart', () => {
    const flat = model.kpis.filter((k) => k.section && !hasTrendValues(k));
    for (const k of flat) {
      expect(pages.join(' ')).toContain(`values to draw a trend: the value of ${k.formatted}`);
    }
  });

  it('leads the executive summary with the model’s first message', () => {
    const summary = pages[1]!;
    expect(summary).toContain('Executive summary');
    const lead = summary.slice(summary.indexOf('What matters this period'));
    const first = model.messages[0];
    if (!first) return expect(lead).toContain(noMessagesText);
    expect(lead).toContain(collapse(first.text));
    // Most significant first: the first message comes before every other.
    for (const m of model.messages.slice(1))
      expect(lead.indexOf(collapse(m.text))).toBeGreaterThan(lead.indexOf(collapse(first.text)));
  });

  it('names the largest significant deterioration among the summary sentences', () => {
    const worst = model.kpis
      .filter((k) => (k.movement?.significance ?? 0) < -1)
      .sort((a, b) => a.movement!.significance! - b.movement!.significance!)[0];
    expect(worst).toBeDefined();
    const lead = collapse(pages[1]!.slice(pages[1]!.indexOf('What matters this period')));
    expect(lead.slice(0, lead.indexOf('At a glance'))).toContain(`${worst!.name} `);
  });

  it('prints on the scorecard only numbers the formatter gives for the model', () => {
    const scorecard = pages[2]!;
    expect(scorecard).toContain('Scorecard');
    const valued = model.kpis.filter((k) => k.available);
    const allowed = new Set(valued.flatMap(numbersOf));
    for (const k of valued) {
      expect(scorecard, k.id).toContain(k.name.split(' ')[0]!);
      expect(scorecard, k.id).toContain(k.formatted);
      if (k.change) expect(scorecard, k.id).toContain(k.change.text);
    }
    const body = scorecard
      .replace(/\d{4}-\d{2}-\d{2}/g, '')
      .replace(/Page \d+ of \d+/, '')
      .replace(/\b\d+ KPIs? ha(s|ve) no value/, '');
    const numbers = body.match(NUMBER) ?? [];
    expect(numbers.length).toBeGreaterThan(valued.length);
    for (const n of numbers) expect(allowed, n).toContain(n.trim());
  });

  it('starts each appendix on a page of its own', () => {
    for (const title of [
      'Appendix A: definitions',
      'Appendix B: benchmark sources',
      'Appendix C: load ledger',
    ]) {
      const text = pages[pageOf(title)]!;
      // The running header, then the appendix's title.
      expect(text.replace(/^.*?KPI benchmark report /, ''), title).toMatch(new RegExp(`^${title}`));
    }
  });

  it('lists the KPIs without data once, in Appendix A, with the reason', () => {
    const missing = model.kpis.filter((k) => !k.available);
    expect(missing.length).toBeGreaterThan(0);
    const table = pages.findIndex((p) => p.includes('KPIs without the data they need'));
    expect(table).toBeGreaterThanOrEqual(pageOf('Appendix A: definitions'));
    for (const k of missing) expect(pages[table]).toContain(k.unavailableReason!);
  });

  it('is tagged, in English, and shows its title', () => {
    const raw = pdf.toString('latin1');
    expect(raw).toContain('/Lang (en-GB)');
    expect(raw).toContain('/MarkInfo');
    expect(raw).toContain('/Marked true');
    expect(raw).toContain('/StructTreeRoot');
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    for (const type of ['/S /H1', '/S /H2', '/S /P', '/S /Table', '/S /Figure'])
      expect(raw).toContain(type);
  });
});

describe('the scorecard page', () => {
  it('fits every KPI on one page when all have a status', async () => {
    const judged = structuredClone(model);
    const colours: StatusColour[] = ['green', 'amber', 'red'];
    judged.kpis.forEach((k, i) => {
      k.status = { colour: colours[i % 3]!, against: 'band', label: 'Short of Best-in-Class' };
    });
    const texts = await pdfPageTexts(await renderReportPdf(judged));
    expect(texts[2]).toContain('Scorecard');
    for (const k of judged.kpis.filter((k) => k.available)) expect(texts[2]).toContain(k.formatted);
    expect(texts[3]).toContain('THE KPIS IN DETAIL');
  });
});

/** A number as the scorecard prints it, with its unit: "52.6 h", "+8.1 h", "90.3%", "-3.1 pp". */
const NUMBER = /[+\-±]?\d[\d,]*(\.\d+)?( pp| h| d| orders\/FTE| per order|%)?/g;

/** Every number the scorecard may print for a KPI, each as the formatter writes it. */
function numbersOf(k: ReportKpi): string[] {
  const own = [k.formatted, k.change?.text ?? '', k.target?.formatted ?? '', k.status.label];
  return [...own, ...bulletScale(k).labels].flatMap((s) => s.match(NUMBER) ?? []);
}

describe('the cover', () => {
  it("draws the organisation's logo, and no image without one", async () => {
    const branded = structuredClone(model);
    const square =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#1f4e8c"/></svg>';
    branded.logo = { data: svgToPng(square, 80), type: 'png' };
    const raw = (await renderReportPdf(branded)).toString('latin1');
    expect(raw).toContain('/Subtype /Image');
    expect(raw).toContain('/Alt (Orderlens logo)');
    expect(pdf.toString('latin1')).not.toContain('/Subtype /Image');
  });
});

describe('the PNG chart', () => {
  it('is named after its KPI; the other formats after the report', () => {
    const at = '2025-03-31T10:00:00.000Z';
    expect(reportFileName('png', at, 'order_fill_rate')).toBe(
      'orderlens-order_fill_rate-2025-03-31.png',
    );
    expect(reportFileName('pdf', at)).toBe('orderlens-report-2025-03-31.pdf');
  });
});
