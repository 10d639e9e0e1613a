/** What the preview found out about the file: type, size, rows, encoding, separators, dates. */
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { formatCount } from '../../ui/format';
import { formatBytes } from '../request';
import { FileWarnings } from './file-warnings';
import { decimalLabels, delimiterLabels, kindLabels, readableFormat } from './labels';
import type { UploadSummary } from './types';
import wizard from './wizard.module.css';

export function FileFacts({ upload, preview }: { upload: UploadSummary; preview: UploadPreview }) {
  return (
    <>
      <dl className={wizard.facts}>
        {factsOf(upload, preview).map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <FileWarnings preview={preview} />
    </>
  );
}

function factsOf(upload: UploadSummary, preview: UploadPreview): [string, string][] {
  const d = preview.detected;
  const dates = Object.entries(d.dateFormats);
  const facts: [string, string][] = [
    ['Type', kindLabels[upload.kind]],
    ['Size', formatBytes(upload.size)],
    [
      'Rows',
      preview.totalRows !== null
        ? formatCount(preview.totalRows)
        : 'counted when checked (only the first 2 MB were read)',
    ],
  ];
  if (upload.kind === 'csv') {
    facts.push(['Encoding', d.encoding.toUpperCase()]);
    if (d.delimiter !== undefined)
      facts.push(['Delimiter', delimiterLabels[d.delimiter] ?? `“${d.delimiter}”`]);
    if (d.skipRows) facts.push(['Lines skipped above the header', String(d.skipRows)]);
  }
  if (d.decimalSeparator) {
    const by = d.separators?.source;
    const why =
      by === 'profile'
        ? ` (as profile ‘${d.separators?.profile}’ recorded)`
        : by === 'mapping'
          ? ' (as set)'
          : '';
    facts.push(['Decimal separator', `${decimalLabels[d.decimalSeparator]}${why}`]);
  }
  if (dates.length > 0) {
    facts.push([
      'Dates',
      dates
        .map(
          ([field, f]) =>
            `${field} ${readableFormat(f.format)}${f.ambiguous ? ' (ambiguous)' : ''}`,
        )
        .join(', '),
    ]);
  }
  return facts;
}
