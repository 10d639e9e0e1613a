import 'server-only';
/**
 * PDF building blocks: the A4 document with the bundled font, headings and paragraphs, tables
 * that split across pages with their header repeated, SVG charts as vectors, and the header and
 * footer (filter context, page X of Y) stamped on every page once the pages are known.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { fontFiles } from './fonts';

export type Pdf = PDFKit.PDFDocument;

export const MARGIN = 48;
const HEADER_Y = 20;
const FOOTER_GAP = 28;
export const ink = { text: '#1a1a1a', muted: '#555555', rule: '#c8c8c8', head: '#eef1f5' };

/** An A4 document whose pages are kept until the end, so page numbers can be stamped. */
export function createPdf(title: string, createdAt: Date): Pdf {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN + 8, bottom: MARGIN + 8, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: title, Creator: 'Orderlens', Producer: 'Orderlens', CreationDate: createdAt },
  });
  const fonts = fontFiles();
  doc.registerFont('Sans', fonts.regular);
  doc.registerFont('Sans-Bold', fonts.bold);
  doc.font('Sans').fontSize(10).fillColor(ink.text);
  return doc;
}

export const contentWidth = (doc: Pdf) => doc.page.width - MARGIN * 2;
const pageBottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

/** Start a new page unless `height` points still fit on this one. */
export function ensureSpace(doc: Pdf, height: number): void {
  if (doc.y + height > pageBottom(doc)) doc.addPage();
}

export function heading(doc: Pdf, text: string, size = 16): void {
  ensureSpace(doc, size * 3);
  doc.moveDown(0.4).font('Sans-Bold').fontSize(size).fillColor(ink.text);
  doc.text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.moveDown(0.3).font('Sans').fontSize(10);
}

export function paragraph(
  doc: Pdf,
  text: string,
  options: { size?: number; muted?: boolean } = {},
) {
  doc
    .font('Sans')
    .fontSize(options.size ?? 10)
    .fillColor(options.muted ? ink.muted : ink.text);
  doc.text(text, MARGIN, doc.y, { width: contentWidth(doc) });
  doc.fillColor(ink.text);
}

/** Label: value lines, the label in bold. */
export function facts(doc: Pdf, rows: [string, string][]): void {
  for (const [label, value] of rows) {
    ensureSpace(doc, 16);
    doc.font('Sans-Bold').fontSize(10).text(`${label}: `, MARGIN, doc.y, { continued: true });
    doc.font('Sans').text(value, { width: contentWidth(doc) });
  }
}

export interface Column {
  header: string;
  /** Share of the content width. */
  width: number;
  align?: 'left' | 'right';
}

const CELL_PAD = 4;

/** A table that continues on the next page with its header row repeated. */
export function table(doc: Pdf, columns: Column[], rows: string[][], size = 9): void {
  const total = contentWidth(doc);
  const widths = columns.map((c) => c.width * total);
  const drawRow = (cells: string[], header: boolean) => {
    doc.font(header ? 'Sans-Bold' : 'Sans').fontSize(size);
    const height =
      Math.max(
        ...cells.map((c, i) => doc.heightOfString(c, { width: widths[i]! - CELL_PAD * 2 })),
      ) +
      CELL_PAD * 2;
    return {
      height,
      draw: (y: number) => paintRow(doc, columns, widths, cells, y, height, header),
    };
  };
  const header = drawRow(
    columns.map((c) => c.header),
    true,
  );
  ensureSpace(doc, header.height * 2);
  header.draw(doc.y);
  for (const cells of rows) {
    const row = drawRow(cells, false);
    if (doc.y + row.height > pageBottom(doc)) {
      doc.addPage();
      drawRow(
        columns.map((c) => c.header),
        true,
      ).draw(doc.y);
    }
    row.draw(doc.y);
  }
  doc.x = MARGIN;
  doc.moveDown(0.6);
}

function paintRow(
  doc: Pdf,
  columns: Column[],
  widths: number[],
  cells: string[],
  y: number,
  height: number,
  header: boolean,
): void {
  const total = widths.reduce((a, b) => a + b, 0);
  if (header) doc.rect(MARGIN, y, total, height).fill(ink.head);
  doc
    .moveTo(MARGIN, y + height)
    .lineTo(MARGIN + total, y + height)
    .lineWidth(0.5)
    .stroke(ink.rule);
  let x = MARGIN;
  doc.fillColor(ink.text).font(header ? 'Sans-Bold' : 'Sans');
  cells.forEach((cell, i) => {
    const width = widths[i]! - CELL_PAD * 2;
    doc.text(cell, x + CELL_PAD, y + CELL_PAD, { width, align: columns[i]?.align ?? 'left' });
    x += widths[i]!;
  });
  doc.y = y + height;
}

/** An SVG chart drawn as PDF vectors, full content width. */
export function svgChart(doc: Pdf, svg: string, aspect: number): void {
  const width = contentWidth(doc);
  const height = width / aspect;
  ensureSpace(doc, height + 8);
  const fontCallback = (_family: string, bold: boolean) => (bold ? 'Sans-Bold' : 'Sans');
  SVGtoPDF(doc as never, svg, MARGIN, doc.y, { width, height, fontCallback, assumePt: true });
  doc.y += height + 8;
  doc.x = MARGIN;
}

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
    doc.font('Sans').fontSize(8).fillColor(ink.muted);
    doc.text(header, MARGIN, HEADER_Y, { width, lineBreak: false, ellipsis: true });
    doc.text(context, MARGIN, footerY, { width: width - 80, lineBreak: false, ellipsis: true });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN + width - 80, footerY, {
      width: 80,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** The finished document as one buffer. */
export function pdfBuffer(doc: Pdf): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
