'use client';
/**
 * Value maps: per field, a source value read as another (SAP status "C" as cancelled, a return
 * reason code as its category). The mapping's `values`; keys may use * and ? wildcards.
 */
import { useState } from 'react';
import type { Mapping } from '@/lib/ingest/map/mapping';
import {
  fieldsOfTarget,
  reasonCategories,
  returnDispositions,
  type MappingTarget,
} from '@/lib/model/canonical';
import styles from './data.module.css';
import type { ColumnChoice } from './mapping-table';
import { withValueMap } from './mapping-io';

/** What the canonical model recognises, offered as the value to map to. */
const knownValues: Record<string, readonly string[]> = {
  status: ['cancelled'],
  reason_category: reasonCategories,
  disposition: returnDispositions,
  damaged: ['true', 'false'],
  documentation_error: ['true', 'false'],
};

export function ValueMaps(props: {
  target: MappingTarget;
  columns: Record<string, ColumnChoice>;
  samples: Record<string, string[]>;
  values: Mapping['values'];
  disabled?: boolean;
  onChange: (values: Mapping['values']) => void;
}) {
  const { columns, samples, values } = props;
  // Text and yes/no fields that are mapped: numbers and dates have formats, not value maps.
  const fields = fieldsOfTarget(props.target).filter(
    (f) => (f.type === 'text' || f.type === 'boolean') && columns[f.name] !== undefined,
  );
  const [field, setField] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const chosen = fields.some((f) => f.name === field) ? field : (fields[0]?.name ?? '');
  const entries = Object.entries(values ?? {}).flatMap(([f, map]) =>
    Object.entries(map).map(([key, value]) => ({ field: f, from: key, to: value })),
  );
  if (fields.length === 0 && entries.length === 0) return null;
  const column = columns[chosen];
  const header = Array.isArray(column) ? column[0] : column;
  const seen = [...new Set(samples[header ?? ''] ?? [])].slice(0, 20);

  function add() {
    if (!chosen || !from.trim() || !to.trim()) return;
    props.onChange(withValueMap(values, chosen, from.trim(), to.trim()));
    setFrom('');
    setTo('');
  }

  return (
    <details className={styles.settings} open={entries.length > 0 || undefined}>
      <summary>Value maps{entries.length > 0 ? ` (${entries.length})` : ''}</summary>
      <p className={styles.hint}>
        Read a source value as another: a status code as <code>cancelled</code>, a reason code as
        its category. <code>*</code> and <code>?</code> match any text and any one character.
      </p>
      {entries.length > 0 && (
        <div className={styles.scroll}>
          <table className={styles.mappingTable}>
            <caption className="visually-hidden">Value maps of this mapping</caption>
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Source value</th>
                <th scope="col">Read as</th>
                <th scope="col">
                  <span className="visually-hidden">Remove</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={`${e.field}\u0000${e.from}`}>
                  <td className={styles.fieldName}>{e.field}</td>
                  <td>
                    <code>{e.from}</code>
                  </td>
                  <td>
                    <code>{e.to}</code>
                  </td>
                  <td>
                    <button
                      type="button"
                      className={styles.linkButton}
                      disabled={props.disabled}
                      aria-label={`Remove the map of ${e.from} for ${e.field}`}
                      onClick={() =>
                        props.onChange(withValueMap(values, e.field, e.from, undefined))
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {fields.length > 0 && (
        <div className={styles.fieldRow}>
          <label className={styles.field}>
            Field
            <select
              className={styles.control}
              value={chosen}
              disabled={props.disabled}
              onChange={(event) => setField(event.target.value)}
            >
              {fields.map((f) => (
                <option key={f.name} value={f.name}>
                  {f.name}
                </option>
              ))}
            </select>
          </label>
          <label className={styles.field}>
            Source value
            <input
              className={styles.control}
              value={from}
              list="value-map-from"
              disabled={props.disabled}
              onChange={(event) => setFrom(event.target.value)}
              placeholder={seen[0] ?? 'e.g. C'}
            />
          </label>
          <label className={styles.field}>
            Read as
            <input
              className={styles.control}
              value={to}
              list="value-map-to"
              disabled={props.disabled}
              onChange={(event) => setTo(event.target.value)}
              placeholder={knownValues[chosen]?.[0] ?? 'value'}
            />
          </label>
          <button
            type="button"
            className={styles.button}
            disabled={props.disabled || !from.trim() || !to.trim()}
            onClick={add}
          >
            Add
          </button>
          <datalist id="value-map-from">
            {seen.map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
          <datalist id="value-map-to">
            {(knownValues[chosen] ?? []).map((v) => (
              <option key={v} value={v} />
            ))}
          </datalist>
        </div>
      )}
    </details>
  );
}
