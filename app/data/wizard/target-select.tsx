/** What the file holds (the mapping target), and how much of it is mapped. */
import type { MappingProposal } from '@/lib/ingest/map/automap';
import type { Mapping } from '@/lib/ingest/map/mapping';
import { fieldsOfTarget, mappingTargets, type MappingTarget } from '@/lib/model/canonical';
import styles from '../data.module.css';
import { systemName, targetLabels } from './labels';

export function TargetSelect({
  target,
  bestFit,
  proposal,
  mapping,
  disabled,
  onChange,
}: {
  target: MappingTarget;
  /** The target the file fits best. */
  bestFit: MappingTarget;
  proposal: MappingProposal;
  mapping: Mapping;
  disabled: boolean;
  onChange: (target: MappingTarget) => void;
}) {
  return (
    <div className={styles.fieldRow}>
      <label className={styles.field}>
        The file holds
        <select
          className={styles.control}
          value={target}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value as MappingTarget)}
        >
          {mappingTargets.map((t) => (
            <option key={t} value={t}>
              {targetLabels[t]}
              {t === bestFit ? ' — best fit' : ''}
            </option>
          ))}
        </select>
      </label>
      <p className={styles.hint}>
        {Object.keys(mapping.columns).length} of {fieldsOfTarget(target).length} fields mapped
        {proposal.system && proposal.system !== 'generic'
          ? ` · recognised as a ${systemName(proposal.system)} extract`
          : ''}
      </p>
    </div>
  );
}
