'use client';
/** Step 1: drop a file or choose one. */
import { useRef, type Dispatch, type DragEvent } from 'react';
import styles from '../data.module.css';
import { formatBytes } from '../request';
import { ACCEPT } from './labels';
import type { WizardAction } from './state';
import wizard from './wizard.module.css';

export function ChooseFile({
  maxBytes,
  dragging,
  dispatch,
  onFiles,
}: {
  maxBytes: number;
  dragging: boolean;
  dispatch: Dispatch<WizardAction>;
  onFiles: (files: FileList | null) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);

  function onDrop(event: DragEvent) {
    event.preventDefault();
    dispatch({ type: 'dragChanged', dragging: false });
    onFiles(event.dataTransfer.files);
  }

  return (
    <div
      className={`${wizard.dropzone} ${dragging ? wizard.dropzoneActive : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        if (!dragging) dispatch({ type: 'dragChanged', dragging: true });
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null))
          dispatch({ type: 'dragChanged', dragging: false });
      }}
      onDrop={onDrop}
    >
      <p className={wizard.dropTitle}>Drop an extract here</p>
      <p className={styles.hint}>CSV, TSV, XLSX or Parquet, up to {formatBytes(maxBytes)}</p>
      <button
        type="button"
        className={`${styles.button} ${styles.primary}`}
        onClick={() => inputRef.current?.click()}
      >
        Choose a file…
      </button>
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        onChange={(event) => {
          onFiles(event.target.files);
          // Taken: choosing the same file again is a change too.
          event.target.value = '';
        }}
      />
      <p className={styles.hint}>
        SAP, NetSuite, Dynamics and Shopify column names are recognised. Nothing is loaded until you
        check the mapping and press Load.
      </p>
    </div>
  );
}
