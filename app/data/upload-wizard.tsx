'use client';
/**
 * The upload wizard: choose or drop a file → upload with progress → preview and mapping → check
 * (dry run) → load. The file is sent as the raw body of one XMLHttpRequest (fetch reports no
 * upload progress); every later step works on the stored upload by its id.
 *
 * One component per step (wizard/), over one reducer (wizard/state.ts) driven by the requests of
 * wizard/use-wizard.ts.
 */
import { CheckStep } from './wizard/check-step';
import { ChooseFile } from './wizard/choose-file';
import { MappingStep } from './wizard/mapping-step';
import { Message } from './wizard/message';
import { PreviewStep } from './wizard/preview-step';
import { StepList } from './wizard/step-list';
import { UploadProgress } from './wizard/upload-progress';
import { useWizard } from './wizard/use-wizard';
import { readyOf } from './wizard/view';

export function UploadWizard({ maxBytes }: { maxBytes: number }) {
  const wizard = useWizard(maxBytes);
  const { state, view, dispatch } = wizard;
  const { phase } = state;
  const ready = readyOf(state, view);
  return (
    <div>
      <StepList current={view.currentStep} loaded={view.loaded} />
      {state.notice && (
        <Message tone="info" role="status">
          {state.notice}
        </Message>
      )}
      {state.error && (
        <Message tone="error" role="alert">
          {state.error}
        </Message>
      )}

      {phase.step === 'choose' && (
        <ChooseFile
          maxBytes={maxBytes}
          dragging={state.dragging}
          dispatch={dispatch}
          onFiles={wizard.chooseFiles}
        />
      )}
      {phase.step === 'uploading' && (
        <UploadProgress
          phase={phase}
          onCancel={() => wizard.reset(`The upload of ${phase.fileName} was cancelled.`)}
        />
      )}
      {ready && (
        <>
          <PreviewStep
            state={state}
            view={view}
            ready={ready}
            headingRef={wizard.previewHeading}
            onReset={wizard.reset}
            onReading={wizard.changeReading}
          />
          <MappingStep
            state={state}
            view={view}
            ready={ready}
            dispatch={dispatch}
            onSaveProfile={wizard.saveProfile}
          />
          <CheckStep
            state={state}
            view={view}
            ready={ready}
            dispatch={dispatch}
            reportRef={wizard.reportHeading}
            onRun={wizard.run}
            onReset={wizard.reset}
          />
        </>
      )}
    </div>
  );
}
