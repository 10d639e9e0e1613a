'use client';
/**
 * The organisation's peer profile: industry, company size, region and sales channel, each optional
 * ("Not said"). Saving replaces the profile whole; placement then uses the band set whose peers
 * match it best. Problems show by their field.
 */
import type { FormEvent } from 'react';
import { Field, formValues, useSavingForm } from '../../ui/forms/form-parts';
import forms from '../../ui/forms/forms.module.css';

export interface OrganisationFormValues {
  industry?: string;
  size?: string;
  region?: string;
  channel?: string;
}

/** Each choice as [value, label]; the server passes them from lib/benchmarks/peer.ts. */
export interface OrganisationChoices {
  industry: (readonly [string, string])[];
  size: (readonly [string, string])[];
  channel: (readonly [string, string])[];
}

const FIELDS = ['industry', 'size', 'region', 'channel'] as const;

export function OrganisationForm({
  profile,
  choices,
}: {
  profile: OrganisationFormValues;
  choices: OrganisationChoices;
}) {
  const form = useSavingForm(FIELDS);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const { text } = formValues(event.currentTarget);
    const body = Object.fromEntries(FIELDS.map((f) => [f, text(f) || null]));
    await form.save('/api/settings/organisation', body, {
      saved: (answer) => `Saved: ${String(answer?.text ?? 'the profile')}.`,
      invalidTitle: 'The profile is not valid',
    });
  };

  const select = (name: 'industry' | 'size' | 'channel', label: string) => (
    <Field {...form.field(name, label)}>
      <select {...form.control(name)} defaultValue={profile[name] ?? ''}>
        <option value="">Not said</option>
        {choices[name].map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );

  return (
    <form onSubmit={submit} className={forms.form} noValidate aria-label="Organisation profile">
      {select('industry', 'Industry')}
      {select('size', 'Company size')}
      <Field
        {...form.field('region', 'Region')}
        hint="An ISO country code (US, DE), EU or global; blank: not said"
      >
        <input
          {...form.control('region')}
          defaultValue={profile.region ?? ''}
          placeholder="US"
          maxLength={6}
          autoComplete="off"
        />
      </Field>
      {select('channel', 'Sales channel')}
      {form.footer('Save profile')}
    </form>
  );
}
