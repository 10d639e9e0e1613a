/** The uploaded file's name (focused when the preview opens) and the way to another file. */
import type { Ref } from 'react';
import styles from '../data.module.css';
import wizard from './wizard.module.css';

export function FileBar({
  fileName,
  headingRef,
  loaded,
  disabled,
  onReset,
}: {
  fileName: string;
  headingRef: Ref<HTMLHeadingElement>;
  loaded: boolean;
  disabled: boolean;
  onReset: () => void;
}) {
  return (
    <div className={wizard.fileBar}>
      <h3 className={wizard.fileName} ref={headingRef} tabIndex={-1}>
        {fileName}
      </h3>
      <button
        type="button"
        className={`${styles.button} ${styles.small}`}
        onClick={() => onReset()}
        disabled={disabled}
      >
        {loaded ? 'Load another file' : 'Choose another file'}
      </button>
    </div>
  );
}
