'use client';
/**
 * Import and export of the mapping file (the JSON `orderlens ingest --mapping` reads), so a mapping
 * made here can be loaded from the command line, and one written by hand can be checked here.
 */
import { useRef, useState } from 'react';
import type { Mapping } from '@/lib/ingest/map/mapping';
import styles from './data.module.css';
import { mappingFile, readMappingFile } from './mapping-io';

export function MappingFileControls(props: {
  mapping: Mapping;
  headers: string[];
  uploadName: string;
  disabled?: boolean;
  onImport: (mapping: Mapping, fileName: string) => void;
}) {
  const inputRef = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  function exportMapping() {
    const file = mappingFile(props.mapping, props.uploadName);
    const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
    // The click has started the download; the URL is no longer needed.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }

  async function importMapping(files: FileList | null) {
    const file = files?.[0];
    if (inputRef.current) inputRef.current.value = '';
    if (!file) return;
    setProblem(null);
    const result = readMappingFile(await file.text(), file.name, props.headers);
    if ('error' in result) setProblem(result.error);
    else props.onImport(result.mapping, file.name);
  }

  return (
    <>
      <div className={styles.actions}>
        <button
          type="button"
          className={`${styles.button} ${styles.small}`}
          disabled={props.disabled}
          onClick={() => inputRef.current?.click()}
        >
          Import a mapping file…
        </button>
        <button
          type="button"
          className={`${styles.button} ${styles.small}`}
          disabled={props.disabled}
          onClick={exportMapping}
        >
          Export this mapping
        </button>
        <span className={styles.actionsNote}>
          The JSON that <code>orderlens ingest --mapping</code> reads.
        </span>
        <input
          ref={inputRef}
          type="file"
          accept=".json,application/json"
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => void importMapping(event.target.files)}
        />
      </div>
      {problem && (
        <div className={`${styles.message} ${styles.error}`} role="alert">
          <span className={styles.icon} aria-hidden="true">
            ✗
          </span>
          <p style={{ whiteSpace: 'pre-line' }}>{problem}</p>
        </div>
      )}
    </>
  );
}
