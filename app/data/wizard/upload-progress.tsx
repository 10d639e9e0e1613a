/** While the file is sent, then checked by the server: a progress bar, and Cancel while sending. */
import styles from '../data.module.css';
import { formatBytes } from '../request';
import type { UploadingPhase } from './types';
import wizard from './wizard.module.css';

export function UploadProgress({
  phase,
  onCancel,
}: {
  phase: UploadingPhase;
  onCancel: () => void;
}) {
  const percent = phase.total > 0 ? Math.floor((phase.loaded / phase.total) * 100) : 0;
  return (
    <div className={wizard.progressBox}>
      <div className={wizard.progressHead}>
        <strong id="upload-label">
          {phase.sent ? 'Checking' : 'Uploading'} {phase.fileName}
        </strong>
        {!phase.sent && (
          <button type="button" className={`${styles.button} ${styles.small}`} onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
      {phase.sent ? (
        <progress className={wizard.progress} aria-labelledby="upload-label" />
      ) : (
        <progress
          className={wizard.progress}
          max={phase.total}
          value={phase.loaded}
          aria-labelledby="upload-label"
        />
      )}
      <p className={wizard.progressText} aria-live="polite">
        {phase.sent
          ? 'Uploaded. Checking the file type and reading the first rows…'
          : `${formatBytes(phase.loaded)} of ${formatBytes(phase.total)} (${percent}%)`}
      </p>
    </div>
  );
}
