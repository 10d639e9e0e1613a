/** The workbook's sheet to read, when it has more than one. */
import type { UploadPreview } from '@/lib/ingest/load/preview';
import styles from '../data.module.css';

export function SheetSelect({
  preview,
  disabled,
  onChange,
}: {
  preview: UploadPreview;
  disabled: boolean;
  onChange: (sheet: string) => void;
}) {
  if (!preview.sheets || preview.sheets.length <= 1) return null;
  return (
    <div className={styles.fieldRow}>
      <label className={styles.field}>
        Sheet
        <select
          className={styles.control}
          value={preview.sheet}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
        >
          {preview.sheets.map((sheet) => (
            <option key={sheet}>{sheet}</option>
          ))}
        </select>
      </label>
    </div>
  );
}
