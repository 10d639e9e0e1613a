/** What in the file needs a look before a load: undecided separators, broken rows, renamed columns. */
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { formatCount } from '../../ui/format';
import styles from '../data.module.css';
import { Message } from './message';

export function FileWarnings({ preview }: { preview: UploadPreview }) {
  const d = preview.detected;
  return (
    <>
      {d.separators?.undecided && (
        <Message tone="warning" role="status">
          {d.separators.undecided} Here: choose the decimal separator under Reading settings below.
          Until then the load refuses the file.
        </Message>
      )}
      {preview.malformedRows > 0 && (
        <Message tone="warning">
          {formatCount(preview.malformedRows)} of the first rows could not be split into the
          header’s {preview.headers.length} columns. The check lists them; check the delimiter
          below.
        </Message>
      )}
      {d.renamedColumns.length > 0 && (
        <p className={styles.hint}>
          Renamed columns:{' '}
          {d.renamedColumns.map((r) => `column ${r.column + 1} “${r.from}” → “${r.to}”`).join('; ')}
        </p>
      )}
    </>
  );
}
