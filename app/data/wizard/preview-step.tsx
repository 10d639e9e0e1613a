/** Step 2, first half: the file as read, with the settings to read it otherwise. */
import type { Ref } from 'react';
import styles from '../data.module.css';
import { FileBar } from './file-bar';
import { FileFacts } from './file-facts';
import { PreviewTable } from './preview-table';
import { ReadingSettings } from './reading-settings';
import { SheetSelect } from './sheet-select';
import type { WizardState } from './state';
import type { Reading } from './types';
import type { Ready, WizardView } from './view';
import wizard from './wizard.module.css';

export function PreviewStep({
  state,
  view,
  ready: { upload, preview },
  headingRef,
  onReset,
  onReading,
}: {
  state: WizardState;
  view: WizardView;
  ready: Ready;
  headingRef: Ref<HTMLHeadingElement>;
  onReset: () => void;
  onReading: (next: Reading) => void;
}) {
  return (
    <>
      <FileBar
        fileName={upload.fileName}
        headingRef={headingRef}
        loaded={view.loaded}
        disabled={state.busy === 'check' || state.busy === 'load'}
        onReset={onReset}
      />
      <FileFacts upload={upload} preview={preview} />
      <SheetSelect
        preview={preview}
        disabled={view.working}
        onChange={(sheet) => onReading({ ...state.reading, sheet })}
      />
      {preview.kind === 'csv' && (
        <ReadingSettings
          reading={state.reading}
          preview={preview}
          disabled={view.working}
          onChange={onReading}
        />
      )}
      <section className={styles.section} aria-labelledby="preview-heading">
        <h3 id="preview-heading">
          First rows
          {state.busy === 'preview' && (
            <span className={wizard.spinner} aria-label="Reading the file again" />
          )}
        </h3>
        <PreviewTable preview={preview} />
      </section>
    </>
  );
}
