import { beforeAll, describe, expect, it } from 'vitest';
import { kpiNumberFormat } from '@/lib/format/kpi-value';
import { bandLines, changeMark, valueRange } from './office';
import { svgToPng } from './png';
import { deckTitles, renderReportPptx } from './pptx';
import { fixtureReport, zipEntries } from './report-test-helpers';
import type { ReportKpi, ReportModel, ReportStatus } from './types';

let model: ReportModel;

beforeAll(async () => {
  ({ model } = await fixtureReport('pptx'));
});

interface DeckSlide {
  xml: string;
  /** The slide's visible text, entities decoded. */
  text: string;
  chart: string | null;
  notes: string | null;
}

const decode = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** Runs joined within a paragraph, paragraphs apart by a space. */
const textOf = (xml: string) =>
  decode(
    xml
      .split('</a:p>')
      .map((p) => [...p.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(''))
      .filter(Boolean)
      .join(' '),
  );

/** The deck's slides in order, each with its chart and speaker notes found through its rels. */
async function slidesOf(deck: Buffer): Promise<DeckSlide[]> {
  const entries = await zipEntries(deck);
  const count = [...entries.keys()].filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).length;
  return Array.from({ length: count }, (_, i) => {
    const xml = entries.get(`ppt/slides/slide${i + 1}.xml`)!;
    const rels = entries.get(`ppt/slides/_rels/slide${i + 1}.xml.rels`) ?? '';
    const part = (kind: string) => {
      const target = new RegExp(`Target="(?:\\.\\.|/ppt)/${kind}/([^"]+)"`).exec(rels)?.[1];
      return target ? (entries.get(`ppt/${kind}/${target}`) ?? null) : null;
    };
    return { xml, text: textOf(xml), chart: part('charts'), notes: part('notesSlides') };
  });
}

const seriesNames = (chart: string) =>
  [...chart.matchAll(/<c:ser>.*?<c:tx>.*?<c:v>([^<]*)<\/c:v>/gs)].map((m) => decode(m[1]!));

function axis(chart: string) {
  const valAx = /<c:valAx>.*?<\/c:valAx>/s.exec(chart)![0];
  const num = (tag: string) => Number(new RegExp(`<c:${tag} val="([^"]+)"`).exec(valAx)?.[1]);
  return {
    min: num('min'),
    max: num('max'),
    format: decode(/formatCode="([^"]*)"/.exec(valAx)![1]!),
  };
}

const status = (colour: ReportStatus['colour'], label: string): ReportStatus => ({
  colour,
  against: colour === 'grey' ? null : 'target',
  label,
});

/** The model as the story fills it: statuses, context sentences and summary messages. */
function told(base: ReportModel): ReportModel {
  const copy = structuredClone(base);
  const statuses: ReportStatus[] = [
    status('red', 'Off track'),
    status('amber', 'At risk'),
    status('green', 'Top quartile'),
  ];
  copy.kpis.forEach((k, i) => {
    k.status =
      k.value !== null && i < statuses.length ? statuses[i]! : status('grey', 'No target or band');
    k.context = `Context sentence for ${k.id}.`;
  });
  copy.messages = copy.kpis.slice(0, 2).map((k, i) => ({
    kpiId: k.id,
    kind: 'moved',
    tone: i ? 'good' : 'bad',
    weight: 2 - i,
    text: `Message about ${k.name}.`,
  }));
  return copy;
}

const slideOf = (slides: DeckSlide[], kpi: ReportKpi) =>
  slides.find((s) => s.text.startsWith(`${kpi.name} `) && s.text.includes('Value: '));

describe('the PPTX deck', () => {
  it('is a valid package whose slides carry the titles deckTitles names', async () => {
    const entries = await zipEntries(await renderReportPptx(model));
    expect(entries.get('[Content_Types].xml')).toContain(
      'application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml',
    );
    const slides = await slidesOf(await renderReportPptx(model));
    const titles = deckTitles(model);
    expect(slides).toHaveLength(titles.length);
    titles.forEach((title, i) => expect(slides[i]!.text).toContain(title));
    const sections = model.kpis.filter((k) => k.section && k.value !== null);
    // Few KPIs are judged in the fixture: the list of all the others needs a second page.
    expect(titles.slice(0, 4)).toEqual([
      'Acme Łódź',
      'Executive summary',
      'Scorecard (1 of 2)',
      'Scorecard (2 of 2)',
    ]);
    expect(titles.slice(4, 4 + sections.length)).toEqual(sections.map((k) => k.name));
    expect(slides.filter((s) => s.chart).length).toBeGreaterThan(0);
  });

  it('refers only to axes its charts declare, so PowerPoint opens it without a repair', async () => {
    const entries = await zipEntries(await renderReportPptx(model));
    const charts = [...entries].filter(([name]) => /^ppt\/charts\/chart\d+\.xml$/.test(name));
    expect(charts.length).toBeGreaterThan(0);
    for (const [, xml] of charts) {
      const declared = [...xml.matchAll(/<c:(?:catAx|valAx|serAx)>\s*<c:axId val="(\d+)"\/>/g)];
      const used = new Set([...xml.matchAll(/<c:axId val="(\d+)"\/>/g)].map((m) => m[1]));
      expect(declared.map((m) => m[1]).sort()).toEqual([...used].sort());
      expect(declared).toHaveLength(2);
    }
  });

  it('escapes the organisation in the package properties', async () => {
    const entries = await zipEntries(
      await renderReportPptx({ ...model, organisation: 'A & B <C>' }),
    );
    expect(entries.get('docProps/app.xml')).toContain('<Company>A &amp; B &lt;C&gt;</Company>');
  });

  it('ends every percent axis at 100 at most, with every band and target line on the axis', async () => {
    const slides = await slidesOf(await renderReportPptx(model));
    const percent = kpiNumberFormat('percent');
    const charts = slides.flatMap((s) => (s.chart ? [s.chart] : []));
    const percentAxes = charts.map(axis).filter((a) => a.format === percent);
    expect(percentAxes.length).toBeGreaterThan(0);
    for (const a of percentAxes) {
      expect(a.max).toBeLessThanOrEqual(100);
      expect(a.min).toBeLessThan(a.max);
    }
    // Order fill rate: 50% in January against WERC's best-in-class line at 99.56% and a 95% target.
    const fill = model.kpis.find((k) => k.id === 'order_fill_rate')!;
    const chart = slideOf(slides, fill)!.chart!;
    expect(axis(chart)).toMatchObject({ max: 100 });
    expect(seriesNames(chart)).toEqual(
      expect.arrayContaining([fill.name, 'Target 95.0%', 'Best-in-Class > 99.56%']),
    );
  });

  it('draws the band lines, area edges and target as flat labelled series inside the axis', async () => {
    const copy = told(model);
    const kpi = copy.kpis.find((k) => k.id === 'order_fill_rate')!;
    kpi.chartBands = {
      id: 'test',
      title: 'Test quartiles',
      bandCount: 4,
      description: '',
      lines: [],
      areas: [
        { y1: 98, y2: null, label: 'Top quartile', rank: 1 },
        { y1: 96, y2: 98, label: 'Second quartile', rank: 2 },
        { y1: 90, y2: 96, label: 'Third quartile', rank: 3 },
        { y1: null, y2: 90, label: 'Bottom quartile', rank: 4 },
      ],
    };
    const slides = await slidesOf(await renderReportPptx(copy));
    const chart = slideOf(slides, kpi)!.chart!;
    const lines = ['Target 95.0%', ...bandLines(kpi).map((l) => l.label)];
    expect(lines).toEqual([
      'Target 95.0%',
      'Third quartile from 90%',
      'Second quartile from 96%',
      'Top quartile from 98%',
    ]);
    expect(seriesNames(chart)).toEqual(expect.arrayContaining(lines));
    const { min, max } = axis(chart);
    for (const y of [90, 95, 96, 98]) {
      expect(y).toBeGreaterThanOrEqual(min);
      expect(y).toBeLessThanOrEqual(max);
    }
  });

  it('marks the period that is not over as a dashed series of its own', async () => {
    const copy = structuredClone(model);
    const kpi = copy.kpis.find((k) => k.id === 'order_fill_rate')!;
    kpi.trend = {
      grain: 'month',
      points: [
        { period: '2023-11-01', label: 'Nov 2023', value: 61, n: 4, partial: false },
        { period: '2023-12-01', label: 'Dec 2023', value: 55, n: 4, partial: false },
        { period: '2024-01-01', label: 'Jan 2024', value: 50, n: 2, partial: true },
      ],
    };
    const chart = slideOf(await slidesOf(await renderReportPptx(copy)), kpi)!.chart!;
    expect(seriesNames(chart).slice(0, 2)).toEqual([kpi.name, 'Partial period (not over)']);
    expect(chart).toContain('<a:prstDash val="dash"/>');
    expect(chart).toContain('<c:v>Jan 2024 (partial)</c:v>');
    // The solid series stops before January; the dashed one joins December to it.
    const values = (i: number) =>
      [
        ...chart
          .split('<c:ser>')
          [i + 1]!.split('<c:val>')[1]!
          .matchAll(/<c:v>([^<]*)<\/c:v>/g),
      ].map((m) => m[1]);
    expect(values(0)).toEqual(['61', '55', '']);
    expect(values(1)).toEqual(['', '55', '50']);
  });

  it('shows the value and why there is no trend instead of an empty chart', async () => {
    const copy = structuredClone(model);
    const kpi = copy.kpis.find((k) => k.section && k.value !== null)!;
    kpi.trend.points = [];
    const slides = await slidesOf(await renderReportPptx(copy));
    const slide = slideOf(slides, kpi)!;
    expect(slide.chart).toBeNull();
    expect(slide.text).toContain(kpi.formatted);
    expect(slide.text).toContain('No trend chart: this KPI has a value for the whole period');
    for (const s of slides) {
      const named = copy.kpis.find((k) => s.text.startsWith(`${k.name} `));
      if (named?.value !== null) expect(s.text).not.toContain('No values');
    }
  });

  it('holds the context sentence and the definition in the speaker notes', async () => {
    const copy = told(model);
    const slides = await slidesOf(await renderReportPptx(copy));
    for (const kpi of copy.kpis.filter((k) => k.section && k.value !== null)) {
      const notes = decode(slideOf(slides, kpi)!.notes!);
      expect(notes).toContain(`Context sentence for ${kpi.id}.`);
      expect(notes).toContain(`Definition: ${kpi.definition}`);
    }
  });

  it('puts the title, logo, summary sentences and scorecard statuses in words', async () => {
    const copy = told(model);
    copy.logo = {
      type: 'png',
      data: svgToPng(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 10"><rect width="40" height="10"/></svg>',
        400,
      ),
    };
    const fill = copy.kpis.find((k) => k.id === 'order_fill_rate')!;
    fill.change = {
      kind: 'previous',
      from: '2023-12-01',
      to: '2023-12-31',
      previous: 52,
      change: -2,
      improvement: -2,
      partial: false,
      note: null,
      text: '-2.0 pp',
    };
    const deck = await renderReportPptx(copy);
    const entries = await zipEntries(deck);
    const slides = await slidesOf(deck);
    expect(entries.get('ppt/slides/_rels/slide1.xml.rels')).toMatch(
      /Target="\.\.\/media\/image[^"]*\.png"/,
    );
    expect(slides[0]!.text).toContain(`Period: ${copy.period.text}`);
    expect(slides[1]!.text).toContain(`Message about ${copy.kpis[0]!.name}.`);
    // The scorecard's pages as one: the judged rows first, then the list of the others.
    const pages = slides.filter((s) => s.text.startsWith('Scorecard'));
    const scorecard = {
      text: pages.map((s) => s.text).join(' '),
      xml: pages.map((s) => s.xml).join(''),
    };
    const judged = copy.kpis.filter((k) => k.status.colour !== 'grey' && k.value !== null);
    expect(judged.length).toBeGreaterThan(0);
    for (const k of judged) expect(scorecard.text).toContain(`${k.status.label} ${k.name}`);
    // A chip per judged KPI: the status colour with its label in the same shape.
    expect(scorecard.xml.match(/prst="roundRect"/g)).toHaveLength(judged.length);
    // A fall in a higher-is-better rate: the arrow points down, red, and says "worse".
    expect(scorecard.text).toContain('▼ -2.0 pp worse');
    expect(scorecard.xml).toMatch(/srgbClr val="B3261E"\/>(?:(?!<a:t>).)*<a:t>▼ <\/a:t>/s);
    expect(scorecard.text).toContain('Not judged: no target or benchmark band to compare with');
    for (const k of copy.kpis.filter((k) => k.status.colour === 'grey' && k.value !== null))
      expect(scorecard.text).toContain(`${k.name}: ${k.formatted}`);
  });

  it('says so when the summary has no sentences', async () => {
    const slides = await slidesOf(await renderReportPptx({ ...model, messages: [] }));
    expect(slides[1]!.text).toContain(
      'Nothing to single out: no KPI moved more than it usually does',
    );
  });

  it('lists the KPIs without data once, on the appendix', async () => {
    const slides = await slidesOf(await renderReportPptx(model));
    const missing = model.kpis.filter((k) => !k.available || k.value === null);
    expect(missing.length).toBeGreaterThan(0);
    for (const k of missing) {
      const on = slides.filter((s) => s.text.includes(k.name));
      expect(on.map((s) => s.text.split(' ').slice(0, 3).join(' '))).toEqual(['KPIs without data']);
    }
  });
});

describe('a change mark', () => {
  const kpi = (direction: 'higher' | 'lower', change: number) =>
    ({ unit: 'percent', direction, change: { change } }) as unknown as ReportKpi;

  it('points with the value and is coloured by the good direction', () => {
    expect(changeMark(kpi('higher', 1.2))).toEqual({ arrow: '▲', word: 'better', tone: 'good' });
    expect(changeMark(kpi('lower', 1.2))).toEqual({ arrow: '▲', word: 'worse', tone: 'bad' });
    expect(changeMark(kpi('lower', -0.5))).toEqual({ arrow: '▼', word: 'better', tone: 'good' });
    // -0.04 pp prints as 0.0 pp: no arrow up or down.
    expect(changeMark(kpi('higher', -0.04))).toEqual({
      arrow: '►',
      word: 'unchanged',
      tone: 'flat',
    });
  });
});

describe('the value range of a chart', () => {
  it('reaches a percent band line above the values and stops at 100', () => {
    const kpi = {
      unit: 'percent',
      value: 92.5,
      target: null,
      trend: { points: [{ value: 91 }, { value: 94 }] },
      chartBands: { areas: [], lines: [{ y: 99.56, label: 'Best-in-Class > 99.56%' }] },
    } as unknown as ReportKpi;
    const range = valueRange(kpi);
    expect(range.max).toBe(100);
    expect(range.min).toBeLessThanOrEqual(91);
    expect(range.min).toBeGreaterThan(80);
  });

  it('reaches below zero for a negative value', () => {
    const kpi = {
      unit: 'hours',
      value: 3,
      target: null,
      trend: { points: [{ value: -2.5 }, { value: 8 }] },
      chartBands: null,
    } as unknown as ReportKpi;
    expect(valueRange(kpi).min).toBeLessThanOrEqual(-2.5);
  });
});
