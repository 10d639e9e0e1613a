/** Step 2, second half: which column feeds each field, value maps, and saving it as a profile. */
import type { Dispatch } from 'react';
import styles from '../data.module.css';
import { MappingFileControls } from '../mapping-file';
import { MappingTable } from '../mapping-table';
import { ValueMaps } from '../value-maps';
import { UnmappedCosts, UnusedColumns } from './mapping-gaps';
import { MappingSource, ProposalNotice } from './mapping-notices';
import { withDecidedSeparator } from './mapping';
import { SaveProfile } from './save-profile';
import type { WizardAction, WizardState } from './state';
import { TargetSelect } from './target-select';
import type { Ready, WizardView } from './view';

export function MappingStep({
  state,
  view,
  ready: { upload, preview, proposal, mapping },
  dispatch,
  onSaveProfile,
}: {
  state: WizardState;
  view: WizardView;
  ready: Ready;
  dispatch: Dispatch<WizardAction>;
  onSaveProfile: () => void;
}) {
  const { target, columns, profileApplied, importedFrom } = state;
  const locked = view.working || view.loaded;
  return (
    <section className={styles.section} aria-labelledby="mapping-heading">
      <h3 id="mapping-heading">Column mapping</h3>
      <MappingSource
        profile={state.profile}
        profileApplied={profileApplied}
        importedFrom={importedFrom}
        onUndo={() => dispatch({ type: 'proposalRestored' })}
        onApplyProfile={() => dispatch({ type: 'profileChosen' })}
      />
      <MappingFileControls
        mapping={withDecidedSeparator(mapping, preview)}
        headers={preview.headers}
        uploadName={upload.fileName}
        disabled={locked}
        onImport={(imported, fileName) =>
          dispatch({ type: 'mappingImported', mapping: imported, fileName })
        }
      />
      {!profileApplied && !importedFrom && <ProposalNotice proposal={preview.proposal} />}
      <TargetSelect
        target={target}
        bestFit={preview.proposal.target}
        proposal={proposal}
        mapping={mapping}
        disabled={locked}
        onChange={(next) => dispatch({ type: 'targetChanged', target: next })}
      />
      <MappingTable
        target={target}
        headers={preview.headers}
        samples={preview.samples}
        columns={columns}
        origins={state.origins}
        proposal={proposal}
        disabled={locked}
        onChange={(field, header) => dispatch({ type: 'columnChanged', field, header })}
      />
      <UnmappedCosts target={target} mapping={mapping} kpis={state.kpis} />
      <UnusedColumns headers={preview.headers} mapping={mapping} />
      <ValueMaps
        target={target}
        columns={columns}
        samples={preview.samples}
        values={state.extras.values}
        disabled={locked}
        onChange={(values) => dispatch({ type: 'valuesChanged', values })}
      />
      <SaveProfile
        name={state.profileName}
        message={state.profileMessage}
        saving={state.busy === 'profile'}
        disabled={view.working || view.missing.length > 0}
        onNameChange={(name) => dispatch({ type: 'profileNameChanged', name })}
        onSave={onSaveProfile}
      />
    </section>
  );
}
