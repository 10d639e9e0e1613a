/** Steps 3 and 4: check every row (dry run), load, and the result of either. */
import type { Dispatch, Ref } from 'react';
import styles from '../data.module.css';
import { LoadReportView } from '../load-report';
import { AllowanceField } from './allowance-field';
import { RunActions } from './run-actions';
import type { WizardAction, WizardState } from './state';
import { refusalOf, runNote, type Ready, type WizardView } from './view';

export function CheckStep({
  state,
  view,
  ready,
  dispatch,
  reportRef,
  onRun,
  onReset,
}: {
  state: WizardState;
  view: WizardView;
  ready: Ready;
  dispatch: Dispatch<WizardAction>;
  reportRef: Ref<HTMLHeadingElement>;
  onRun: (dryRun: boolean) => void;
  onReset: () => void;
}) {
  const { report } = state;
  const allow = refusalOf(state, view)?.allow ?? null;
  return (
    <section className={styles.section} aria-labelledby="run-heading">
      <h3 id="run-heading">Check and load</h3>
      <AllowanceField
        value={state.allowance}
        valid={view.allowanceValid}
        onChange={(allowance) => dispatch({ type: 'allowanceChanged', allowance })}
      />
      <RunActions
        busy={state.busy}
        loaded={view.loaded}
        disabled={view.working || view.missing.length > 0 || !view.allowanceValid}
        note={runNote(state, view)}
        warn={refusalOf(state, view) !== null}
        allow={
          allow === null
            ? null
            : {
                rows: allow,
                // Into the field above, where it can be read and changed before loading.
                onAllow: () => dispatch({ type: 'allowanceChanged', allowance: String(allow) }),
              }
        }
        onRun={onRun}
        onReset={onReset}
      />
      {report && (
        <LoadReportView
          report={report}
          uploadId={ready.upload.id}
          stale={view.stale && !view.loaded}
          headingRef={reportRef}
        />
      )}
    </section>
  );
}
