/** The first rows of the file, as read: a scrollable table the keyboard can reach. */
import type { UploadPreview } from '@/lib/ingest/load/preview';
import { formatCount } from '../../ui/format';
import styles from '../data.module.css';
import wizard from './wizard.module.css';

export function PreviewTable({ preview }: { preview: UploadPreview }) {
  const shown = preview.rows.length;
  return (
    <>
      <p className={styles.hint}>
        {shown === 0
          ? 'The file has a header but no rows.'
          : `The first ${formatCount(shown)} rows${
              preview.totalRows !== null ? ` of ${formatCount(preview.totalRows)}` : ''
            }, as read.`}
      </p>
      <div
        className={styles.scroll}
        tabIndex={0}
        role="region"
        aria-label={`First rows of ${preview.fileName}`}
      >
        <table className={wizard.previewTable}>
          <thead>
            <tr>
              <th scope="col" className={wizard.rowNo}>
                Row
              </th>
              {preview.headers.map((header, i) => (
                <th scope="col" key={`${i}-${header}`} title={header}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {preview.rows.map((row, r) => (
              <tr key={r}>
                <td className={wizard.rowNo}>{r + 1}</td>
                {row.map((cell, c) => (
                  <td key={c} title={cell.length > 30 ? cell : undefined}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
