/**
 * Issue 12: every KPI of the catalogue, with awkward values, prints the same text on the scorecard
 * card, in the page charts' tables, in the report chart, the PDF, the deck, the CSV and the
 * workbook (whose cells are numbers; their number formats are applied here as Excel would).
 */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { BreakdownBars } from '@/app/ui/charts/breakdown-bars';
import { TrendChart } from '@/app/ui/charts/trend-chart';
import { KpiCard } from '@/app/ui/kpi-card';
import type { Target } from '@/lib/benchmarks/targets';
import { formatKpiChange, formatKpiValue, kpiNumberFormat } from '@/lib/format/kpi-value';
import type { KpiDefinition } from '@/lib/semantic/kpi';
import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import type { KpiValue } from '@/lib/kpi/types';
import { catalogue } from '@/metrics';
import { trendChartSvg } from './chart-svg';
import { renderScorecardCsv } from './csv';
import { reportKpiOf } from './model';
import { renderReportPdf } from './pdf';
import { renderReportPptx } from './pptx';
import { pdfText, zipEntries } from './report-test-helpers';
import { moversOf } from './summary';
import type { ReportModel } from './types';
import { renderReportXlsx, scorecardColumn as col } from './xlsx';

/** Values that round, group, vanish or carry a sign; each KPI gets each as its value once. */
const VALUES = [1234.5, 0.999, 0, 52.5, 99.56];
const CHANGES = [-0.04, -1.25, 0, 3.456, -1234.5];
const SEGMENTS = ['North', 'South', 'East', 'West', 'Centre'];

const value = (i: number, round: number) => VALUES[(i + round) % VALUES.length]!;
const change = (i: number, round: number) => CHANGES[(i + round) % CHANGES.length]!;
const target = (i: number, round: number) => VALUES[(i + round + 1) % VALUES.length]!;
/** The breakdown holds every sample value, negative ones too. */
const segmentValue = (s: number) => (s % 2 ? -1 : 1) * VALUES[s]!;

const point = (v: number, extra: Partial<KpiValue>): KpiValue => ({
  value: v,
  numerator: null,
  denominator: null,
  n: 5,
  excluded: [],
  ...extra,
});

function entryOf(kpi: KpiDefinition, i: number, round: number): ScorecardEntry {
  const v = value(i, round);
  const c = change(i, round);
  return {
    id: kpi.id,
    name: kpi.name,
    unit: kpi.unit,
    direction: kpi.direction,
    standard: kpi.standard,
    variant: kpi.variant,
    asOf: kpi.asOfLabel,
    basis: 'measured',
    basisNotes: [],
    available: true,
    ...point(v, { n: 25 }),
    series: [point(v - 1, { period: '2024-01-01' }), point(v, { period: '2024-02-01' })],
    comparisons: [
      {
        kind: 'previous',
        range: { from: '2023-11-01', to: '2023-12-31' },
        value: v - c,
        n: 20,
        change: c,
      },
    ],
    placements: [],
    target: { target: { value: target(i, round) } as Target, status: 'on_track' },
  };
}

function segmentedOf(entry: ScorecardEntry): ScorecardEntry {
  return {
    ...entry,
    series: SEGMENTS.map((segment, s) => point(segmentValue(s), { segment, n: 10 - s })),
  };
}

interface Round {
  entries: ScorecardEntry[];
  model: ReportModel;
}

function roundOf(round: number): Round {
  const entries = catalogue.kpis.map((kpi, i) => entryOf(kpi, i, round));
  const kpis = entries.map((e) => reportKpiOf(e, segmentedOf(e), null, 'site', 'month'));
  const model: ReportModel = {
    organisation: 'Same Text Ltd',
    logo: null,
    generatedAt: '2024-03-01T00:00:00.000Z',
    period: { from: '2024-01-01', to: '2024-02-29', text: '2024-01-01 to 2024-02-29' },
    filters: [],
    context: '2024-01-01 to 2024-02-29',
    comparison: { kind: 'previous', text: 'Change against the previous period' },
    data: {
      loads: 1,
      firstOrder: '2024-01-01',
      lastOrder: '2024-02-29',
      ordersCounted: 25,
      isDemo: false,
    },
    kpis,
    messages: [],
    movers: moversOf(kpis),
    sources: [],
    ledger: [],
  };
  return { entries, model };
}

const rounds = VALUES.map((_, round) => roundOf(round));

/** What each KPI must print in a round, straight from the formatter. */
function expected(kpi: KpiDefinition, i: number, round: number) {
  return {
    value: formatKpiValue(value(i, round), kpi.unit),
    previous: formatKpiValue(value(i, round) - change(i, round), kpi.unit),
    change: formatKpiChange(change(i, round), kpi.unit),
    target: formatKpiValue(target(i, round), kpi.unit),
    segments: SEGMENTS.map((_, s) => formatKpiValue(segmentValue(s), kpi.unit)),
  };
}

const eachKpi = (fn: (kpi: KpiDefinition, i: number, round: number) => void) => {
  rounds.forEach((_, round) => catalogue.kpis.forEach((kpi, i) => fn(kpi, i, round)));
};

/** Markup as the text a reader sees. */
const visible = (html: string) =>
  html
    .replace(/<span class="visually-hidden">.*?<\/span>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&');

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Excel's rendering of the number formats the workbook uses ("#,##0.0" with quoted literals, up
 * to three sections), written independently of the formatter so the two check each other.
 */
function excelText(cellValue: number, numFmt: string): string {
  const sections = numFmt.split(';');
  const section =
    sections.length === 1 || cellValue > 0
      ? sections[0]!
      : cellValue < 0
        ? sections[1]!
        : (sections[2] ?? sections[0]!);
  const match = /^((?:"[^"]*")*)#,##0(?:\.(0+))?((?:"[^"]*")*)$/.exec(section);
  if (!match) throw new Error(`unexpected number format ${numFmt}`);
  const literal = (s: string | undefined) => (s ?? '').replace(/"/g, '');
  const digits = match[2]?.length ?? 0;
  // Excel rounds the decimal it shows (15 significant digits) half away from zero.
  const size = Math.abs(cellValue);
  const scaled = Math.round(Number((size * 10 ** digits).toPrecision(15)));
  const whole = String(Math.floor(scaled / 10 ** digits)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = digits ? `.${String(scaled % 10 ** digits).padStart(digits, '0')}` : '';
  const sign = sections.length === 1 && cellValue < 0 && scaled !== 0 ? '-' : '';
  return `${literal(match[1])}${sign}${whole}${fraction}${literal(match[3])}`;
}

describe('one way to print a KPI value', () => {
  it('the scorecard card prints the value, change, previous value and target', () => {
    eachKpi((kpi, i, round) => {
      const entry = rounds[round]!.entries[i]!;
      const text = visible(renderToStaticMarkup(createElement(KpiCard, { entry, search: '' })));
      const want = expected(kpi, i, round);
      // The heading and the value are adjacent in the card's link.
      expect(text).toContain(`${kpi.name}${want.value}`);
      expect(text).toMatch(
        new RegExp(
          `${escapeRegExp(want.change)} (better|worse|unchanged)\\s*vs ${escapeRegExp(want.previous)}`,
        ),
      );
      expect(text).toContain(`target ${kpi.direction === 'higher' ? '≥' : '≤'} ${want.target}`);
    });
  });

  it("the page charts' tables print the trend and breakdown values", () => {
    eachKpi((kpi, i, round) => {
      if (round > 0) return;
      const entry = rounds[round]!.entries[i]!;
      const want = expected(kpi, i, round);
      const trend = renderToStaticMarkup(
        createElement(TrendChart, {
          title: kpi.name,
          measure: kpi.name.toLowerCase(),
          unit: kpi.unit,
          direction: kpi.direction,
          grain: 'month',
          points: entry.series!.map((s) => ({ period: s.period!, value: s.value, n: s.n })),
          target: target(i, round),
        }),
      );
      expect(visible(trend)).toContain(want.value);
      expect(trend).toContain(`<td class="num">${want.value}</td>`);
      const bars = renderToStaticMarkup(
        createElement(BreakdownBars, {
          title: kpi.name,
          dimension: 'site',
          unit: kpi.unit,
          direction: kpi.direction,
          rows: SEGMENTS.map((label, s) => ({
            label,
            value: segmentValue(s),
            n: 10 - s,
            quartile: null,
          })),
        }),
      );
      for (const text of want.segments) expect(bars).toContain(`<td class="num">${text}</td>`);
    });
  });

  it('the report chart prints the value and the target', () => {
    eachKpi((kpi, i, round) => {
      const svg = trendChartSvg(rounds[round]!.model.kpis[i]!);
      const want = expected(kpi, i, round);
      expect(svg).toContain(`>${kpi.name}: ${want.value}</text>`);
      if (svg.includes('>Target ')) expect(svg).toContain(`>Target ${want.target}</text>`);
    });
  });

  describe('the rendered reports', () => {
    const pdfs: string[] = [];
    const decks: Map<string, string>[] = [];
    const books: ExcelJS.Workbook[] = [];

    beforeAll(async () => {
      for (const { model } of rounds) {
        const [pdf, pptx, xlsx] = await Promise.all([
          renderReportPdf(model),
          renderReportPptx(model),
          renderReportXlsx(model),
        ]);
        pdfs.push(await pdfText(pdf));
        decks.push(await zipEntries(pptx));
        const book = new ExcelJS.Workbook();
        await book.xlsx.load(xlsx as never);
        books.push(book);
      }
    });

    it('the PDF prints the value, target and change of every KPI', () => {
      eachKpi((kpi, i, round) => {
        const want = expected(kpi, i, round);
        // The KPI's own section: its heading and definition up to its coverage line.
        const text = pdfs[round]!;
        // Name and the start of the definition: a long name alone also stands in the scorecard.
        const start = text.indexOf(`${kpi.name} ${kpi.definition}`.slice(0, kpi.name.length + 20));
        expect(start, kpi.id).toBeGreaterThan(-1);
        const section = text.slice(start, text.indexOf(' Coverage: ', start));
        // The facts stand in a grid: each label beside its value, read row by row.
        expect(section).toContain(`Value: ${want.value} `);
        expect(section).toContain('Basis: Measured');
        expect(section).toContain(`Target: ${want.target} · On track`);
        expect(section).toContain(`Change: ${want.change} `);
        SEGMENTS.forEach((segment, s) =>
          expect(section).toContain(`${segment} ${want.segments[s]} ${10 - s} —`),
        );
      });
    });

    it('the deck prints the value, target and change, and labels its axis in the unit', () => {
      eachKpi((kpi, i, round) => {
        const want = expected(kpi, i, round);
        const xml = [...decks[round]!.entries()]
          .filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name))
          .map(([, body]) => body)
          .find((body) => body.includes(`>${kpi.name}</a:t>`) && body.includes('>Value: '));
        expect(xml, kpi.id).toBeDefined();
        expect(xml).toContain(`>Value: ${want.value}</a:t>`);
        expect(xml).toContain(`>Target: ${want.target} · On track</a:t>`);
        expect(xml).toContain(`>Change: ${want.change}</a:t>`);
        // The scorecard slides: the value and the change as runs of their own.
        const scorecard = [...decks[round]!.values()]
          .filter((body) => /<a:t>Scorecard( \(\d+ of \d+\))?<\/a:t>/.test(body))
          .join('');
        expect(scorecard, kpi.id).toContain(`>${want.value}</a:t>`);
        expect(scorecard, kpi.id).toContain(`>${want.change}</a:t>`);
      });
      const charts = [...decks[0]!.entries()].filter(([name]) => name.startsWith('ppt/charts/'));
      const codes = new Set(
        charts.flatMap(([, body]) =>
          [...body.matchAll(/<c:valAx>.*?<c:numFmt formatCode="([^"]*)"/gs)].map((m) => m[1]),
        ),
      );
      const escaped = (s: string) => s.replace(/"/g, '&quot;');
      expect(codes).toEqual(new Set(catalogue.kpis.map((k) => escaped(kpiNumberFormat(k.unit)))));
    });

    it('the workbook stores numbers whose formats show the same text', () => {
      eachKpi((kpi, i, round) => {
        const want = expected(kpi, i, round);
        const book = books[round]!;
        const shown = (cell: ExcelJS.Cell) => {
          expect(typeof cell.value, `${kpi.id} ${cell.address}`).toBe('number');
          return excelText(cell.value as number, cell.numFmt);
        };
        let row: ExcelJS.Row | undefined;
        book.getWorksheet('Scorecard')!.eachRow((r) => {
          if (r.getCell(col['KPI id']).value === kpi.id) row = r;
        });
        expect(row, kpi.id).toBeDefined();
        expect(shown(row!.getCell(col.Value))).toBe(want.value);
        expect(shown(row!.getCell(col.Target))).toBe(want.target);
        expect(shown(row!.getCell(col['Previous value']))).toBe(want.previous);
        expect(shown(row!.getCell(col.Change))).toBe(want.change);
        // The KPI's own sheet: its value, the last trend point and every segment.
        const sheet = book.worksheets[1 + i]!;
        const texts: string[] = [];
        sheet.eachRow((r) => {
          const cell = r.getCell(2);
          if (typeof cell.value === 'number') texts.push(shown(cell));
        });
        expect(texts[0]).toBe(want.value);
        expect(texts).toEqual(expect.arrayContaining([want.value, ...want.segments]));
      });
    });

    it('the CSV keeps the number and writes the same text beside it', () => {
      eachKpi((kpi, i, round) => {
        const want = expected(kpi, i, round);
        const { data } = Papa.parse<Record<string, string>>(
          renderScorecardCsv(rounds[round]!.model).trimEnd(),
          { header: true },
        );
        const row = data.find((r) => r.kpi_id === kpi.id)!;
        expect(Number(row.value)).toBe(value(i, round));
        expect(row.formatted).toBe(want.value);
      });
    });
  });
});
