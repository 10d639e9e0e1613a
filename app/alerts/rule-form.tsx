'use client';
/**
 * Add an alert rule: a KPI, when it fires (misses its target, falls a band, changes by more than
 * an amount in the KPI's unit), optionally for one segment, and who is mailed. The server
 * validates; its problems show by the field they concern.
 */
import { useState, type FormEvent } from 'react';
import {
  clearFields,
  dimensionChoices,
  Field,
  formValues,
  useSavingForm,
  type KpiChoice,
} from '../ui/forms/form-parts';
import forms from '../ui/forms/forms.module.css';
import { addressesOf, RecipientsField, withAddresses } from '../ui/forms/recipients';
import styles from './alerts.module.css';

/** The unit a change is stated in: a rate moves in percentage points, not per cent. */
const changeUnit: Record<string, string> = {
  percent: 'percentage points',
  hours: 'hours',
  days: 'days',
  orders_per_fte: 'orders per FTE',
  currency_per_order: 'per order, in the currency entered',
};

const FIELDS = ['kpi', 'by', 'direction', 'dimension', 'segment', 'recipients'];

export function RuleForm({
  kpis,
  segments,
  mailConfigured,
}: {
  kpis: KpiChoice[];
  /** The values each dimension takes in the data, most orders first (offered, not required). */
  segments: Record<string, string[]>;
  mailConfigured: boolean;
}) {
  const form = useSavingForm(FIELDS);
  const [kpi, setKpi] = useState(kpis[0]?.id ?? '');
  const [when, setWhen] = useState<'target' | 'band' | 'change'>('target');
  const [dimension, setDimension] = useState('');
  const chosen = kpis.find((k) => k.id === kpi);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    const recipients = addressesOf(text('recipients'));
    const body: Record<string, unknown> = { kpi, when, recipients };
    if (when === 'change') {
      const by = text('by');
      if (by === '' || Number.isNaN(Number(by))) {
        form.invalid('by', 'enter the amount of change', 'The rule is not complete.');
        return;
      }
      body.by = Number(by);
      body.direction = text('direction') || 'any';
    }
    if (dimension) {
      body.dimension = dimension;
      body.segment = text('segment');
    }
    const saved = await form.save('/api/alerts', body, {
      saved: (data) => {
        const rule = data?.rule as { description?: string } | undefined;
        return `Rule added: ${rule?.description ?? chosen?.name ?? kpi}.`;
      },
      reword: (problems) => withAddresses(problems, recipients),
    });
    // The choices stay for a similar next rule; only what was typed is cleared.
    if (saved) clearFields(element, ['by', 'segment', 'recipients']);
  };

  return (
    <form onSubmit={submit} className={`${forms.form} ${forms.stacking}`} noValidate>
      <Field {...form.field('kpi', 'KPI')} wide>
        <select {...form.control('kpi')} value={kpi} onChange={(e) => setKpi(e.target.value)}>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className={`${styles.choice} ${forms.wide}`}>
        <legend className={forms.label}>Fire when, in a complete month, it</legend>
        {(
          [
            ['target', 'misses its target'],
            ['band', 'falls into a worse benchmark band than the month before'],
            ['change', 'changes by more than an amount from the month before'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className={styles.radio}>
            <input
              type="radio"
              name="when"
              value={value}
              checked={when === value}
              onChange={() => setWhen(value)}
            />
            {label}
          </label>
        ))}
        <span className={forms.hint}>
          A target rule needs a target for the KPI (set on Benchmarks); a band rule, a benchmark
          band set that places the KPI. Until then the check says it cannot decide.
        </span>
      </fieldset>

      {when === 'change' && (
        <>
          <Field
            {...form.field('by', 'By more than')}
            hint={chosen ? `In ${changeUnit[chosen.unit] ?? chosen.unit}` : undefined}
          >
            <input
              {...form.control('by')}
              type="number"
              step="any"
              min="0"
              inputMode="decimal"
              required
            />
          </Field>
          <Field
            {...form.field('direction', 'Direction')}
            hint={chosen ? `${capitalised(chosen.direction)} is better for this KPI` : undefined}
          >
            <select {...form.control('direction')} defaultValue="any">
              <option value="any">Either way</option>
              <option value="worse">Only for the worse</option>
            </select>
          </Field>
        </>
      )}

      <Field {...form.field('dimension', 'For one segment (optional)')}>
        <select
          {...form.control('dimension')}
          value={dimension}
          onChange={(e) => setDimension(e.target.value)}
        >
          <option value="">All orders</option>
          {dimensionChoices.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </Field>
      <Field
        {...form.field('segment', 'Segment')}
        hint={dimension ? 'One value, e.g. DC-North' : 'Choose a dimension first'}
      >
        <input
          {...form.control('segment')}
          type="text"
          list={dimension ? `${form.id}-segments` : undefined}
          disabled={!dimension}
          required={!!dimension}
        />
        {dimension && (
          <datalist id={`${form.id}-segments`}>
            {(segments[dimension] ?? []).map((value) => (
              <option key={value} value={value} />
            ))}
          </datalist>
        )}
      </Field>

      <RecipientsField
        form={form}
        label="Mail to (optional)"
        hint={
          mailConfigured
            ? 'E-mail addresses, separated by commas or new lines. Without any, the alert is only listed here.'
            : 'E-mail addresses, separated by commas or new lines. Mail is not configured on this server yet, so for now alerts are only listed here.'
        }
      />

      {form.footer('Add rule', 'Adding…')}
    </form>
  );
}

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
