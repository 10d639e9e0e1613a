/**
 * Issue 16: a KPI whose status is amber or red carries its practices' titles and the link to them
 * in every format of the report; a green or grey one carries none.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { getKpi } from '@/lib/kpi/engine';
import { practicesOf } from './model';
import { renderReportPdf } from './pdf';
import { renderReportPptx } from './pptx';
import { fixtureReport, pdfText, zipEntries } from './report-test-helpers';
import type { ReportModel } from './types';
import { renderReportXlsx } from './xlsx';

let model: ReportModel;

beforeAll(async () => {
  ({ model } = await fixtureReport('pdf'));
}, 120_000);

/** The fixture's report with order fill rate off target and every other KPI green. */
function withOneRed(): ReportModel {
  const copy = structuredClone(model);
  for (const k of copy.kpis) {
    k.status =
      k.id === 'order_fill_rate'
        ? { colour: 'red', against: 'target', label: 'Off track' }
        : { colour: 'green', against: 'target', label: 'On track' };
    k.practices = practicesOf(getKpi(k.id), k.status);
  }
  return copy;
}

const fillRateTitles = () => getKpi('order_fill_rate').practices!.map((p) => p.title);

describe('practices in the report', () => {
  it('names the practices of an amber or red KPI, with the link to the KPI page', () => {
    const kpi = getKpi('order_fill_rate');
    for (const colour of ['amber', 'red'] as const) {
      const practices = practicesOf(kpi, { colour })!;
      expect(practices.titles).toEqual(fillRateTitles());
      expect(practices.link).toMatch(/\/kpis\/order_fill_rate#practices$/);
      expect(practices.text).toBe(
        `How to improve it: ${fillRateTitles().join('; ')}. Each in full, with its sources, on the KPI page: ${practices.link}`,
      );
    }
    expect(practicesOf(kpi, { colour: 'green' })).toBeNull();
    expect(practicesOf(kpi, { colour: 'grey' })).toBeNull();
    expect(practicesOf({ id: 'x', practices: [] }, { colour: 'red' })).toBeNull();
  });

  it('follows the status the model gives each KPI', () => {
    for (const k of model.kpis) {
      const red = k.status.colour === 'amber' || k.status.colour === 'red';
      expect(k.practices ?? null, k.id).toEqual(red ? practicesOf(getKpi(k.id), k.status) : null);
    }
  });

  it('prints them in the PDF, the workbook and the deck’s notes, and nothing for green KPIs', async () => {
    const report = withOneRed();
    const [first] = fillRateTitles();
    const pdf = await pdfText(await renderReportPdf(report));
    expect(pdf).toContain('How to improve it:');
    expect(pdf).toContain(first!);
    expect(pdf.match(/How to improve it:/g)).toHaveLength(1);

    const book = [...(await zipEntries(await renderReportXlsx(report))).values()].join('\n');
    expect(book).toContain(`How to improve it: ${first}`);

    const deck = [...(await zipEntries(await renderReportPptx(report))).entries()];
    const notes = deck.filter(([name]) => name.startsWith('ppt/notesSlides/')).map(([, t]) => t);
    expect(notes.filter((t) => t.includes('How to improve it:'))).toHaveLength(1);
    const slides = deck.filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slides.filter(([, t]) => t.includes('practices, in the notes'))).toHaveLength(1);
  });
});
