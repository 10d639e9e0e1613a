/**
 * The report says what each value stands on: an extract without shipped quantities gives fill
 * rates that rest on an assumption, and every format says so beside the value, with no band.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemoryDatabase } from '@/lib/db/database';
import { loadExtract } from '@/lib/ingest/load/load-extract';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { renderScorecardCsv } from './csv';
import { buildReportModel } from './model';
import { renderReportPdf } from './pdf';
import { pdfText } from './report-test-helpers';

/** O1 (2 lines) and O2 (1 line) shipped; the file has no shipped quantity. */
async function assumedDatabase() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'report-basis-'));
  const file = path.join(dir, 'orders.csv');
  await writeFile(
    file,
    [
      'Order ID,Order Date,Ship Date,Row ID,Quantity',
      'O1,2024-01-01,2024-01-03,1,2',
      'O1,2024-01-01,2024-01-03,2,1',
      'O2,2024-01-02,2024-01-04,3,5',
      '',
    ].join('\n'),
  );
  const db = await openMemoryDatabase();
  const mapping = {
    table: 'flat',
    columns: {
      order_id: 'Order ID',
      order_ts: 'Order Date',
      ship_ts: 'Ship Date',
      line_no: 'Row ID',
      qty_ordered: 'Quantity',
    },
  } as Mapping;
  expect((await loadExtract(db, { file, mapping })).status).toBe('loaded');
  return db;
}

describe('the basis of each value in the report', () => {
  it('marks an assumed fill rate in the model, the CSV and the PDF, and places it in no band', async () => {
    const db = await assumedDatabase();
    const model = await buildReportModel(
      db,
      { format: 'pdf', filters: {}, kpis: ['order_fill_rate', 'order_shipment_cycle_time'] },
      new Date('2024-02-01T00:00:00Z'),
    );
    const fill = model.kpis.find((k) => k.id === 'order_fill_rate')!;
    expect(fill).toMatchObject({
      formatted: '100.0%',
      basis: 'assumed',
      basisNotes: [
        'Shipped quantities were not in the extract; each line is assumed shipped in full.',
      ],
      band: null,
      placements: [],
    });
    expect(fill.notPlacedText).toMatch(/^Not placed: .*assumed shipped quantity/);
    const cycle = model.kpis.find((k) => k.id === 'order_shipment_cycle_time')!;
    // O1 and O2 each took 48 h, measured from the two dates the file has. Its two published sets
    // are studies whose definitions differ from ours (Posti, Kurt Salmon): named, not a band.
    expect(cycle).toMatchObject({ value: 48, basis: 'measured', band: null });
    expect(cycle.notPlacedText).toBe('Reference only: definition differs (and 1 more set)');

    const csv = renderScorecardCsv(model).split('\r\n');
    // basis, then the status columns appended after it: grey, as an assumed value has no band.
    expect(csv[0]!.split(',').slice(-4)).toEqual([
      'basis',
      'status',
      'status_label',
      'significance',
    ]);
    const fillRow = csv.find((line) => line.startsWith('order_fill_rate,'))!;
    expect(fillRow).toContain(',Not placed: assumed shipped quantity,');
    expect(fillRow).toMatch(
      /,Assumed: Shipped quantities were not in the extract; each line is assumed shipped in full\.,grey,Not placed \(assumed value\),$/,
    );
    expect(csv.find((line) => line.startsWith('order_shipment_cycle_time,'))).toMatch(
      /,Measured,grey,No target or band,$/,
    );

    const text = (await pdfText(await renderReportPdf(model))).replace(/\s+/g, ' ');
    // On the scorecard, the assumed value says so beside the number and is judged by nothing.
    const scorecard = text.slice(text.indexOf('Scorecard'), text.indexOf('THE KPIS IN DETAIL'));
    expect(scorecard).toMatch(/100\.0% \( ?assumed ?\)/); // wrapped in its narrow column
    expect(text).toContain('Band: Not placed: assumed shipped quantity');
    expect(text).toContain('Basis: Assumed: Shipped quantities were not in the extract');
    expect(text).toContain('Basis: Measured');
    // No band is drawn behind a value that rests on an assumption.
    expect(text).not.toContain('Best-in-Class');
  });
});
