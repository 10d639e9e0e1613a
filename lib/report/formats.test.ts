import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { openMemoryDatabase, type Database } from '@/lib/db/database';
import { formatKpiValue } from '@/lib/format/kpi-value';
import { scorecard } from '@/lib/kpi/scorecard';
import { renderScorecardCsv } from './csv';
import { buildReportModel } from './model';
import { renderReportPdf } from './pdf';
import { renderReportPng, PNG_WIDTH } from './png';
import { renderReportPptx } from './pptx';
import { fixtureFilters, fixtureNow, fixtureReport, pdfText } from './report-test-helpers';
import type { ReportModel } from './types';
import { renderReportXlsx } from './xlsx';

const now = fixtureNow;
const filters = fixtureFilters;
let db: Database;
let model: ReportModel;

beforeAll(async () => {
  ({ db, model } = await fixtureReport('pdf'));
});

describe('the PDF report', () => {
  it("prints every KPI's name and value as the KPI API computes them, the filters and sources", async () => {
    const text = await pdfText(await renderReportPdf(model));
    const entries = await scorecard(db, { filters }, undefined);
    for (const entry of entries) {
      expect(text).toContain(entry.name);
      if (entry.available)
        expect(text).toContain(`Value: ${formatKpiValue(entry.value, entry.unit)}`);
    }
    expect(text).toContain('Site: DC1, DC2');
    // The bundled font prints names outside Latin-1.
    expect(text).toContain('Acme Łódź');
    expect(text).toContain('2024-01-01 to 2024-01-31');
    for (const source of model.sources) {
      expect(text).toContain(source.name);
      expect(text).toContain(source.edition);
    }
    for (const load of model.ledger) expect(text).toContain(load.contentHash);
    expect(text).toMatch(/Page 1 of (\d+)/);
    expect(text).toContain('Target: 95.0%');
  });

  it('has the same text when rendered twice', async () => {
    const [a, b] = await Promise.all([renderReportPdf(model), renderReportPdf(model)]);
    expect(await pdfText(a)).toBe(await pdfText(b));
  });
});

describe('the PNG chart', () => {
  it('is a PNG at presentation resolution', () => {
    const png = renderReportPng(model, 'order_fill_rate');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(PNG_WIDTH);
  });
});

describe('spreadsheet injection', () => {
  const attacks = ['=SUM(1)', '+1', '-2', '@x', '\tx', '\rx', '\nx'];
  const dangerous = /^[=+\-@\t\r\n]/;
  const plainNumber = /^-?\d+(\.\d+)?(e-?\d+)?$/i;

  function poisoned(): ReportModel {
    const copy = structuredClone(model);
    copy.organisation = '=HYPERLINK("http://x")';
    copy.kpis.forEach((k, i) => {
      k.name = attacks[i % attacks.length]!;
      k.breakdown.segments = attacks.map((segment, j) => ({
        segment,
        value: j - 3,
        formatted: String(j - 3),
        n: j,
        quartile: null,
      }));
    });
    return copy;
  }

  it('neutralises every XLSX text cell and keeps numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderReportXlsx(poisoned())) as never);
    const texts: string[] = [];
    const numbers: number[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string') texts.push(cell.value);
          if (typeof cell.value === 'number') numbers.push(cell.value);
        }),
      ),
    );
    for (const text of texts) expect(text).not.toMatch(dangerous);
    // XML stores a carriage return as a line feed; either way the apostrophe comes first.
    for (const attack of attacks) expect(texts).toContain(`'${attack.replace('\r', '\n')}`);
    expect(numbers).toContain(-3);
  });

  it('neutralises every CSV text field and keeps numbers as numbers', () => {
    const csv = renderScorecardCsv(poisoned());
    const { data } = Papa.parse<string[]>(csv.trimEnd());
    for (const field of data.flat()) {
      if (dangerous.test(field)) expect(field).toMatch(plainNumber);
    }
    expect(data.map((r) => r[1])).toEqual(expect.arrayContaining(attacks.map((a) => `'${a}`)));
    const cycle = data.find((r) => r[0] === 'order_shipment_cycle_time')!;
    expect(Number(cycle[2])).toBe(model.kpis.find((k) => k.id === cycle[0])!.value);
  });

  it('writes the same CSV twice', () => {
    expect(renderScorecardCsv(model)).toBe(renderScorecardCsv(model));
  });
});

describe('a report on an empty database', () => {
  it('renders every format and says the KPIs have no data', async () => {
    const empty = await openMemoryDatabase();
    const bare = await buildReportModel(empty, { format: 'pdf' }, now);
    expect(bare.period.text).toBe('All data');
    expect(bare.kpis.every((k) => !k.available)).toBe(true);
    const text = await pdfText(await renderReportPdf(bare));
    expect(text).toContain('KPIs without the data they need');
    await expect(renderReportXlsx(bare)).resolves.toBeInstanceOf(Buffer);
    await expect(renderReportPptx(bare)).resolves.toBeInstanceOf(Buffer);
    expect(renderScorecardCsv(bare).split('\r\n')).toHaveLength(bare.kpis.length + 2);
    expect(renderReportPng(bare).length).toBeGreaterThan(0);
  });
});
