import 'server-only';
/**
 * PDF building blocks: the tagged A4 document with the bundled font, headings and paragraphs
 * (structure elements, so a screen reader finds H1/H2/P), tables that split across pages with
 * their header repeated, SVG charts as vectors, height estimates so a block is placed only where
 * it fits, and the header and footer (filter context, page X of Y) stamped once pages are known.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { fontFiles } from './fonts';

export type Pdf = PDFKit.PDFDocument;
type Structure = PDFKit.PDFStructureElement;

export const MARGIN = 48;
const HEADER_Y = 20;
const FOOTER_GAP = 28;
export const ink = {
  text: '#1a1a1a',
  muted: '#555555',
  rule: '#c8c8c8',
  head: '#eef1f5',
  accent: '#1f4e8c',
};

/** The document's root structure element, which every tagged block is added to in order. */
const roots = new WeakMap<Pdf, Structure>();

/** A tagged A4 document whose pages are kept until the end, so page numbers can be stamped. */
export function createPdf(title: string, createdAt: Date): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 8, bottom: MARGIN + 8, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'en-GB',
    // A viewer's title bar shows the report's title, not the file name.
    displayTitle: true,
    info: { Title: title, Creator: 'Orderlens', Producer: 'Orderlens', CreationDate: createdAt },
  });
  const fonts = fontFiles();
  doc.registerFont('Sans', fonts.regular);
  doc.registerFont('Sans-Bold', fonts.bold);
  doc.font('Sans').fontSize(10).fillColor(ink.text);
  const root = doc.struct('Document');
  doc.addStructure(root);
  roots.set(doc, root);
  return doc;
}

/** Draw content as one structure element (H1, P, Figure…) of the document. */
export function tagged(
  doc: Pdf,
  type: string,
  draw: () => void,
  options: PDFKit.Mixins.StructureElementOptions = {},
): void {
  roots.get(doc)!.add(doc.struct(type, options, draw));
}

/** Rules, fills and the running header: marked as artifacts, which a screen reader skips. */
export function artifact(doc: Pdf, draw: () => void): void {
  doc.markContent('Artifact');
  draw();
  doc.endMarkedContent();
}

export const contentWidth = (doc: Pdf) => doc.page.width - MARGIN * 2;
export const pageBottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;
export const pageTop = (doc: Pdf) => doc.page.margins.top;
/** Points left on the page below the cursor. */
export const spaceLeft = (doc: Pdf) => pageBottom(doc) - doc.y;
/** The height a block may have and still sit on one page. */
export const pageRoom = (doc: Pdf) => pageBottom(doc) - pageTop(doc);

/** Start a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function newPage(doc: Pdf): void {
  doc.addPage();
  doc.x = MARGIN;
}

/* ------------------------------------------------------------------------------------------------
 * Text
 * --------------------------------------------------------------------------------------------- */

export interface TextStyle {
  size?: number;
  bold?: boolean;
  muted?: boolean;
  color?: string;
  /** Indent from the left margin, in points. */
  indent?: number;
  width?: number;
}

function setStyle(doc: Pdf, style: TextStyle): void {
  doc
    .font(style.bold ? 'Sans-Bold' : 'Sans')
    .fontSize(style.size ?? 10)
    .fillColor(style.color ?? (style.muted ? ink.muted : ink.text));
}

const textWidth = (doc: Pdf, style: TextStyle) =>
  style.width ?? contentWidth(doc) - (style.indent ?? 0);

/** The height `text` takes in a style, for placing a block before drawing it. */
export function textHeight(doc: Pdf, text: string, style: TextStyle = {}): number {
  setStyle(doc, style);
  return doc.heightOfString(text, { width: textWidth(doc, style) });
}

/** Space a paragraph leaves below itself. */
const PARAGRAPH_GAP = 4;

export function paragraph(doc: Pdf, text: string, style: TextStyle = {}): void {
  tagged(doc, 'P', () => {
    setStyle(doc, style);
    doc.text(text, MARGIN + (style.indent ?? 0), doc.y, { width: textWidth(doc, style) });
  });
  doc.y += PARAGRAPH_GAP;
  doc.fillColor(ink.text);
}

export const paragraphHeight = (doc: Pdf, text: string, style: TextStyle = {}) =>
  textHeight(doc, text, style) + PARAGRAPH_GAP;

const headingSizes = { 1: 20, 2: 14, 3: 11 } as const;
type Level = keyof typeof headingSizes;

export const headingHeight = (doc: Pdf, text: string, level: Level) =>
  textHeight(doc, text, { size: headingSizes[level], bold: true }) + headingSizes[level] * 0.9;

/**
 * A heading, kept with the `keep` points of content that follow it: a heading is never left
 * alone at the foot of a page.
 */
export function heading(doc: Pdf, text: string, level: Level, keep = 40): void {
  const size = headingSizes[level];
  ensureSpace(doc, headingHeight(doc, text, level) + keep);
  if (doc.y > pageTop(doc) + 1) doc.y += size * 0.5;
  tagged(doc, `H${level}`, () => {
    setStyle(doc, { size, bold: true });
    doc.text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  });
  doc.y += size * 0.4;
  setStyle(doc, {});
}

/** Label: value lines, the label in bold. */
export function facts(doc: Pdf, rows: [string, string][]): void {
  for (const [label, value] of rows) {
    ensureSpace(doc, 16);
    tagged(doc, 'P', () => {
      doc.font('Sans-Bold').fontSize(10).fillColor(ink.text);
      doc.text(`${label}: `, MARGIN, doc.y, { continued: true });
      doc.font('Sans').text(value, { width: contentWidth(doc) });
    });
    doc.y += 2;
  }
}

const GRID_GAP = 16;

/** Facts in columns, row by row, each "Label: value" wrapping within its column. */
export function factGrid(doc: Pdf, rows: [string, string][], columns = 2, size = 9): void {
  const width = gridWidth(doc, columns);
  for (const line of chunk(rows, columns)) {
    const height = Math.max(...line.map(([l, v]) => factHeight(doc, l, v, width, size)));
    const y = doc.y;
    line.forEach(([label, value], column) => {
      tagged(doc, 'P', () => {
        doc.font('Sans-Bold').fontSize(size).fillColor(ink.text);
        doc.text(`${label}: `, MARGIN + column * (width + GRID_GAP), y, {
          width,
          continued: true,
        });
        doc.font('Sans').text(value);
      });
    });
    doc.y = y + height + 3;
  }
  doc.x = MARGIN;
}

const gridWidth = (doc: Pdf, columns: number) =>
  (contentWidth(doc) - GRID_GAP * (columns - 1)) / columns;

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, i * size + size),
  );

/** The value wraps after the bold label: measured as regular text, the label's extra width taken off. */
function factHeight(doc: Pdf, label: string, value: string, width: number, size: number) {
  const head = `${label}: `;
  const bold = doc.font('Sans-Bold').fontSize(size).widthOfString(head);
  const regular = doc.font('Sans').fontSize(size).widthOfString(head);
  return doc.heightOfString(`${head}${value}`, { width: width - (bold - regular) });
}

export function factGridHeight(doc: Pdf, rows: [string, string][], columns = 2, size = 9): number {
  const width = gridWidth(doc, columns);
  return chunk(rows, columns).reduce(
    (sum, line) => sum + Math.max(...line.map(([l, v]) => factHeight(doc, l, v, width, size))) + 3,
    0,
  );
}

/* ------------------------------------------------------------------------------------------------
 * Tables
 * --------------------------------------------------------------------------------------------- */

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

/** A table cell: text, optionally coloured or bold, with a status dot, or a small vector chart. */
export type Cell = string | TextCell | { svg: string; alt: string; height: number };
interface TextCell {
  text: string;
  color?: string;
  bold?: boolean;
  /** A status dot's colour, drawn before the text (which says the status in words). */
  dot?: string;
}

const CELL_PAD = 4;
const DOT = 3.2;

const cellText = (cell: Cell) =>
  typeof cell === 'string' ? cell : 'text' in cell ? cell.text : '';
const dotted = (cell: Cell) => typeof cell === 'object' && 'dot' in cell && cell.dot !== undefined;

function rowHeight(doc: Pdf, cells: Cell[], widths: number[], size: number, pad: number) {
  const heights = cells.map((cell, i) => {
    if (typeof cell === 'object' && 'svg' in cell) return cell.height;
    const bold = typeof cell === 'object' && cell.bold;
    doc.font(bold ? 'Sans-Bold' : 'Sans').fontSize(size);
    const inner = widths[i]! - CELL_PAD * 2 - (dotted(cell) ? DOT * 2 + 4 : 0);
    return doc.heightOfString(cellText(cell), { width: inner });
  });
  return Math.max(...heights) + pad * 2;
}

const headerCells = (columns: Column[]): Cell[] =>
  columns.map((c) => ({ text: c.header, bold: true }));

export interface TableOptions {
  size?: number;
  /** Padding above and below the text of body rows (header rows keep the default). */
  pad?: number;
}

/** The height a table takes when it does not split, for placing the block it belongs to. */
export function tableHeight(
  doc: Pdf,
  columns: Column[],
  rows: Cell[][],
  { size = 9, pad = CELL_PAD }: TableOptions = {},
): number {
  const widths = columns.map((c) => c.width * contentWidth(doc));
  const header = rowHeight(doc, headerCells(columns), widths, size, CELL_PAD);
  return rows.reduce((sum, row) => sum + rowHeight(doc, row, widths, size, pad), header) + 8;
}

/** A table that continues on the next page with its header row repeated. */
export function table(
  doc: Pdf,
  columns: Column[],
  rows: Cell[][],
  { size = 9, pad = CELL_PAD }: TableOptions = {},
): void {
  const widths = columns.map((c) => c.width * contentWidth(doc));
  const headers = headerCells(columns);
  const headerHeight = rowHeight(doc, headers, widths, size, CELL_PAD);
  const first = rows[0] ? rowHeight(doc, rows[0], widths, size, pad) : 0;
  ensureSpace(doc, headerHeight + first);
  const structure = doc.struct('Table');
  roots.get(doc)!.add(structure);
  const paint = (cells: Cell[], height: number, header: boolean) =>
    paintRow(doc, structure, columns, widths, cells, { height, size, header, pad });
  paint(headers, headerHeight, true);
  for (const cells of rows) {
    const height = rowHeight(doc, cells, widths, size, pad);
    if (doc.y + height > pageBottom(doc)) {
      doc.addPage();
      paint(headers, headerHeight, true);
    }
    paint(cells, height, false);
  }
  structure.end();
  doc.x = MARGIN;
  doc.y += 8;
}

interface RowStyle {
  height: number;
  size: number;
  header: boolean;
  pad: number;
}

function paintRow(
  doc: Pdf,
  structure: Structure,
  columns: Column[],
  widths: number[],
  cells: Cell[],
  style: RowStyle,
): void {
  const y = doc.y;
  const total = widths.reduce((a, b) => a + b, 0);
  artifact(doc, () => {
    if (style.header) doc.rect(MARGIN, y, total, style.height).fill(ink.head);
    doc
      .moveTo(MARGIN, y + style.height)
      .lineTo(MARGIN + total, y + style.height)
      .lineWidth(0.5)
      .stroke(ink.rule);
  });
  const row = doc.struct('TR');
  structure.add(row);
  let x = MARGIN;
  cells.forEach((cell, i) => {
    const at = { x, y: y + style.pad, width: widths[i]! };
    const draw = () => paintCell(doc, cell, at, style, columns[i]?.align);
    const figure = typeof cell === 'object' && 'svg' in cell;
    row.add(
      figure
        ? doc.struct('TD', {}, [doc.struct('Figure', { alt: cell.alt }, draw)])
        : doc.struct(style.header ? 'TH' : 'TD', {}, draw),
    );
    x += widths[i]!;
  });
  row.end();
  doc.y = y + style.height;
}

function paintCell(
  doc: Pdf,
  cell: Cell,
  at: { x: number; y: number; width: number },
  { size, header }: RowStyle,
  align: 'left' | 'right' = 'left',
): void {
  if (typeof cell === 'object' && 'svg' in cell) {
    drawSvg(doc, cell.svg, at.x + CELL_PAD, at.y, at.width - CELL_PAD * 2, cell.height);
    return;
  }
  const style = typeof cell === 'string' ? { text: cell } : cell;
  let left = at.x + CELL_PAD;
  let inner = at.width - CELL_PAD * 2;
  if (style.dot) {
    doc.circle(left + DOT, at.y + size * 0.6, DOT).fill(style.dot);
    left += DOT * 2 + 4;
    inner -= DOT * 2 + 4;
  }
  doc
    .font(header || style.bold ? 'Sans-Bold' : 'Sans')
    .fontSize(size)
    .fillColor(style.color ?? ink.text);
  doc.text(style.text, left, at.y, { width: inner, align });
  doc.fillColor(ink.text);
}

/* ------------------------------------------------------------------------------------------------
 * Charts and images
 * --------------------------------------------------------------------------------------------- */

/** An SVG drawn as PDF vectors in a box (untagged: callers wrap it as a Figure). */
export function drawSvg(
  doc: Pdf,
  svg: string,
  x: number,
  y: number,
  width: number,
  height: number,
) {
  const fontCallback = (_family: string, bold: boolean) => (bold ? 'Sans-Bold' : 'Sans');
  SVGtoPDF(doc as never, svg, x, y, { width, height, fontCallback, assumePt: true });
}

/** An SVG chart drawn as PDF vectors at the cursor, content width, as a figure with its text. */
export function svgChart(doc: Pdf, svg: string, aspect: number, alt: string): void {
  const width = contentWidth(doc);
  const height = width / aspect;
  ensureSpace(doc, height + 8);
  const y = doc.y;
  tagged(doc, 'Figure', () => drawSvg(doc, svg, MARGIN, y, width, height), { alt });
  doc.y = y + height + 8;
  doc.x = MARGIN;
}

export const chartHeight = (doc: Pdf, aspect: number) => contentWidth(doc) / aspect + 8;

/** Header (organisation, title) and footer (filter context, page X of Y) on every page. */
export function stampPages(doc: Pdf, header: string, context: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    // Writing into the margins must not trigger pdfkit's automatic page break.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const width = contentWidth(doc);
    const footerY = doc.page.height - FOOTER_GAP;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font('Sans').fontSize(8).fillColor(ink.muted);
    doc.text(header, MARGIN, HEADER_Y, { width, lineBreak: false, ellipsis: true });
    doc.text(context, MARGIN, footerY, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN + width - 80, footerY, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
}

/** The finished document as one buffer. */
export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  roots.get(doc)?.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
