import 'server-only';
/**
 * The executive pack as PDF: a cover; a summary that tells the story in sentences, then the best
 * and worst movers; a one-page scorecard (status in colour and words, change with its direction,
 * a bullet chart per KPI); a section only for each KPI with something to say, packed so pages are
 * full; the KPIs without data once; and appendices (definitions, sources, ledger) on their own pages.
 */
import { noteDays } from '@/lib/annotations/notes';
import { formatCount } from '@/lib/format/kpi-value';
import {
  CHART_WIDTH,
  bulletChartSvg,
  bulletLegend,
  hasBullet,
  hasTrendValues,
  trendChartSvg,
} from './chart-svg';
import {
  bandText,
  basisText,
  changeSentence,
  changeText,
  changeVerdict,
  coverageText,
  dataText,
  grainAdjective,
  filtersText,
  noMessagesText,
  noMoversText,
  statusColourText,
  summaryValueText,
  targetText,
  toneText,
} from './labels';
import {
  type Cell,
  type Column,
  MARGIN,
  artifact,
  chartHeight,
  contentWidth,
  createPdf,
  drawSvg,
  facts,
  factGrid,
  factGridHeight,
  heading,
  headingHeight,
  ink,
  newPage,
  pageRoom,
  pageTop,
  paragraph,
  paragraphHeight,
  pdfBuffer,
  spaceLeft,
  stampPages,
  svgChart,
  table,
  tableHeight,
  tagged,
  type Pdf,
} from './pdf-layout';
import type { ReportKpi, ReportMessage, ReportModel, ReportMover, StatusColour } from './types';

/** Breakdown rows printed per KPI; the XLSX holds them all. */
export const MAX_SEGMENTS = 12;
/** The trend chart's height in chart units: flatter than the PNG so two sections share a page. */
const SECTION_CHART_HEIGHT = 280;
const SECTION_CHART_ASPECT = CHART_WIDTH / SECTION_CHART_HEIGHT;

/** Status colours dark enough to read as text on white; the label beside says the same. */
export const statusInk: Record<StatusColour, string> = {
  green: '#2e7d32',
  amber: '#a65e00',
  red: '#c62828',
  grey: '#8a8a8a',
};
const toneInk = { good: statusInk.green, bad: statusInk.red } as const;

/** Render the report model as a PDF document. */
export async function renderReportPdf(model: ReportModel): Promise<Buffer> {
  const doc = createPdf(`${model.organisation}: KPI benchmark report`, new Date(model.generatedAt));
  cover(doc, model);
  summary(doc, model);
  scorecard(doc, model);
  notesOnPeriod(doc, model);
  sections(
    doc,
    model.kpis.filter((k) => k.section),
  );
  definitions(doc, model);
  withoutData(
    doc,
    model.kpis.filter((k) => !k.available),
  );
  sources(doc, model);
  ledger(doc, model);
  stampPages(doc, `${model.organisation} · KPI benchmark report`, model.context);
  return pdfBuffer(doc);
}

/* ------------------------------------------------------------------------------------------------
 * Cover
 * --------------------------------------------------------------------------------------------- */

const LOGO_BOX = { width: 180, height: 90 };

function cover(doc: Pdf, model: ReportModel): void {
  doc.y = 150;
  if (model.logo) {
    const y = doc.y;
    tagged(
      doc,
      'Figure',
      () => doc.image(model.logo!.data, MARGIN, y, { fit: [LOGO_BOX.width, LOGO_BOX.height] }),
      { alt: `${model.organisation} logo` },
    );
    doc.y = y + LOGO_BOX.height + 24;
  }
  tagged(doc, 'P', () => {
    doc.font('Sans-Bold').fontSize(30).fillColor(ink.text);
    doc.text(model.organisation, MARGIN, doc.y, { width: contentWidth(doc) });
  });
  tagged(doc, 'H1', () => {
    doc.font('Sans').fontSize(18).fillColor(ink.accent);
    doc.text('Order-management KPI benchmark report', MARGIN, doc.y + 4, {
      width: contentWidth(doc),
    });
  });
  tagged(doc, 'P', () => {
    doc.font('Sans').fontSize(14).fillColor(ink.text);
    doc.text(model.period.text, MARGIN, doc.y + 6, { width: contentWidth(doc) });
  });
  doc.y += 30;
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, doc.y - 12)
      .lineTo(MARGIN + contentWidth(doc), doc.y - 12)
      .lineWidth(1)
      .stroke(ink.rule),
  );
  facts(doc, [
    ['Comparison', model.comparison?.text ?? 'None (a comparison needs a from and to date)'],
    ['Filters', filtersText(model)],
    ['Data coverage', dataText(model)],
    ['KPIs', kpiCountText(model)],
    ['Generated', `${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC`],
  ]);
  if (model.data.isDemo) {
    doc.y += 12;
    paragraph(doc, 'This report is built from generated demo data, not from real orders.', {
      bold: true,
      color: statusInk.amber,
    });
  }
}

function kpiCountText(model: ReportModel): string {
  const valued = model.kpis.filter((k) => k.available).length;
  const missing = model.kpis.length - valued;
  return `${model.kpis.length} in the catalogue: ${valued} with a value${missing ? `, ${missing} without the data they need` : ''}`;
}

/* ------------------------------------------------------------------------------------------------
 * Executive summary
 * --------------------------------------------------------------------------------------------- */

function summary(doc: Pdf, model: ReportModel): void {
  newPage(doc);
  heading(doc, 'Executive summary', 1);
  paragraph(doc, periodLine(model), { muted: true, size: 9 });
  heading(doc, 'What matters this period', 2);
  if (!model.messages.length) paragraph(doc, noMessagesText, { size: 12 });
  model.messages.forEach((m, i) => message(doc, m, i + 1));
  heading(doc, 'At a glance', 2, 60);
  glance(doc, model);
  heading(doc, 'Movers', 2, 80);
  movers(doc, model);
  heading(doc, 'In this pack', 2, 40);
  paragraph(doc, contentsText(model), { size: 9.5 });
}

const periodLine = (model: ReportModel) =>
  model.comparison
    ? `${model.period.text}. ${model.comparison.text}.`
    : `${model.period.text}. No comparison: changes need a from and a to date.`;

const NUMBER_WIDTH = 30;

/** One numbered message: the number and tone word in the tone's colour, then the sentence. */
function message(doc: Pdf, m: ReportMessage, n: number): void {
  const indent = NUMBER_WIDTH;
  const tone = toneText[m.tone];
  const height = paragraphHeight(doc, m.text, { size: 12, indent }) + 14;
  const y = doc.y + (spaceLeft(doc) < height ? 0 : 4);
  if (spaceLeft(doc) < height) newPage(doc);
  artifact(doc, () => doc.rect(MARGIN, y + 2, 3, height - 8).fill(toneInk[m.tone]));
  tagged(doc, 'P', () => {
    doc.font('Sans-Bold').fontSize(18).fillColor(toneInk[m.tone]);
    doc.text(`${n}`, MARGIN + 9, y, { width: NUMBER_WIDTH - 9, lineBreak: false });
    doc
      .font('Sans-Bold')
      .fontSize(8)
      .text(tone.toUpperCase(), MARGIN + indent, y + 1, {
        width: contentWidth(doc) - indent,
        characterSpacing: 0.6,
      });
    doc.font('Sans').fontSize(12).fillColor(ink.text);
    doc.text(m.text, MARGIN + indent, y + 12, { width: contentWidth(doc) - indent });
  });
  doc.y = Math.max(doc.y, y + height - 6) + 4;
}

const colours: StatusColour[] = ['green', 'amber', 'red', 'grey'];

/** How many KPIs stand at each status: a count, a dot and the words for it, side by side. */
function glance(doc: Pdf, model: ReportModel): void {
  const valued = model.kpis.filter((k) => k.available);
  const width = contentWidth(doc) / colours.length;
  const y = doc.y;
  let bottom = y;
  colours.forEach((colour, i) => {
    const count = valued.filter((k) => k.status.colour === colour).length;
    const x = MARGIN + i * width;
    artifact(doc, () => doc.circle(x + 6, y + 11, 5).fill(statusInk[colour]));
    tagged(doc, 'P', () => {
      doc.font('Sans-Bold').fontSize(18).fillColor(ink.text);
      doc.text(`${count} `, x + 16, y, { width: width - 20, continued: true });
      doc.font('Sans-Bold').fontSize(10).text(colour);
      doc.font('Sans').fontSize(8.5).fillColor(ink.muted);
      doc.text(statusColourText[colour], x + 16, y + 24, { width: width - 24 });
    });
    bottom = Math.max(bottom, doc.y);
  });
  doc.y = bottom + 10;
  doc.x = MARGIN;
  doc.fillColor(ink.text);
}

/** Best and worst movers side by side, ranked by how unusual the move was. */
function movers(doc: Pdf, model: ReportModel): void {
  const width = (contentWidth(doc) - 20) / 2;
  const y = doc.y;
  const left = moverColumn(doc, 'Best movers', model.movers.best, MARGIN, y, width);
  const right = moverColumn(doc, 'Worst movers', model.movers.worst, MARGIN + width + 20, y, width);
  doc.y = Math.max(left, right) + 8;
  doc.x = MARGIN;
}

function moverColumn(
  doc: Pdf,
  title: string,
  list: ReportMover[],
  x: number,
  y: number,
  width: number,
): number {
  tagged(doc, 'H3', () => {
    doc.font('Sans-Bold').fontSize(10.5).fillColor(ink.text).text(title, x, y, { width });
  });
  if (!list.length) {
    tagged(doc, 'P', () => {
      doc
        .font('Sans')
        .fontSize(9)
        .fillColor(ink.muted)
        .text(noMoversText, x, doc.y + 2, { width });
    });
    return doc.y;
  }
  list.forEach((m, i) => {
    tagged(doc, 'P', () => {
      doc.font('Sans-Bold').fontSize(9.5).fillColor(ink.text);
      doc.text(`${i + 1}. ${m.name}`, x, doc.y + 4, { width });
      // The text gives the change and how unusual it was ("3.0× its usual move").
      doc.font('Sans').fontSize(9).fillColor(ink.text);
      doc.text(m.text, x + 12, doc.y, { width: width - 12 });
    });
  });
  return doc.y;
}

function contentsText(model: ReportModel): string {
  const told = model.kpis.filter((k) => k.section).length;
  const missing = model.kpis.filter((k) => !k.available).length;
  const valued = model.kpis.length - missing;
  return [
    valued
      ? 'The scorecard on the next page shows every KPI with a value: its status against the target, else the benchmark band, the change and a bullet chart.'
      : 'No KPI has a value for this period and these filters, so there is no scorecard.',
    `${told} KPI${told === 1 ? ' has' : 's have'} a section of their own with the trend, what drove the change and the breakdown.`,
    missing
      ? `${missing} KPI${missing === 1 ? ' has' : 's have'} no value for want of data; the reason is given at the end of Appendix A.`
      : '',
    'Appendices: A definitions, B benchmark sources, C the load ledger.',
  ]
    .filter(Boolean)
    .join(' ');
}

/* ------------------------------------------------------------------------------------------------
 * Scorecard
 * --------------------------------------------------------------------------------------------- */

const BULLET_HEIGHT = 13;
const SCORECARD_SIZE = 8;
const MIN_PAD = 4;
const MAX_PAD = 7;

const scorecardColumns: Column[] = [
  { header: 'Status', width: 0.19 },
  { header: 'KPI', width: 0.25 },
  { header: 'Value', width: 0.1, align: 'right' },
  { header: 'Change', width: 0.16 },
  { header: 'Against target and bands', width: 0.3 },
];

const greyColumns: Column[] = [
  { header: 'KPI', width: 0.22 },
  { header: 'Value', width: 0.09, align: 'right' },
  { header: 'Change', width: 0.19 },
  { header: 'KPI', width: 0.22 },
  { header: 'Value', width: 0.09, align: 'right' },
  { header: 'Change', width: 0.19 },
];

function scorecard(doc: Pdf, model: ReportModel): void {
  const valued = model.kpis.filter((k) => k.available);
  // Without a value there is nothing to score: the summary says so, and Appendix A says why.
  if (!valued.length) return;
  newPage(doc);
  heading(doc, 'Scorecard', 1);
  const judged = valued.filter((k) => k.status.colour !== 'grey');
  const grey = valued.filter((k) => k.status.colour === 'grey');
  paragraph(doc, scorecardIntro(model), { muted: true, size: 8.5 });
  const judgedRows = judged.map(scorecardRow);
  const greyRowsOf = greyRows(grey);
  const { size, pad } = scorecardFit(doc, judgedRows, greyRowsOf);
  if (judged.length) {
    table(doc, scorecardColumns, judgedRows, { size, pad });
    paragraph(doc, bulletLegend(), { muted: true, size: 7.5 });
  }
  if (grey.length) {
    const keep = tableHeight(doc, greyColumns, greyRowsOf.slice(0, 2), { size });
    heading(doc, 'No target or band to judge by', 3, keep);
    table(doc, greyColumns, greyRowsOf, { size, pad });
  }
  const missing = model.kpis.length - valued.length;
  if (missing)
    paragraph(
      doc,
      `${missing} KPI${missing === 1 ? ' has' : 's have'} no value: listed with the reason at the end of Appendix A.`,
      { muted: true, size: 8.5 },
    );
}

/**
 * Type size and row padding: compact, opened up when the page has room to spare, and closed down
 * a step at a time when a long catalogue would spill, so the scorecard reads as one page.
 */
function scorecardFit(doc: Pdf, judged: Cell[][], grey: Cell[][]): { size: number; pad: number } {
  const needed = (size: number, pad: number) =>
    (judged.length ? tableHeight(doc, scorecardColumns, judged, { size, pad }) + 40 : 0) +
    (grey.length ? tableHeight(doc, greyColumns, grey, { size, pad }) + 40 : 0) +
    30;
  const rows = judged.length + grey.length;
  const spare = spaceLeft(doc) - needed(SCORECARD_SIZE, MIN_PAD);
  if (rows && spare > 0)
    return { size: SCORECARD_SIZE, pad: Math.min(MAX_PAD, MIN_PAD + spare / rows / 2) };
  for (const [size, pad] of TIGHTER) if (needed(size, pad) <= spaceLeft(doc)) return { size, pad };
  return { size: SCORECARD_SIZE, pad: MIN_PAD };
}

/** Smaller type and padding, in order, for a scorecard that would not fit at the usual size. */
const TIGHTER: readonly [number, number][] = [
  [7.5, 3],
  [7, 2],
];

function scorecardIntro(model: ReportModel): string {
  const against = model.comparison ? `${model.comparison.text}. ` : '';
  return `Status is judged against the target where one is set, else against the headline band set (the best match to the organisation's profile, named in each section). ${against}▲ and ▼ show which way the number moved; the word beside says whether that is better or worse.`;
}

function scorecardRow(k: ReportKpi): Cell[] {
  return [
    { text: k.status.label, dot: statusInk[k.status.colour] },
    { text: k.name, bold: true },
    summaryValueText(k),
    changeCell(k),
    hasBullet(k)
      ? {
          svg: bulletChartSvg(k, 150, BULLET_HEIGHT),
          alt: bulletAlt(k),
          height: BULLET_HEIGHT,
        }
      : { text: 'Nothing to compare with', color: ink.muted },
  ];
}

function changeCell(k: ReportKpi): Cell {
  const verdict = changeVerdict(k);
  const color =
    verdict === 'better' ? statusInk.green : verdict === 'worse' ? statusInk.red : ink.muted;
  return { text: changeSentence(k), color };
}

const bulletAlt = (k: ReportKpi) =>
  [
    `${k.name} ${k.formatted}`,
    k.target ? `target ${k.target.formatted}` : '',
    k.band ? `band ${k.band}` : '',
    k.chartBands ? `bands: ${k.chartBands.description}` : '',
  ]
    .filter(Boolean)
    .join('; ');

/** KPIs without a status, two to a row: name, value and change, no columns of dashes. */
function greyRows(kpis: ReportKpi[]): Cell[][] {
  const half = Math.ceil(kpis.length / 2);
  const cells = (k: ReportKpi | undefined): Cell[] =>
    k ? [{ text: k.name, bold: true }, summaryValueText(k), changeCell(k)] : ['', '', ''];
  return kpis.slice(0, half).map((k, i) => [...cells(k), ...cells(kpis[half + i])]);
}

/* ------------------------------------------------------------------------------------------------
 * KPI sections
 * --------------------------------------------------------------------------------------------- */

function sections(doc: Pdf, kpis: ReportKpi[]): void {
  if (!kpis.length) return;
  newPage(doc);
  kicker(doc, 'The KPIs in detail');
  for (const kpi of kpis) {
    // A section that fits stays whole; one that does not starts a page (and may run on).
    const height = sectionHeight(doc, kpi);
    if (height > spaceLeft(doc) && spaceLeft(doc) < pageRoom(doc) - 1) newPage(doc);
    kpiSection(doc, kpi);
  }
}

const SECTION_GAP = 10;

const segmentColumns = (k: ReportKpi): Column[] => [
  { header: k.breakdown.label, width: 0.46 },
  { header: 'Value', width: 0.18, align: 'right' },
  { header: capital(k.coverage.countWord), width: 0.18, align: 'right' },
  { header: 'Internal quartile', width: 0.18, align: 'right' },
];

const segmentRows = (k: ReportKpi): Cell[][] =>
  k.breakdown.segments
    .slice(0, MAX_SEGMENTS)
    .map((s) => [
      s.segment,
      s.formatted,
      formatCount(s.n),
      s.quartile === null ? '—' : `Q${s.quartile}`,
    ]);

/** Characters of band text that fit a third of the width at 9 pt in one line or two. */
const SHORT_BAND = 40;

/** Facts three to a row; a long band (several placements with sources) gets a line of its own. */
function factRows(k: ReportKpi): { grid: [string, string][]; line: [string, string][] } {
  const band: [string, string] = ['Band', bandText(k)];
  const short = band[1].length <= SHORT_BAND;
  const grid: [string, string][] = [
    ['Value', k.formatted],
    ['Status', k.status.label],
    ['Change', changeText(k)],
    ['Target', targetText(k)],
    ...(short ? [band] : []),
    ['Basis', basisText(k)],
  ];
  return { grid, line: short ? [] : [band] };
}

/** The sentence under a KPI's heading: its context, else what it measures. */
const leadText = (k: ReportKpi) => k.context || k.definition;

const noTrendText = (k: ReportKpi) =>
  `No ${grainAdjective[k.trend.grain]} values to draw a trend: the value of ${k.formatted} covers the whole period only.`;

const moreSegmentsText = (more: number) =>
  `${more} smaller segment${more === 1 ? ' is' : 's are'} in the XLSX report.`;

const noBreakdownText = 'No breakdown: this KPI is not computed per segment.';
const SEGMENT_TABLE = { size: 8, pad: 3 };
const SECTION_BULLET = { width: 300, height: 16 };

const coverageLine = (k: ReportKpi) => `Coverage: ${coverageText(k)}.`;

/** What a KPI's section takes, measured with the same styles it is drawn in. */
function sectionHeight(doc: Pdf, k: ReportKpi): number {
  const segments = segmentRows(k);
  const more = k.breakdown.segments.length - segments.length;
  return (
    headingHeight(doc, k.name, 2) +
    paragraphHeight(doc, leadText(k), { size: 9.5 }) +
    factGridHeight(doc, factRows(k).grid, 3) +
    factGridHeight(doc, factRows(k).line, 1) +
    6 +
    (hasTrendValues(k) ? chartHeight(doc, SECTION_CHART_ASPECT) : noTrendHeight(doc, k)) +
    (k.notes?.length ? paragraphHeight(doc, trendNotesText(k), { size: 8.5 }) : 0) +
    (k.driver ? paragraphHeight(doc, k.driver.text, { size: 9.5, bold: true }) : 0) +
    (k.practices ? paragraphHeight(doc, k.practices.text, { size: 9 }) : 0) +
    (segments.length
      ? tableHeight(doc, segmentColumns(k), segments, SEGMENT_TABLE)
      : paragraphHeight(doc, noBreakdownText, { size: 9 })) +
    (more > 0 ? paragraphHeight(doc, moreSegmentsText(more), { size: 8 }) : 0) +
    paragraphHeight(doc, coverageLine(k), { size: 8.5 }) +
    SECTION_GAP
  );
}

function kpiSection(doc: Pdf, k: ReportKpi): void {
  if (doc.y > pageTop(doc) + 20) rule(doc, doc.y);
  heading(doc, k.name, 2, 60);
  paragraph(doc, leadText(k), { size: 9.5 });
  factGrid(doc, factRows(k).grid, 3);
  factGrid(doc, factRows(k).line, 1);
  doc.y += 6;
  if (hasTrendValues(k))
    svgChart(
      doc,
      trendChartSvg(k, { height: SECTION_CHART_HEIGHT, title: false }),
      SECTION_CHART_ASPECT,
      trendAlt(k),
    );
  else noTrend(doc, k);
  if (k.notes?.length) paragraph(doc, trendNotesText(k), { size: 8.5 });
  if (k.driver) paragraph(doc, k.driver.text, { size: 9.5, bold: true });
  if (k.practices) paragraph(doc, k.practices.text, { size: 9 });
  breakdown(doc, k);
  paragraph(doc, coverageLine(k), { size: 8.5, muted: true });
  doc.y += SECTION_GAP;
}

/** No chart without values: a sentence, and the bullet chart when there is something to compare. */
function noTrend(doc: Pdf, k: ReportKpi): void {
  paragraph(doc, noTrendText(k), { size: 9, muted: true });
  if (!hasBullet(k)) return;
  const { width, height } = SECTION_BULLET;
  const y = doc.y + 2;
  tagged(
    doc,
    'Figure',
    () => drawSvg(doc, bulletChartSvg(k, width, height), MARGIN, y, width, height),
    {
      alt: bulletAlt(k),
    },
  );
  doc.y = y + height + 4;
  paragraph(doc, bulletLegend(k), { size: 8, muted: true });
}

function noTrendHeight(doc: Pdf, k: ReportKpi): number {
  const sentence = paragraphHeight(doc, noTrendText(k), { size: 9 });
  if (!hasBullet(k)) return sentence;
  return sentence + SECTION_BULLET.height + 6 + paragraphHeight(doc, bulletLegend(k), { size: 8 });
}

/**
 * The sections' H1, set small above the first KPI so that two sections still share its page;
 * the KPI names below are the headings a reader scans.
 */
function kicker(doc: Pdf, text: string): void {
  tagged(doc, 'H1', () => {
    doc.font('Sans-Bold').fontSize(8.5).fillColor(ink.accent);
    doc.text(text.toUpperCase(), MARGIN, doc.y, {
      width: contentWidth(doc),
      characterSpacing: 0.8,
    });
  });
  doc.fillColor(ink.text);
}

/** A thin rule between two sections that share a page. */
function rule(doc: Pdf, y: number): void {
  artifact(doc, () =>
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + contentWidth(doc), y)
      .lineWidth(0.6)
      .stroke(ink.rule),
  );
}

/** The largest segments; the table's first column names the dimension, so no heading. */
function breakdown(doc: Pdf, k: ReportKpi): void {
  const rows = segmentRows(k);
  if (!rows.length) {
    paragraph(doc, noBreakdownText, { size: 9 });
    return;
  }
  table(doc, segmentColumns(k), rows, SEGMENT_TABLE);
  const more = k.breakdown.segments.length - rows.length;
  if (more > 0) paragraph(doc, moreSegmentsText(more), { muted: true, size: 8 });
}

function trendAlt(k: ReportKpi): string {
  const valued = k.trend.points.filter((p) => p.value !== null);
  const first = valued[0]!;
  const last = valued.at(-1)!;
  return [
    `Trend of ${k.name} by ${k.trend.grain}, ${first.label} to ${last.label}`,
    `value for the period ${k.formatted}`,
    k.target ? `target ${k.target.formatted}` : '',
    k.chartBands ? k.chartBands.description : '',
    valued.some((p) => p.partial) ? 'the last period is partial' : '',
    k.notes?.length ? trendNotesText(k) : '',
  ]
    .filter(Boolean)
    .join('; ');
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The notes marked on a KPI's trend, by their numbers on the chart. */
const trendNotesText = (k: ReportKpi) =>
  `Notes on the trend: ${(k.notes ?? []).map((n) => `${n.number}. ${n.text}`).join(' ')}`;

const notesColumns: Column[] = [
  { header: 'Days', width: 0.22 },
  { header: 'About', width: 0.22 },
  { header: 'Note', width: 0.56 },
];
const notesIntro =
  'What users noted on dates this report covers (a system change, a peak season, a strike): each is marked on the trends it falls in.';

/** "Notes on the period", after the scorecard, kept whole when it fits. */
function notesOnPeriod(doc: Pdf, model: ReportModel): void {
  const notes = model.notes ?? [];
  if (!notes.length) return;
  const rows = notes.map((n) => [noteDays(n), n.about, n.note]);
  keptWhole(doc, 'Notes on the period', notesIntro, notesColumns, rows, { muted: true });
}

/** A heading, a sentence and a table, kept whole: on a new page when they do not fit this one. */
function keptWhole(
  doc: Pdf,
  title: string,
  intro: string,
  columns: Column[],
  rows: Cell[][],
  introStyle: { muted?: boolean } = {},
): void {
  const height =
    headingHeight(doc, title, 2) +
    paragraphHeight(doc, intro, { size: 9 }) +
    tableHeight(doc, columns, rows);
  if (height > spaceLeft(doc)) newPage(doc);
  heading(doc, title, 2, 60);
  paragraph(doc, intro, { size: 9, ...introStyle });
  table(doc, columns, rows);
}

/* ------------------------------------------------------------------------------------------------
 * KPIs without data, and the appendices
 * --------------------------------------------------------------------------------------------- */

const missingColumns: Column[] = [
  { header: 'KPI', width: 0.3 },
  { header: 'Why it has no value', width: 0.7 },
];

const missingIntro =
  'These KPIs are in the catalogue but have no value here: what each one needs is missing, as said beside it. They have no status and no section.';

/** Listed once, at the end of Appendix A, kept whole: never a page of its own when it fits. */
function withoutData(doc: Pdf, kpis: ReportKpi[]): void {
  if (!kpis.length) return;
  const rows = kpis.map((k) => [k.name, k.unavailableReason ?? 'Unavailable']);
  keptWhole(doc, 'KPIs without the data they need', missingIntro, missingColumns, rows);
}

function definitions(doc: Pdf, model: ReportModel): void {
  newPage(doc);
  heading(doc, 'Appendix A: definitions', 1);
  for (const k of model.kpis) {
    const details = `Standard: ${k.standard}. Variant: ${k.variant}. As of: ${k.asOf}. Needs: ${k.needs.join(', ')}.`;
    heading(
      doc,
      k.name,
      3,
      paragraphHeight(doc, k.definition, { size: 9 }) + paragraphHeight(doc, details, { size: 8 }),
    );
    paragraph(doc, k.definition, { size: 9 });
    paragraph(doc, details, { size: 8, muted: true });
  }
}

function sources(doc: Pdf, model: ReportModel): void {
  newPage(doc);
  heading(doc, 'Appendix B: benchmark sources', 1);
  paragraph(
    doc,
    'Where each band, band line and reference figure comes from, with its edition, peer group and sample, so a reader can judge how far a comparison carries.',
    { size: 9, muted: true },
  );
  if (!model.sources.length) paragraph(doc, 'No KPI in this report was placed in a band set.');
  for (const source of model.sources) {
    heading(doc, source.name, 3, 90);
    facts(doc, [
      ['Edition', source.edition],
      ['Peer group', source.peerGroup],
      ['Sample size', source.sampleSize === null ? 'not stated' : formatCount(source.sampleSize)],
      ['Used for', source.kpis.join(', ')],
    ]);
    paragraph(doc, source.citation, { size: 8, muted: true });
  }
}

const ledgerIntro =
  'Every file this report rests on, in load order. The SHA-256 fingerprint identifies each file exactly: anyone holding a file can compute its fingerprint (sha256sum on Linux, Get-FileHash on Windows) and confirm that these figures were computed from it.';

function ledger(doc: Pdf, model: ReportModel): void {
  newPage(doc);
  heading(doc, 'Appendix C: load ledger', 1);
  paragraph(doc, ledgerIntro, { size: 9, muted: true });
  if (!model.ledger.length) return paragraph(doc, 'No file has been loaded.');
  table(
    doc,
    [
      { header: 'Load', width: 0.06, align: 'right' },
      { header: 'File', width: 0.2 },
      { header: 'Table', width: 0.1 },
      { header: 'Rows', width: 0.08, align: 'right' },
      // Wide enough for the 64 hex digits on one line, so a hash can be copied whole.
      { header: 'SHA-256', width: 0.56 },
    ],
    model.ledger.map((l) => [
      String(l.loadId),
      l.fileName,
      l.target,
      formatCount(l.rows),
      l.contentHash,
    ]),
    { size: 6.5 },
  );
}
