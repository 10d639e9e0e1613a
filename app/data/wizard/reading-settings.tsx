/** How to read a CSV: delimiter, encoding and decimal separator, each "Detected" by default. */
import type { UploadPreview } from '@/lib/ingest/load/preview';
import styles from '../data.module.css';
import { decimalLabels, delimiterLabels, encodings } from './labels';
import type { Reading } from './types';

export function ReadingSettings({
  reading,
  preview,
  disabled,
  onChange,
}: {
  reading: Reading;
  preview: UploadPreview;
  disabled: boolean;
  onChange: (next: Reading) => void;
}) {
  const d = preview.detected;
  const detected = (value: string | undefined) => `Detected${value ? `: ${value}` : ''}`;
  return (
    <details className={styles.settings}>
      <summary>Reading settings</summary>
      <div className={styles.fieldRow}>
        <label className={styles.field}>
          Delimiter
          <select
            className={styles.control}
            value={reading.delimiter ?? ''}
            disabled={disabled}
            onChange={(e) => onChange({ ...reading, delimiter: e.target.value || undefined })}
          >
            <option value="">
              {detected(d.delimiter === undefined ? undefined : delimiterLabels[d.delimiter])}
            </option>
            {Object.entries(delimiterLabels).map(([value, label]) => (
              <option key={label} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Encoding
          <select
            className={styles.control}
            value={reading.encoding ?? ''}
            disabled={disabled}
            onChange={(e) =>
              onChange({
                ...reading,
                encoding: (e.target.value || undefined) as Reading['encoding'],
              })
            }
          >
            <option value="">{detected(d.encoding.toUpperCase())}</option>
            {encodings.map((encoding) => (
              <option key={encoding} value={encoding}>
                {encoding.toUpperCase()}
              </option>
            ))}
          </select>
        </label>
        <label className={styles.field}>
          Decimal separator
          <select
            className={styles.control}
            value={reading.decimalSeparator ?? ''}
            disabled={disabled}
            onChange={(e) =>
              onChange({
                ...reading,
                decimalSeparator: (e.target.value || undefined) as Reading['decimalSeparator'],
              })
            }
          >
            <option value="">
              {detected(d.decimalSeparator && decimalLabels[d.decimalSeparator])}
            </option>
            <option value=".">{decimalLabels['.']}</option>
            <option value=",">{decimalLabels[',']}</option>
          </select>
        </label>
      </div>
    </details>
  );
}
