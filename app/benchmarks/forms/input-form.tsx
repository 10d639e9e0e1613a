'use client';
/** Enter the order-management FTEs and cost of a period; problems show by their field. */
import type { FormEvent, InputHTMLAttributes } from 'react';
import { Field, formValues, useSavingForm } from '../../ui/forms/form-parts';
import forms from '../../ui/forms/forms.module.css';

export function InputForm() {
  const form = useSavingForm(['from', 'to', 'team', 'fte', 'cost', 'currency']);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body: Record<string, unknown> = { from: text('from'), to: text('to') };
    if (text('team')) body.team = text('team');
    if (number('fte') !== undefined) body.fte = number('fte');
    if (number('cost') !== undefined) body.cost = number('cost');
    if (text('currency')) body.currency = text('currency').toUpperCase();
    const saved = await form.save('/api/inputs', body, {
      saved: `Figures for ${text('from')} – ${text('to')} saved.`,
      invalidTitle: 'The figures are not valid',
    });
    if (saved) element.reset();
  };
  const input = (
    name: string,
    label: string,
    props: InputHTMLAttributes<HTMLInputElement>,
    hint?: string,
  ) => (
    <Field {...form.field(name, label)} hint={hint}>
      <input {...form.control(name)} {...props} />
    </Field>
  );

  return (
    <form onSubmit={submit} className={forms.form} noValidate>
      {input('from', 'Period from', { type: 'date', required: true })}
      {input('to', 'Period to', { type: 'date', required: true })}
      {input(
        'team',
        'Team (optional)',
        { type: 'text', maxLength: 100 },
        'Blank for the whole team',
      )}
      {input(
        'fte',
        'FTE',
        { type: 'number', step: 'any', min: '0', inputMode: 'decimal' },
        'Order-management full-time equivalents',
      )}
      {input(
        'cost',
        'Cost',
        { type: 'number', step: 'any', min: '0', inputMode: 'decimal' },
        'Order-management cost of the period',
      )}
      {input('currency', 'Currency', { type: 'text', maxLength: 10, placeholder: 'EUR' })}
      {form.footer('Save figures')}
    </form>
  );
}
