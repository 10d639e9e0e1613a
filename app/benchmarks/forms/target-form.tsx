'use client';
/** Set a target for a KPI, optionally for one segment and period; problems show by their field. */
import { useState, type FormEvent } from 'react';
import {
  dimensionChoices,
  Field,
  formValues,
  useSavingForm,
  type KpiChoice,
} from '../../ui/forms/form-parts';
import forms from '../../ui/forms/forms.module.css';

const unitHint: Record<string, string> = {
  percent: 'percent, e.g. 95 (not 0.95)',
  hours: 'hours',
  days: 'days',
  orders_per_fte: 'orders per FTE per year',
  currency_per_order: 'cost per order',
};

export function TargetForm({ kpis }: { kpis: KpiChoice[] }) {
  const form = useSavingForm([
    'kpi',
    'value',
    'dimension',
    'segment',
    'from',
    'to',
    'atRiskWithin',
  ]);
  const [kpi, setKpi] = useState(kpis[0]?.id ?? '');
  const [dimension, setDimension] = useState('');
  const chosen = kpis.find((k) => k.id === kpi);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body: Record<string, unknown> = { kpi, value: number('value') };
    if (text('dimension')) body.dimension = text('dimension');
    if (text('segment')) body.segment = text('segment');
    if (text('from')) body.from = text('from');
    if (text('to')) body.to = text('to');
    if (number('atRiskWithin') !== undefined) body.atRiskWithin = number('atRiskWithin');
    if (body.value === undefined || Number.isNaN(body.value)) {
      form.invalid('value', 'enter the target value', 'The target is not complete.');
      return;
    }
    const saved = await form.save('/api/targets', body, {
      saved: `Target for ${chosen?.name ?? kpi} saved.`,
    });
    if (saved) {
      element.reset();
      setDimension('');
    }
  };

  return (
    <form onSubmit={submit} className={forms.form} noValidate>
      <Field {...form.field('kpi', 'KPI')} wide>
        <select {...form.control('kpi')} value={kpi} onChange={(e) => setKpi(e.target.value)}>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        {...form.field('value', 'Target')}
        hint={
          chosen
            ? `In ${unitHint[chosen.unit] ?? chosen.unit}; ${chosen.direction} is better`
            : undefined
        }
      >
        <input {...form.control('value')} type="number" step="any" inputMode="decimal" required />
      </Field>
      <Field
        {...form.field('atRiskWithin', 'At-risk margin (optional)')}
        hint="In the KPI's unit; default 5% of the target"
      >
        <input
          {...form.control('atRiskWithin')}
          type="number"
          step="any"
          min="0"
          inputMode="decimal"
        />
      </Field>
      <Field {...form.field('dimension', 'For one segment of (optional)')}>
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
        hint={dimension ? 'e.g. DC-North, web' : 'Choose a dimension first'}
      >
        <input
          {...form.control('segment')}
          type="text"
          disabled={!dimension}
          required={!!dimension}
        />
      </Field>
      <Field {...form.field('from', 'From (optional)')}>
        <input {...form.control('from')} type="date" />
      </Field>
      <Field {...form.field('to', 'To (optional)')}>
        <input {...form.control('to')} type="date" />
      </Field>
      {form.footer('Set target')}
    </form>
  );
}
