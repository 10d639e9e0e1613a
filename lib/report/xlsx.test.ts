import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatKpiChange, formatKpiValue } from '@/lib/format/kpi-value';
import { svgToPng } from './png';
import { fixtureReport, zipEntries } from './report-test-helpers';
import type { ReportKpi, ReportModel } from './types';
import { renderReportXlsx, scorecardColumn as col, sheetName } from './xlsx';

let model: ReportModel;

beforeAll(async () => {
  ({ model } = await fixtureReport('xlsx'));
});

async function read(book: Buffer): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(book as never);
  return out;
}

/** The scorecard's rows by KPI id. */
function scorecardRows(book: ExcelJS.Workbook): Map<string, ExcelJS.Row> {
  const rows = new Map<string, ExcelJS.Row>();
  book.getWorksheet('Scorecard')!.eachRow((row) => {
    rows.set(String(row.getCell(col['KPI id']).value), row);
  });
  return rows;
}

/**
 * The text Excel shows for the formats the workbook writes ("#,##0.0" with quoted literals, up to
 * three sections), written apart from the formatter so that each checks the other.
 */
function shown(cell: ExcelJS.Cell): string {
  const value = cell.value as number;
  const sections = cell.numFmt.split(';');
  const section =
    sections.length === 1 || value > 0 ? sections[0]! : value < 0 ? sections[1]! : sections[2]!;
  const [, before = '', decimals = '', after = ''] =
    /^((?:"[^"]*")*)#,##0(?:\.(0+))?((?:"[^"]*")*)$/.exec(section)!;
  const scaled = Math.round(Number((Math.abs(value) * 10 ** decimals.length).toPrecision(15)));
  const digits = String(scaled).padStart(decimals.length + 1, '0');
  const whole = digits.slice(0, digits.length - decimals.length).replace(/\B(?=(\d{3})+$)/g, ',');
  const fraction = decimals ? `.${digits.slice(-decimals.length)}` : '';
  const sign = sections.length === 1 && value < 0 && scaled ? '-' : '';
  const literal = (s: string) => s.replace(/"/g, '');
  return `${literal(before)}${sign}${whole}${fraction}${literal(after)}`;
}

describe('the XLSX report', () => {
  it('holds every value as a number whose unit format shows the formatter text', async () => {
    const book = await read(await renderReportXlsx(model));
    const rows = scorecardRows(book);
    for (const kpi of model.kpis) {
      const row = rows.get(kpi.id)!;
      expect(row.getCell(col.KPI).value).toBe(kpi.name);
      expect(row.getCell(col.Counted).value).toBe(kpi.coverage.counted);
      if (kpi.value === null) continue;
      const value = row.getCell(col.Value);
      expect(value.value).toBe(kpi.value);
      expect(shown(value)).toBe(formatKpiValue(kpi.value, kpi.unit));
    }
    expect(rows.get('order_shipment_cycle_time')!.getCell(col.Value).numFmt).toBe('#,##0.0" h"');
    const fill = rows.get('order_fill_rate')!;
    expect(fill.getCell(col.Value).numFmt).toBe('#,##0.0"%"');
    expect(fill.getCell(col.Target).value).toBe(95);
    expect(shown(fill.getCell(col.Target))).toBe('95.0%');
  });

  it("formats each KPI sheet's value, series and breakdown by unit", async () => {
    const copy = structuredClone(model);
    const kpi = copy.kpis.find((k) => k.id === 'order_shipment_cycle_time')!;
    kpi.trend = {
      grain: 'day',
      points: [
        { period: '2024-01-02', label: '01-02', value: 21, n: 2, partial: false },
        { period: '2024-01-03', label: '01-03', value: null, n: 0, partial: false },
        {
          period: '2024-01-04',
          label: '01-04',
          value: 1234.56,
          n: 1234,
          partial: true,
          maturing: 3,
        },
      ],
    };
    const book = await read(await renderReportXlsx(copy));
    const sheet = book.getWorksheet(kpi.name)!;
    const rowOf = (label: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        if (row.getCell(1).value === label) found = row;
      });
      return found!;
    };
    expect(shown(rowOf('Value').getCell(2))).toBe(kpi.formatted);
    const first = rowOf('Period (day)').number + 1;
    const trend = [0, 1, 2].map((i) => {
      const row = sheet.getRow(first + i);
      const value = row.getCell(2);
      return [
        row.getCell(1).value,
        value.value === null ? null : shown(value),
        shown(row.getCell(3)),
        row.getCell(4).value,
        row.getCell(5).value,
      ];
    });
    expect(trend).toEqual([
      [new Date('2024-01-02T00:00:00Z'), '21.0 h', '2', 'no', null],
      [new Date('2024-01-03T00:00:00Z'), null, '0', 'no', null],
      [new Date('2024-01-04T00:00:00Z'), '1,234.6 h', '1,234', 'yes', 3],
    ]);
    // The breakdown by site: DC1's orders took 60 h to ship.
    const dc1 = rowOf('DC1');
    expect([dc1.getCell(2).value, shown(dc1.getCell(2))]).toEqual([60, '60.0 h']);
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining(['Scorecard', 'Definitions', 'Sources', 'Coverage', 'Ledger']),
    );
  });

  it('puts the status in words on its colour, and the change with better or worse', async () => {
    const copy = structuredClone(model);
    const fill = copy.kpis.find((k) => k.id === 'order_fill_rate')!;
    fill.status = { colour: 'red', against: 'target', label: 'Off track' };
    fill.change = {
      kind: 'previous',
      from: '2023-12-01',
      to: '2023-12-31',
      previous: 52.25,
      change: -2.25,
      improvement: -2.25,
      partial: false,
      note: null,
      text: '-2.3 pp',
    };
    const row = scorecardRows(await read(await renderReportXlsx(copy))).get('order_fill_rate')!;
    const status = row.getCell(col.Status);
    expect(status.value).toBe('Off track');
    expect(status.fill).toMatchObject({ pattern: 'solid', fgColor: { argb: 'FFF8C9C4' } });
    expect(shown(row.getCell(col.Change))).toBe(formatKpiChange(-2.25, 'percent'));
    expect(row.getCell(col['Better or worse']).value).toBe('worse');
    expect(shown(row.getCell(col['Previous value']))).toBe('52.3%');
  });

  it('names sheets uniquely within 31 characters, without the characters Excel forbids', async () => {
    const copy = structuredClone(model);
    const long = 'Order fulfilment cycle time from order entry to final delivery';
    copy.kpis.slice(0, 12).forEach((k, i) => {
      k.name = i === 11 ? 'Fill rate: lines / units [beta]?*\\' : `${long} (${i % 2 ? 'B' : 'A'})`;
    });
    const book = await read(await renderReportXlsx(copy));
    const names = book.worksheets.map((s) => s.name);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[:\\/?*[\]]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    expect(names.slice(1, 4)).toEqual([
      'Order fulfilment cycle time fro',
      'Order fulfilment cycle time (2)',
      'Order fulfilment cycle time (3)',
    ]);
    expect(names[11]).toBe('Order fulfilment cycle tim (11)');
    expect(names[12]).toBe('Fill rate lines units beta');
    // Each KPI sheet still says in full which KPI it holds.
    expect(book.worksheets[2]!.getCell('A1').value).toBe(`Acme Łódź: ${long} (B)`);
  });

  it('embeds the trend chart as an image on each KPI sheet with a trend, and the logo', async () => {
    const copy = structuredClone(model);
    copy.logo = {
      type: 'png',
      data: svgToPng(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10"/></svg>',
        400,
      ),
    };
    const xlsx = await renderReportXlsx(copy);
    const book = await read(xlsx);
    copy.kpis.forEach((kpi: ReportKpi, i) => {
      const charted = kpi.trend.points.some((p) => p.value !== null);
      expect(book.worksheets[1 + i]!.getImages(), kpi.id).toHaveLength(charted ? 1 : 0);
    });
    expect(copy.kpis.some((k) => k.trend.points.some((p) => p.value !== null))).toBe(true);
    const [logo] = book.getWorksheet('Scorecard')!.getImages();
    expect(logo!.range.tl).toMatchObject({ nativeCol: 0, nativeRow: 0 });
    const media = [...(await zipEntries(xlsx)).keys()].filter((n) => n.startsWith('xl/media/'));
    expect(media.length).toBeGreaterThan(1);
  });
});

describe('a sheet name', () => {
  it('is cut to 31 characters and numbered when the cut meets a name taken', () => {
    const taken = new Set(['scorecard']);
    expect(sheetName('Scorecard', taken)).toBe('Scorecard (2)');
    const name = 'x'.repeat(40);
    expect(sheetName(name, taken)).toBe('x'.repeat(31));
    expect(sheetName(name, taken)).toBe(`${'x'.repeat(27)} (2)`);
    for (let i = 3; i <= 10; i++) sheetName(name, taken);
    expect(sheetName(name, taken)).toBe(`${'x'.repeat(26)} (11)`);
    expect(sheetName("'quoted'", taken)).toBe('quoted');
    expect(sheetName('[]:*?/\\', taken)).toBe('KPI');
  });
});
