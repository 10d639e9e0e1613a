'use client';
/**
 * "Add a note" under a trend: a day or a range of days and a few words (a system change, a peak
 * season, a strike), for this KPI or for every KPI. Saved through POST /api/annotations; the page
 * then shows the note on its trend.
 */
import { useState, type FormEvent } from 'react';
import { NOTE_MAX } from '@/lib/annotations/notes';
import { clearFields, Field, formValues, useSavingForm } from '../forms/form-parts';
import forms from '../forms/forms.module.css';

export function NoteForm({
  kpi,
  kpiName,
  defaultFrom,
}: {
  kpi: string;
  kpiName: string;
  /** A day to start from (the trend's first day shown), so the date pickers open near it. */
  defaultFrom?: string;
}) {
  const form = useSavingForm(['from', 'to', 'note', 'kpi']);
  const [scope, setScope] = useState<'kpi' | 'all'>('kpi');

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    if (!text('from')) {
      form.invalid('from', 'choose the first day the note is about', 'The note is not complete.');
      return;
    }
    const body: Record<string, unknown> = {
      from: text('from'),
      note: text('note'),
      kpi: scope === 'kpi' ? kpi : null,
    };
    if (text('to')) body.to = text('to');
    const saved = await form.save('/api/annotations', body, {
      saved: 'Note added.',
      invalidTitle: 'The note was not added.',
    });
    if (saved) clearFields(element, ['from', 'to', 'note']);
  };

  return (
    <form onSubmit={submit} className={forms.form} noValidate aria-label="Add a note">
      <Field {...form.field('from', 'From')}>
        <input {...form.control('from')} type="date" required defaultValue={defaultFrom} />
      </Field>
      <Field {...form.field('to', 'To (optional)')} hint="Leave empty for one day">
        <input {...form.control('to')} type="date" />
      </Field>
      <Field {...form.field('kpi', 'About')} wide>
        <select
          {...form.control('kpi')}
          value={scope}
          onChange={(e) => setScope(e.target.value as 'kpi' | 'all')}
        >
          <option value="kpi">This KPI ({kpiName})</option>
          <option value="all">Every KPI</option>
        </select>
      </Field>
      <Field
        {...form.field('note', 'Note')}
        hint={`What happened, at most ${NOTE_MAX} characters`}
        wide
      >
        <input {...form.control('note')} type="text" maxLength={NOTE_MAX} required />
      </Field>
      {form.footer('Add note', 'Adding…')}
    </form>
  );
}
