import 'server-only';
/**
 * The report as an editable board deck: a title slide, the executive summary, the scorecard, one
 * slide per KPI with something to say (a native line chart of its trend against its band lines
 * and target, its context in the speaker notes), the KPIs without data, and the sources.
 */
import JSZip from 'jszip';
import PptxGenJS from 'pptxgenjs';
import { formatCount, formatKpiValue } from '@/lib/format/kpi-value';
import { unitFormats } from './cells';
import {
  bandText,
  basisText,
  changeText,
  coverageText,
  dataText,
  filtersText,
  noMoversText,
  percentileText,
  summaryValueText,
  targetText,
} from './labels';
import {
  bandFill,
  changeMark,
  fitLogo,
  bandLines,
  statusColours,
  toneInk,
  valueRange,
  type ValueRange,
} from './office';
import type { ReportKpi, ReportModel, ReportMover, ReportSource } from './types';

type Slide = PptxGenJS.Slide;
type Runs = PptxGenJS.TextProps[];

const FONT = 'Calibri';
const ink = { text: '1A1A1A', muted: '555555', head: 'EEF1F5', line: '1F4E8C', rule: 'C8C8C8' };
/** LAYOUT_WIDE, in inches: the content runs between the margins, above the footer. */
const page = { left: 0.5, width: 12.33, top: 1.15, bottom: 6.85 };
const SOURCE_ROWS = 8;
const MISSING_ROWS = 9;

/** Render the report model as a PowerPoint deck. */
export async function renderReportPptx(model: ReportModel): Promise<Buffer> {
  const deck = new PptxGenJS();
  deck.layout = 'LAYOUT_WIDE';
  deck.author = 'Orderlens';
  // pptxgenjs 4.0.1 writes the company into docProps/app.xml unescaped: an "&" broke the package.
  deck.company = xmlText(model.organisation);
  deck.title = `${model.organisation}: KPI benchmark report`;
  const plan = planOf(model);
  titleSlide(deck, model);
  summarySlide(deck, model);
  plan.scorecard.forEach((p, i) =>
    scorecardSlide(deck, model, p, pageTitle('Scorecard', i, plan.scorecard.length)),
  );
  for (const kpi of plan.sections) kpiSlide(deck, model, kpi);
  plan.missing.forEach((rows, i) =>
    missingSlide(deck, model, rows, pageTitle(MISSING_TITLE, i, plan.missing.length)),
  );
  for (const rows of plan.sources) sourcesSlide(deck, model, rows);
  return withoutOrphanAxes((await deck.write({ outputType: 'nodebuffer' })) as Buffer);
}

/**
 * pptxgenjs 4.0.1 names a series axis in every 2-D line chart without writing one
 * (gitbrent/PptxGenJS#1534), and PowerPoint then offers to repair the deck: drop each axis
 * reference no axis declares, as PowerPoint's repair does.
 */
export async function withoutOrphanAxes(pptx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(pptx);
  const charts = Object.keys(zip.files).filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
  for (const name of charts) {
    const xml = await zip.file(name)!.async('string');
    const declared = new Set(
      [...xml.matchAll(/<c:(?:catAx|valAx|dateAx|serAx)>\s*<c:axId val="(\d+)"\/>/g)].map(
        (m) => m[1],
      ),
    );
    const fixed = xml.replace(/<c:axId val="(\d+)"\/>/g, (tag, id: string) =>
      declared.has(id) ? tag : '',
    );
    if (fixed !== xml) zip.file(name, fixed);
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** The slide titles in order, for tests and for the CLI's summary line. */
export function deckTitles(model: ReportModel): string[] {
  const plan = planOf(model);
  return [
    model.organisation,
    'Executive summary',
    ...plan.scorecard.map((_, i) => pageTitle('Scorecard', i, plan.scorecard.length)),
    ...plan.sections.map((k) => k.name),
    ...plan.missing.map((_, i) => pageTitle(MISSING_TITLE, i, plan.missing.length)),
    ...plan.sources.map(() => 'Benchmark sources'),
  ];
}

const MISSING_TITLE = 'KPIs without data';

const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1).replace(/\.?$/, '.')}`;

const xmlText = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/* ------------------------------------------------------------------------------------------------
 * The plan: which KPI goes on which slide, shared by the renderer and deckTitles.
 * --------------------------------------------------------------------------------------------- */

interface ScorecardPage {
  /** KPIs judged against a target or band: a row each, with a bullet bar. */
  judged: ReportKpi[];
  /** KPIs with a value but nothing to judge it against: a compact list. */
  unjudged: ReportKpi[];
}

interface Plan {
  scorecard: ScorecardPage[];
  sections: ReportKpi[];
  missing: ReportKpi[][];
  sources: ReportSource[][];
}

const hasData = (k: ReportKpi) => k.available && k.value !== null;

function planOf(model: ReportModel): Plan {
  const withData = model.kpis.filter(hasData);
  return {
    scorecard: scorecardPages(
      withData.filter((k) => k.status.colour !== 'grey'),
      withData.filter((k) => k.status.colour === 'grey'),
    ),
    sections: model.kpis.filter((k) => k.section && hasData(k)),
    missing: chunks(
      model.kpis.filter((k) => !hasData(k)),
      MISSING_ROWS,
    ),
    sources: chunks(model.sources, SOURCE_ROWS),
  };
}

const row = { header: 0.32, height: 0.42, perSlide: 11, legend: 0.45 };
const compact = { heading: 0.42, line: 0.26, columns: 2 };
const compactHeight = (n: number) =>
  compact.heading + Math.ceil(n / compact.columns) * compact.line;

/** Judged rows first, a page at a time; the compact list joins the last page when it fits. */
function scorecardPages(judged: ReportKpi[], unjudged: ReportKpi[]): ScorecardPage[] {
  const pages: ScorecardPage[] = chunks(judged, row.perSlide).map((j) => ({
    judged: j,
    unjudged: [],
  }));
  if (!unjudged.length) return pages.length ? pages : [{ judged: [], unjudged: [] }];
  const last = pages.at(-1);
  const room = page.bottom - page.top - (last ? judgedHeight(last.judged.length) : 0);
  if (last && compactHeight(unjudged.length) <= room) {
    last.unjudged = unjudged;
    return pages;
  }
  const perPage =
    Math.floor((page.bottom - page.top - compact.heading) / compact.line) * compact.columns;
  return [...pages, ...chunks(unjudged, perPage).map((u) => ({ judged: [], unjudged: u }))];
}

/** The judged table with its bar legend and a gap after it. */
const judgedHeight = (n: number) => (n ? row.header + n * row.height + row.legend : 0);

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );

const pageTitle = (title: string, i: number, n: number) =>
  n > 1 ? `${title} (${i + 1} of ${n})` : title;

/* ------------------------------------------------------------------------------------------------
 * Slides
 * --------------------------------------------------------------------------------------------- */

/** Every content slide: its title and the filter context in the footer. */
function contentSlide(deck: PptxGenJS, model: ReportModel, title: string): Slide {
  const slide = deck.addSlide();
  slide.addText(title, {
    x: page.left,
    y: 0.3,
    w: page.width,
    h: 0.7,
    fontFace: FONT,
    fontSize: 28,
    bold: true,
    color: ink.text,
  });
  slide.addText(`${model.organisation} · ${model.context}`, {
    x: page.left,
    y: 7.0,
    w: page.width,
    h: 0.3,
    fontFace: FONT,
    fontSize: 10,
    color: ink.muted,
  });
  return slide;
}

function titleSlide(deck: PptxGenJS, model: ReportModel): void {
  const slide = deck.addSlide();
  if (model.logo) {
    const size = fitLogo(model.logo, { width: 3.2, height: 1.1 });
    slide.addImage({
      data: `image/${model.logo.type};base64,${model.logo.data.toString('base64')}`,
      x: 0.8,
      y: 0.6,
      w: size.width,
      h: size.height,
    });
  }
  slide.addText(model.organisation, {
    x: 0.8,
    y: 1.9,
    w: 11.7,
    h: 1.0,
    fontFace: FONT,
    fontSize: 40,
    bold: true,
    color: ink.text,
  });
  slide.addText('Order-management KPI benchmark report', {
    x: 0.8,
    y: 2.9,
    w: 11.7,
    h: 0.6,
    fontFace: FONT,
    fontSize: 24,
    color: ink.text,
  });
  const lines = [
    `Period: ${model.period.text}`,
    `Comparison: ${model.comparison?.text ?? 'none'}`,
    `Filters: ${filtersText(model)}`,
    `Data: ${dataText(model)}`,
    `Generated ${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`,
    ...(model.data.isDemo ? ['Built from generated demo data, not from real orders.'] : []),
  ];
  slide.addText(lines.join('\n'), {
    x: 0.8,
    y: 3.8,
    w: 11.7,
    h: 2.6,
    fontFace: FONT,
    fontSize: 14,
    color: ink.muted,
    valign: 'top',
  });
}

/** The summary's sentences on the left, the biggest movers on the right. */
function summarySlide(deck: PptxGenJS, model: ReportModel): void {
  const slide = contentSlide(deck, model, 'Executive summary');
  const runs: Runs = model.messages.length
    ? model.messages.flatMap((m) => [
        { text: '● ', options: { color: toneInk[m.tone], bold: true } },
        { text: m.text, options: { breakLine: true } },
      ])
    : [{ text: noMessagesText(model), options: { color: ink.muted } }];
  slide.addText(runs, {
    x: page.left,
    y: page.top,
    w: 7.9,
    h: 5.2,
    fontFace: FONT,
    fontSize: 17,
    color: ink.text,
    valign: 'top',
    paraSpaceAfter: 12,
  });
  slide.addText(
    [
      ...moverRuns('Moved most for the better', model.movers.best),
      ...moverRuns('Moved most for the worse', model.movers.worst),
    ],
    {
      x: 8.8,
      y: page.top,
      w: 4.0,
      h: 5.2,
      fontFace: FONT,
      fontSize: 12,
      color: ink.text,
      valign: 'top',
      paraSpaceAfter: 4,
      fill: { color: 'F5F6F8' },
      margin: 0.12,
    },
  );
  slide.addText(
    model.comparison ? `${model.comparison.text}.` : 'No comparison period in this report.',
    {
      x: page.left,
      y: 6.45,
      w: page.width,
      h: 0.4,
      fontFace: FONT,
      fontSize: 12,
      color: ink.muted,
    },
  );
}

/** Said instead of sentences, so an empty summary reads as a finding, not a fault. */
function noMessagesText(model: ReportModel): string {
  if (!model.kpis.some(hasData))
    return 'No KPI has the data it needs in this period, so there is nothing to summarise.';
  const base =
    'Nothing to single out: no KPI moved more than it usually does, crossed a benchmark band, or newly met or missed its target.';
  return model.comparison
    ? base
    : `${base} This report has no comparison period to measure change against.`;
}

function moverRuns(title: string, movers: ReportMover[]): Runs {
  const items = movers.length ? movers.map((m) => `${m.name}: ${m.text}`) : [noMoversText];
  return [
    { text: title, options: { bold: true, fontSize: 14, breakLine: true } },
    ...items.map((text) => ({ text, options: { bullet: true, breakLine: true } })),
    { text: ' ', options: { breakLine: true } },
  ];
}

const columns = {
  status: { x: 0.5, w: 2.2 },
  name: { x: 2.85, w: 3.4 },
  value: { x: 6.3, w: 1.35 },
  change: { x: 7.85, w: 2.35 },
  bar: { x: 10.35, w: 2.45 },
};

function scorecardSlide(
  deck: PptxGenJS,
  model: ReportModel,
  p: ScorecardPage,
  title: string,
): void {
  const slide = contentSlide(deck, model, title);
  let y = page.top;
  if (p.judged.length) {
    scorecardHeader(slide, model, y);
    y += row.header;
    for (const kpi of p.judged) {
      scorecardRow(deck, slide, kpi, y);
      y += row.height;
    }
    slide.addText(
      'Bars: the value (a blue bar from zero, or a blue dot where the scale printed under it does not start at zero); benchmark bands shaded from best (green) to worst (red), band lines grey, the target black.',
      {
        x: page.left,
        y: y + 0.05,
        w: page.width,
        h: 0.3,
        fontFace: FONT,
        fontSize: 10,
        color: ink.muted,
      },
    );
    y += row.legend;
  }
  if (p.unjudged.length) compactList(slide, p.unjudged, y);
  if (!p.judged.length && !p.unjudged.length)
    slide.addText(`No KPI has a value in this period: see ${MISSING_TITLE}.`, {
      x: page.left,
      y,
      w: page.width,
      h: 0.5,
      fontFace: FONT,
      fontSize: 16,
      color: ink.muted,
    });
}

function scorecardHeader(slide: Slide, model: ReportModel, y: number): void {
  const change =
    model.comparison?.kind === 'last_year' ? 'Change vs last year' : 'Change vs previous period';
  const heads: [keyof typeof columns, string][] = [
    ['status', 'Status'],
    ['name', 'KPI'],
    ['value', 'Value'],
    ['change', change],
    ['bar', 'Against bands and target'],
  ];
  for (const [key, text] of heads)
    slide.addText(text, {
      ...columns[key],
      y,
      h: row.header,
      fontFace: FONT,
      fontSize: 11,
      bold: true,
      color: ink.muted,
      align: key === 'value' ? 'right' : 'left',
      margin: 0,
    });
}

function scorecardRow(deck: PptxGenJS, slide: Slide, kpi: ReportKpi, y: number): void {
  const text = { fontFace: FONT, y, h: row.height - 0.06, valign: 'middle' as const, margin: 0 };
  statusChip(deck, slide, kpi, { ...columns.status, y: y + 0.04, h: row.height - 0.12 });
  slide.addText(kpi.name, { ...text, ...columns.name, fontSize: 13, color: ink.text });
  slide.addText(valueRuns(kpi), {
    ...text,
    ...columns.value,
    fontSize: 14,
    bold: true,
    color: ink.text,
    align: 'right',
  });
  slide.addText(changeRuns(kpi), { ...text, ...columns.change, fontSize: 11, color: ink.text });
  bulletBar(deck, slide, kpi, { ...columns.bar, y });
  slide.addShape(deck.ShapeType.line, {
    x: page.left,
    y: y + row.height - 0.02,
    w: page.width,
    h: 0,
    line: { color: 'E3E3E3', width: 0.5 },
  });
}

/** The value, and under it in small type when it rests on an assumption or misses components. */
function valueRuns(kpi: ReportKpi): Runs {
  if (kpi.basis === 'measured') return [{ text: kpi.formatted }];
  return [
    { text: kpi.formatted, options: { breakLine: true } },
    { text: kpi.basis, options: { fontSize: 9, bold: false, color: ink.muted } },
  ];
}

/** The status in its colour and in words: the label is what a reader without colour reads. */
function statusChip(
  deck: PptxGenJS,
  slide: Slide,
  kpi: ReportKpi,
  box: { x: number; y: number; w: number; h: number },
): void {
  const colour = statusColours[kpi.status.colour];
  slide.addText(kpi.status.label, {
    ...box,
    shape: deck.ShapeType.roundRect,
    rectRadius: 0.08,
    fill: { color: colour.fill },
    line: { color: colour.ink, width: 0.75 },
    fontFace: FONT,
    fontSize: 10,
    bold: true,
    color: colour.ink,
    align: 'center',
    valign: 'middle',
    margin: 0.02,
  });
}

/** The runs as one paragraph: the last one ends the line. */
const endLine = (runs: Runs): Runs =>
  runs.map((r, i) =>
    i === runs.length - 1 ? { ...r, options: { ...r.options, breakLine: true } } : r,
  );

/** "▲ +0.4 pp better": the arrow follows the value, its colour and word the good direction. */
function changeRuns(kpi: ReportKpi): Runs {
  const mark = changeMark(kpi);
  if (!mark) return [{ text: 'No comparison', options: { color: ink.muted } }];
  const colour = toneInk[mark.tone];
  return [
    { text: `${mark.arrow} `, options: { color: colour, bold: true } },
    { text: changeText(kpi) },
    { text: ` ${mark.word}`, options: { color: colour } },
  ];
}

/**
 * A bullet bar from shapes: the bands shaded on a track, the value as a bar from the scale's left
 * end, band lines as grey ticks, the target as a black one, the scale's ends printed under it.
 */
function bulletBar(
  deck: PptxGenJS,
  slide: Slide,
  kpi: ReportKpi,
  box: { x: number; y: number; w: number },
): void {
  const range = valueRange(kpi);
  const at = (v: number) => box.x + ((v - range.min) / (range.max - range.min || 1)) * box.w;
  const track = { y: box.y + 0.07, h: 0.2 };
  slide.addShape(deck.ShapeType.rect, { x: box.x, ...track, w: box.w, fill: { color: 'EEEEEE' } });
  for (const area of kpi.chartBands?.areas ?? []) {
    const from = at(Math.max(range.min, area.y1 ?? range.min));
    const to = at(Math.min(range.max, area.y2 ?? range.max));
    if (to - from > 0.01)
      slide.addShape(deck.ShapeType.rect, {
        x: from,
        ...track,
        w: to - from,
        fill: { color: bandFill(area.rank) },
      });
  }
  // A bar's length reads as the value only from zero: on a cut scale the value is a dot.
  if (kpi.value !== null && range.min !== 0)
    slide.addShape(deck.ShapeType.ellipse, {
      x: at(kpi.value) - 0.06,
      y: track.y + 0.04,
      w: 0.12,
      h: 0.12,
      fill: { color: ink.line },
    });
  else if (kpi.value !== null)
    slide.addShape(deck.ShapeType.rect, {
      x: box.x,
      y: track.y + 0.06,
      w: Math.max(0.02, at(kpi.value) - box.x),
      h: 0.08,
      fill: { color: ink.line },
    });
  const tick = (y: number, target: boolean) =>
    slide.addShape(deck.ShapeType.line, {
      x: at(y),
      y: track.y - (target ? 0.05 : 0.02),
      w: 0,
      h: track.h + (target ? 0.1 : 0.04),
      line: { color: target ? '000000' : '7A7A7A', width: target ? 2.25 : 1.25 },
    });
  for (const line of bandLines(kpi)) tick(line.y, false);
  if (kpi.target) tick(kpi.target.value, true);
  scaleEnds(slide, kpi, range, { ...box, y: track.y + track.h });
}

function scaleEnds(
  slide: Slide,
  kpi: ReportKpi,
  range: ValueRange,
  box: { x: number; y: number; w: number },
): void {
  const style = { y: box.y, h: 0.16, fontFace: FONT, fontSize: 7, color: ink.muted, margin: 0 };
  slide.addText(formatKpiValue(range.min, kpi.unit), { ...style, x: box.x, w: box.w / 2 });
  slide.addText(formatKpiValue(range.max, kpi.unit), {
    ...style,
    x: box.x + box.w / 2,
    w: box.w / 2,
    align: 'right',
  });
}

/** KPIs with nothing to judge them against: value and change only, two columns of lines. */
function compactList(slide: Slide, kpis: ReportKpi[], y: number): void {
  slide.addText('Not judged: no target or benchmark band to compare with', {
    x: page.left,
    y,
    w: page.width,
    h: 0.34,
    fontFace: FONT,
    fontSize: 14,
    bold: true,
    color: ink.text,
    margin: 0,
  });
  const perColumn = Math.ceil(kpis.length / compact.columns);
  const width = page.width / compact.columns;
  chunks(kpis, perColumn).forEach((column, i) => {
    const runs: Runs = column.flatMap((kpi) =>
      endLine([
        { text: `${kpi.name}: `, options: { color: ink.text } },
        { text: summaryValueText(kpi), options: { bold: true } },
        { text: '  ' },
        ...changeRuns(kpi).map((r) => ({ ...r, options: { ...r.options, fontSize: 10 } })),
      ]),
    );
    slide.addText(runs, {
      x: page.left + i * width,
      y: y + compact.heading,
      w: width - 0.15,
      h: perColumn * compact.line,
      fontFace: FONT,
      fontSize: 11,
      color: ink.text,
      valign: 'top',
      margin: 0,
      lineSpacing: 18.5,
    });
  });
}

/* ------------------------------------------------------------------------------------------------
 * A KPI's slide
 * --------------------------------------------------------------------------------------------- */

const chart = { x: 0.5, y: 1.6, w: 8.3, h: 5.25 };

function kpiSlide(deck: PptxGenJS, model: ReportModel, kpi: ReportKpi): void {
  const slide = contentSlide(deck, model, kpi.name);
  statusChip(deck, slide, kpi, { x: page.left, y: 1.05, w: 2.2, h: 0.38 });
  if (kpi.context)
    slide.addText(kpi.context, {
      x: 2.85,
      y: 0.98,
      w: 9.95,
      h: 0.55,
      fontFace: FONT,
      fontSize: 12,
      color: ink.muted,
      valign: 'middle',
      margin: 0,
    });
  if (kpi.trend.points.some((p) => p.value !== null)) trendChart(slide, kpi);
  else noTrend(slide, kpi, model);
  facts(slide, kpi);
  slide.addNotes(notesOf(kpi));
}

/**
 * What the presenter says: the context sentence, what moved it, how to improve it (amber or red)
 * and what the KPI measures.
 */
const notesOf = (kpi: ReportKpi) =>
  [kpi.context, kpi.driver?.text, kpi.practices?.text, `Definition: ${kpi.definition}`]
    .filter(Boolean)
    .join('\n\n');

function facts(slide: Slide, kpi: ReportKpi): void {
  const line = (text: string): PptxGenJS.TextProps => ({ text, options: { breakLine: true } });
  const runs: Runs = [
    { text: `Value: ${kpi.formatted}`, options: { bold: true, fontSize: 20, breakLine: true } },
    line(`Status: ${kpi.status.label}`),
    line(`Basis: ${basisText(kpi)}`),
    line(`Band: ${bandText(kpi)}`),
    line(`Percentile: ${percentileText(kpi.percentile)}`),
    line(`Target: ${targetText(kpi)}`),
    ...endLine([{ text: `Change: ${changeText(kpi)}` }, ...changeArrow(kpi)]),
    ...(kpi.driver ? [line(`Driver: ${kpi.driver.text}`)] : []),
    line(`Coverage: ${coverageText(kpi)}`),
    // The titles are in the notes: the facts box has room for one line.
    ...(kpi.practices
      ? [line(`How to improve it: ${kpi.practices.titles.length} practices, in the notes`)]
      : []),
  ];
  slide.addText(runs, {
    x: 9.0,
    y: chart.y,
    w: 3.8,
    h: chart.h,
    fontFace: FONT,
    fontSize: 13,
    valign: 'top',
    color: ink.text,
    paraSpaceAfter: 6,
  });
}

function changeArrow(kpi: ReportKpi): Runs {
  const mark = changeMark(kpi);
  if (!mark) return [];
  return [
    { text: ` ${mark.arrow} ${mark.word}`, options: { color: toneInk[mark.tone], bold: true } },
  ];
}

/** A value without a trend: the value itself and why there is no line to draw. */
function noTrend(slide: Slide, kpi: ReportKpi, model: ReportModel): void {
  slide.addText(
    [
      {
        text: kpi.formatted,
        options: { fontSize: 40, bold: true, color: ink.text, breakLine: true },
      },
      {
        text: `over ${model.period.text}`,
        options: { fontSize: 14, color: ink.muted, breakLine: true },
      },
      {
        text: `No trend chart: this KPI has a value for the whole period but none for any single ${kpi.trend.grain} in it.`,
        options: { fontSize: 14, color: ink.muted },
      },
    ],
    {
      ...chart,
      fontFace: FONT,
      align: 'center',
      valign: 'middle',
      fill: { color: 'F5F6F8' },
      margin: 0.3,
    },
  );
}

/** Reference lines take these in turn, so two lines never look alike in the legend. */
const referenceStyles: { color: string; dash: LineDash }[] = [
  { color: '6B6B6B', dash: 'sysDot' },
  { color: '2E7D32', dash: 'sysDash' },
  { color: 'B26A00', dash: 'dash' },
  { color: '6A1B9A', dash: 'dashDot' },
  { color: '00838F', dash: 'sysDot' },
  { color: 'AD1457', dash: 'sysDash' },
];
type LineDash = NonNullable<PptxGenJS.IChartPropsChartLine['lineDash']>;

interface SeriesStyle {
  color: string;
  dash: LineDash;
  width: number;
  marker: NonNullable<PptxGenJS.IChartPropsChartLine['lineDataSymbol']>;
}

interface Series {
  name: string;
  values: (number | null)[];
  style: SeriesStyle;
}

/**
 * A native line chart: the complete periods solid, the period that is not over dashed, the target
 * and every band line a flat labelled series. Each series is its own line group, because a line
 * chart's dash and marker apply to all of its series.
 */
function trendChart(slide: Slide, kpi: ReportKpi): void {
  const labels = kpi.trend.points.map((p) => (p.partial ? `${p.label} (partial)` : p.label));
  const series = [...valueSeries(kpi), ...referenceSeries(kpi)];
  const types = series.map((s) => ({
    type: 'line' as const,
    // The library types values as numbers; null leaves the point empty (a gap).
    data: [{ name: s.name, labels, values: s.values as number[] }],
    options: {
      // Marker fills are picked by the series' place among all series: one colour per place.
      chartColors: series.map(() => s.style.color),
      lineDash: s.style.dash,
      lineSize: s.style.width,
      lineDataSymbol: s.style.marker,
      lineDataSymbolSize: 7,
    },
  }));
  // A multi-type chart takes its options in the data argument, which the library types as an array.
  slide.addChart(types, chartOptions(kpi) as never);
}

/** The KPI's complete periods, and the periods not over as a series of their own. */
function valueSeries(kpi: ReportKpi): Series[] {
  const points = kpi.trend.points;
  const style = { color: ink.line, width: 2.25 };
  const complete: Series = {
    name: kpi.name,
    values: points.map((p) => (p.partial ? null : p.value)),
    style: { ...style, dash: 'solid', marker: 'circle' },
  };
  const partial = partialValues(points);
  if (!partial) return [complete];
  return [
    complete,
    {
      name: 'Partial period (not over)',
      values: partial,
      style: { ...style, dash: 'dash', marker: 'triangle' },
    },
  ];
}

/** The target and the band lines, flat across the periods, named as the legend shows them. */
function referenceSeries(kpi: ReportKpi): Series[] {
  const count = kpi.trend.points.length;
  const flat = (y: number) => Array.from({ length: count }, () => y);
  // One period draws no line: a dash marks the level instead.
  const marker: SeriesStyle['marker'] = count > 1 ? 'none' : 'dash';
  const target: Series[] = kpi.target
    ? [
        {
          name: `Target ${kpi.target.formatted}`,
          values: flat(kpi.target.value),
          style: { color: '1A1A1A', dash: 'lgDash', width: 2, marker },
        },
      ]
    : [];
  const bands = bandLines(kpi).map((line, i) => ({
    name: line.label,
    values: flat(line.y),
    style: { ...referenceStyles[i % referenceStyles.length]!, width: 1.5, marker },
  }));
  return [...target, ...bands];
}

/** Axes over the KPI's value range (never past 100 for a percent), in the unit's format. */
function chartOptions(kpi: ReportKpi): PptxGenJS.IChartOpts {
  const range = valueRange(kpi);
  return {
    ...chart,
    displayBlanksAs: 'gap',
    showLegend: true,
    legendPos: 'b',
    legendFontSize: 10,
    legendFontFace: FONT,
    valAxisMinVal: range.min,
    valAxisMaxVal: range.max,
    valAxisMajorUnit: range.step,
    // Light, so a band line on a round figure still stands out from the grid.
    valGridLine: { color: 'E4E4E4', size: 0.5 },
    // PowerPoint draws the axis itself: give it the workbook's format of the same unit.
    valAxisLabelFormatCode: unitFormats[kpi.unit],
    valAxisTitle: kpi.unitLabel || kpi.unit,
    showValAxisTitle: true,
    catAxisTitle: `Period (${kpi.trend.grain})`,
    showCatAxisTitle: true,
    catAxisLabelFontSize: 10,
    valAxisLabelFontSize: 10,
    catAxisLabelFontFace: FONT,
    catAxisTitleFontFace: FONT,
    valAxisTitleFontFace: FONT,
    valAxisLabelFontFace: FONT,
  };
}

/**
 * The dashed series of periods not over: each partial value, joined from the complete value just
 * before it; null when no partial period has a value.
 */
function partialValues(points: ReportKpi['trend']['points']): (number | null)[] | null {
  if (!points.some((p) => p.partial && p.value !== null)) return null;
  return points.map((p, i) => {
    if (p.partial) return p.value;
    return points[i + 1]?.partial ? p.value : null;
  });
}

/* ------------------------------------------------------------------------------------------------
 * Appendix
 * --------------------------------------------------------------------------------------------- */

const cell = (text: string, header = false): PptxGenJS.TableCell => ({
  text,
  options: header ? { bold: true, fill: { color: ink.head } } : {},
});

function missingSlide(deck: PptxGenJS, model: ReportModel, kpis: ReportKpi[], title: string): void {
  const slide = contentSlide(deck, model, title);
  const head = ['KPI', 'Why there is no value', 'Data it needs'].map((t) => cell(t, true));
  const rows = kpis.map((k) =>
    [
      k.name,
      sentence(k.unavailableReason ?? `no ${k.coverage.countWord} counted in this period`),
      k.needs.join(', '),
    ].map((t) => cell(t)),
  );
  slide.addTable([head, ...rows], {
    x: page.left,
    y: page.top,
    w: page.width,
    colW: [3.2, 5.6, 3.53],
    fontFace: FONT,
    fontSize: 12,
    border: { type: 'solid', pt: 0.5, color: ink.rule },
  });
}

function sourcesSlide(deck: PptxGenJS, model: ReportModel, sources: ReportSource[]): void {
  const slide = contentSlide(deck, model, 'Benchmark sources');
  const head = ['Source', 'Edition', 'Peer group', 'Sample', 'Used for'].map((t) => cell(t, true));
  const rows = sources.map((s) =>
    [
      s.name,
      s.edition,
      s.peerGroup,
      s.sampleSize === null ? 'n/a' : formatCount(s.sampleSize),
      s.kpis.join(', '),
    ].map((t) => cell(t)),
  );
  slide.addTable([head, ...rows], {
    x: page.left,
    y: page.top,
    w: page.width,
    colW: [3.6, 1.2, 3.0, 1.0, 3.53],
    fontFace: FONT,
    fontSize: 11,
    border: { type: 'solid', pt: 0.5, color: ink.rule },
  });
}
