import 'server-only';
/**
 * XLSX → CSV: DuckDB reads CSV, so this turns one sheet of a workbook into RFC 4180 text (UTF-8,
 * no BOM, '\n'), streaming. xlsx-container checks the file before parsing (zip bomb, legacy .xls,
 * encryption), xlsx-workbook drives exceljs's streaming reader, xlsx-cells formats each value.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { csvLine, cellText } from './xlsx-cells';
import { defaultXlsxLimits, toXlsxError, XlsxError, type XlsxLimits } from './xlsx-container';
import {
  loadSharedParts,
  openWorkbook,
  partStream,
  pickSheet,
  type SheetRef,
  type Workbook,
} from './xlsx-workbook';

/** Check the container and the zip directory, then read the sheet list. Parses no sheet. */
export async function inspectXlsx(
  file: string,
  limits: XlsxLimits = defaultXlsxLimits,
): Promise<{ sheets: string[]; date1904: boolean }> {
  const wb = await openWorkbook(file, limits);
  wb.zip.close();
  return { sheets: wb.sheets.map((s) => s.name), date1904: wb.date1904 };
}

/**
 * Stream one sheet (default: the first visible one) to a UTF-8 CSV file. The first non-empty row
 * is the header. On failure the output file is removed; on abort the signal's reason is thrown.
 */
export async function convertXlsxToCsv(
  file: string,
  outPath: string,
  options: { sheet?: string; limits?: XlsxLimits; signal?: AbortSignal } = {},
): Promise<{ sheet: string; rows: number; columns: string[] }> {
  const { signal } = options;
  signal?.throwIfAborted();
  const wb = await openWorkbook(file, options.limits ?? defaultXlsxLimits);
  let sheet: SheetRef | undefined;
  try {
    sheet = pickSheet(wb.sheets, options.sheet);
    await loadSharedParts(wb);
    let pass = await writeSheet(wb, sheet, outPath, 0, signal);
    // A data row wider than the header: redo with the widest width so every line has it.
    if (pass.overflow > 0) pass = await writeSheet(wb, sheet, outPath, pass.overflow, signal);
    return { sheet: sheet.name, rows: pass.rows, columns: pass.columns };
  } catch (error) {
    await rm(outPath, { force: true });
    if (signal?.aborted) throw signal.reason;
    throw toXlsxError(error, sheet?.name);
  } finally {
    wb.zip.close();
  }
}

interface Pass {
  rows: number;
  columns: string[];
  /** Widest data row when wider than the header (nothing after it was written), else 0. */
  overflow: number;
}

async function writeSheet(
  wb: Workbook,
  sheet: SheetRef,
  outPath: string,
  minWidth: number,
  signal?: AbortSignal,
): Promise<Pass> {
  const input = await partStream(wb, sheet.part);
  const onAbort = () => input.destroy(signal?.reason as Error);
  signal?.addEventListener('abort', onAbort, { once: true });
  const out = new CsvSink(outPath);
  try {
    const [event] = wb.reader._parseWorksheet(input, '1');
    let header: string[] | undefined;
    let rows = 0;
    let overflow = 0;
    for await (const row of event?.value ?? []) {
      signal?.throwIfAborted();
      const cells: Array<[number, string]> = [];
      row.eachCell((cell, col) => {
        const text = cellText(cell.value, cell.numFmt, wb.date1904);
        if (text !== '') cells.push([col, text]);
      });
      const width = cells.at(-1)?.[0] ?? 0;
      if (width === 0) continue;
      if (!header) {
        header = placeCells(cells, Math.max(width, minWidth), (i) => `column_${i + 1}`);
        await out.write(header);
      } else if (overflow > 0 || width > header.length) {
        overflow = Math.max(overflow, width); // keep scanning for the widest row
      } else {
        await out.write(placeCells(cells, header.length, () => ''));
        rows++;
      }
    }
    if (!header) throw new XlsxError(`The sheet "${sheet.name}" is empty.`, 'empty_sheet');
    await out.close();
    return { rows, columns: header, overflow };
  } finally {
    signal?.removeEventListener('abort', onAbort);
    input.destroy();
    out.destroy();
  }
}

function placeCells(cells: Array<[number, string]>, width: number, blank: (i: number) => string) {
  const fields = Array.from({ length: width }, (_, i) => blank(i));
  for (const [col, text] of cells) fields[col - 1] = text;
  return fields;
}

/** CSV lines to a file, batched, waiting on 'drain' so a slow disk bounds memory. */
class CsvSink {
  private readonly out: WriteStream;
  private buffer = '';
  private failure: Error | undefined;

  constructor(file: string) {
    this.out = createWriteStream(file, { encoding: 'utf8' });
    this.out.on('error', (error) => (this.failure = error));
  }

  async write(fields: string[]): Promise<void> {
    this.buffer += csvLine(fields);
    if (this.buffer.length >= 64 * 1024) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.out.end();
    await finished(this.out);
  }

  destroy(): void {
    this.out.destroy();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    const ok = this.out.write(this.buffer);
    this.buffer = '';
    if (!ok) await once(this.out, 'drain');
  }
}
