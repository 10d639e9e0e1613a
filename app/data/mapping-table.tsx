'use client';
/** The editable column mapping: one row per canonical field of the target, a select of the file's headers. */
import { useState } from 'react';
import type { MappingProposal } from '@/lib/ingest/map/automap';
import { MAPPING_THRESHOLD } from '@/lib/ingest/map/automap-candidates';
import { fieldsOfTarget, requiredFieldsOfTarget, type MappingTarget } from '@/lib/model/canonical';
import styles from './data.module.css';

/** Where a field's source column came from. */
export type Origin = 'auto' | 'profile' | 'file' | 'manual';
export type ColumnChoice = string | string[];

const LIST = '\u0000list';

interface Props {
  target: MappingTarget;
  headers: string[];
  samples: Record<string, string[]>;
  columns: Record<string, ColumnChoice>;
  origins: Record<string, Origin>;
  proposal: MappingProposal;
  disabled?: boolean;
  onChange: (field: string, header: string | null) => void;
}

export function MappingTable(props: Props) {
  const { target, headers, samples, columns, proposal } = props;
  const [showAll, setShowAll] = useState(false);
  const required = new Set(requiredFieldsOfTarget(target));
  const all = fieldsOfTarget(target);
  const suggested = new Set(proposal.proposals.map((p) => p.field));
  // Fields worth a look: required, mapped, touched, or with a suggestion. Touched rows stay put.
  const fields = showAll
    ? all
    : all.filter(
        (f) =>
          required.has(f.name) ||
          columns[f.name] !== undefined ||
          props.origins[f.name] !== undefined ||
          suggested.has(f.name),
      );
  const hidden = all.length - fields.length;
  return (
    <>
      <div className={styles.scroll}>
        <table className={styles.mappingTable}>
          <caption className="visually-hidden">
            Source column for each field of {target}, with the confidence of the proposal
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Column in the file</th>
              <th scope="col">Sample values</th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => {
              const choice = columns[field.name];
              const first = Array.isArray(choice) ? choice[0] : choice;
              const missing = required.has(field.name) && !first;
              const selectId = `map-${field.name}`;
              return (
                <tr key={field.name} className={missing ? styles.missingRow : undefined}>
                  <td>
                    <label htmlFor={selectId} className={styles.fieldName}>
                      {field.name}
                    </label>
                    {required.has(field.name) && <span className={styles.required}>required</span>}
                    <span className={styles.fieldDescription}>{field.description}</span>
                  </td>
                  <td>
                    <select
                      id={selectId}
                      className={styles.control}
                      value={Array.isArray(choice) ? LIST : (choice ?? '')}
                      disabled={props.disabled}
                      aria-invalid={missing || undefined}
                      onChange={(event) => {
                        const value = event.target.value;
                        if (value !== LIST) props.onChange(field.name, value || null);
                      }}
                    >
                      <option value="">— not mapped —</option>
                      {Array.isArray(choice) && (
                        <option value={LIST}>{choice.join(', then ')} (first non-empty)</option>
                      )}
                      {headers.map((header, i) => (
                        <option key={`${i}-${header}`} value={header}>
                          {header}
                        </option>
                      ))}
                    </select>
                    {missing && (
                      <span className={styles.reason}>Choose the column holding it.</span>
                    )}
                  </td>
                  <td
                    className={styles.sample}
                    title={first ? sampleText(samples[first]) : undefined}
                  >
                    {first ? sampleText(samples[first]) || '(empty)' : ''}
                  </td>
                  <td>
                    <Confidence
                      field={field.name}
                      header={first}
                      origin={props.origins[field.name]}
                      proposal={proposal}
                      disabled={props.disabled}
                      onUse={(header) => props.onChange(field.name, header)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {(hidden > 0 || showAll) && (
        <p className={styles.hint} style={{ marginTop: 8 }}>
          {showAll
            ? `All ${all.length} fields of ${target} are shown.`
            : `${hidden} more field${hidden === 1 ? '' : 's'} of ${target} found no column in the file.`}{' '}
          <button
            type="button"
            className={styles.linkButton}
            aria-expanded={showAll}
            onClick={() => setShowAll(!showAll)}
          >
            {showAll ? 'Show only the mapped fields' : `Show all ${all.length} fields`}
          </button>
        </p>
      )}
    </>
  );
}

function sampleText(values: string[] | undefined): string {
  return [...new Set(values ?? [])].slice(0, 3).join(', ');
}

/** Confidence as words and a percentage; colour only repeats what the text says. */
export function confidenceLevel(confidence: number): { label: string; className: string } {
  if (confidence >= 0.9) return { label: 'high', className: styles.high! };
  if (confidence >= 0.75) return { label: 'good', className: styles.good! };
  if (confidence >= MAPPING_THRESHOLD) return { label: 'fair', className: styles.fair! };
  return { label: 'low', className: styles.low! };
}

function Confidence(props: {
  field: string;
  header: string | undefined;
  origin: Origin | undefined;
  proposal: MappingProposal;
  disabled?: boolean;
  onUse: (header: string) => void;
}) {
  const { field, header, origin, proposal } = props;
  const candidates = proposal.proposals
    .filter((p) => p.field === field)
    .sort((a, b) => b.confidence - a.confidence);
  if (!header) {
    const suggestion = candidates[0];
    // Columns whose header fitted but whose values did not: said, so nobody maps them unawares.
    const doubts = (proposal.doubts ?? []).filter((d) => d.field === field);
    return (
      <>
        <span className={`${styles.badge} ${styles.none}`}>not mapped</span>
        {doubts.map((d) => (
          <span key={d.source} className={styles.reason}>
            Not “{d.source}”: {d.reason}.
          </span>
        ))}
        {suggestion && (
          <span className={styles.reason}>
            Maybe “{suggestion.source}” ({Math.round(suggestion.confidence * 100)}%,{' '}
            {confidenceLevel(suggestion.confidence).label}){' '}
            <button
              type="button"
              className={styles.linkButton}
              disabled={props.disabled}
              onClick={() => props.onUse(suggestion.source)}
              aria-label={`Use ${suggestion.source} for ${field}`}
            >
              use it
            </button>
          </span>
        )}
      </>
    );
  }
  if (origin === 'profile') {
    return <span className={`${styles.badge} ${styles.profile}`}>from profile</span>;
  }
  if (origin === 'file') {
    return <span className={`${styles.badge} ${styles.profile}`}>from mapping file</span>;
  }
  if (origin === 'manual') {
    return <span className={`${styles.badge} ${styles.manual}`}>your choice</span>;
  }
  const match = candidates.find((p) => p.source === header);
  if (!match) return <span className={`${styles.badge} ${styles.manual}`}>set</span>;
  const level = confidenceLevel(match.confidence);
  return (
    <>
      <span className={`${styles.badge} ${level.className}`}>
        {Math.round(match.confidence * 100)}% · {level.label}
      </span>
      <span className={styles.reason}>{match.reason}</span>
    </>
  );
}
