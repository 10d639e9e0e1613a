/**
 * Test fixtures of the wizard's reducer and view: lib/ingest/fixtures/flat-small.csv as the
 * preview reads it, with its real automatic proposal, and the actions that bring it to the mapping.
 */
import { proposeMapping } from '@/lib/ingest/map/automap';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import type { Mapping } from '@/lib/ingest/map/mapping';
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { initialWizardState, wizardReducer, type WizardAction, type WizardState } from './state';
import type { PreviewResponse, SavedProfile, UploadSummary } from './types';

export const headers = [
  'Order ID',
  'Order Date',
  'Ship Date',
  'Ship Mode',
  'Customer ID',
  'Line',
  'SKU',
  'Quantity',
];
export const rows = [
  ['SO-1', '2024-03-01', '2024-03-04', 'Standard', 'C-1', '1', 'A-100', '2'],
  ['SO-1', '2024-03-01', '2024-03-04', 'Standard', 'C-1', '2', 'B-200', '1'],
  ['SO-2', '2024-03-02', '2024-03-03', 'Express', 'C-2', '1', 'A-100', '5'],
  ['SO-3', '2024-03-05', '', 'Standard', 'C-1', '1', 'C-300', '3'],
  ['SO-3', '2024-03-05', '2024-03-08', 'Standard', 'C-1', '2', 'A-100', '4'],
];
export const samples = Object.fromEntries(headers.map((h, i) => [h, rows.map((r) => r[i]!)]));
export const preview: UploadPreview = {
  fileName: 'flat-small.csv',
  kind: 'csv',
  headers,
  rows,
  totalRows: 5,
  malformedRows: 0,
  samples,
  detected: { encoding: 'utf-8', delimiter: ',', dateFormats: {}, renamedColumns: [] },
  proposal: proposeMapping(headers, { samples }),
};
export const upload: UploadSummary = {
  id: 'u1',
  fileName: 'flat-small.csv',
  size: 309,
  kind: 'csv',
};
export const response = (profile: SavedProfile | null = null): PreviewResponse => ({
  upload,
  preview,
  profile,
  kpis: [{ name: 'Order fill rate', needs: ['order_lines.qty_shipped'] }],
});
export const profile: SavedProfile = {
  name: 'Shop export',
  mapping: {
    table: 'flat',
    columns: { order_id: 'Order ID', order_ts: 'Order Date', ship_ts: 'Ship Date' },
    sheet: 'ignored',
    delimiter: ';',
    encoding: 'latin1',
    decimalSeparator: ',',
    values: { ship_mode: { Express: 'Next day' } },
    maxRejectedRows: '0.5%',
  } as Mapping,
};

export const run = (actions: WizardAction[], from: WizardState = initialWizardState) =>
  actions.reduce(wizardReducer, from);

/** A file uploaded and previewed: the mapping step, with the automatic proposal. */
export const uploaded: WizardAction[] = [
  { type: 'uploadStarted', fileName: 'flat-small.csv', total: 309 },
  { type: 'uploadSent' },
  { type: 'uploaded', upload },
  { type: 'previewRequested' },
  { type: 'previewReceived', response: response(), reading: {}, first: true },
];
export const mapped = run(uploaded);

export const report = (over: Partial<LoadReport>): LoadReport =>
  ({ status: 'checked', dryRun: true, message: '', ...over }) as LoadReport;
