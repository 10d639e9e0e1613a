'use client';
/** Add a team, a role with its FTEs for a period, or a rule; problems show by their field. */
import type { FormEvent, ReactNode } from 'react';
import { Field, formValues, useSavingForm } from '@/app/ui/forms/form-parts';
import forms from '@/app/ui/forms/forms.module.css';
import {
  dimensionLabels,
  functionLabels,
  ruleDimensions,
  teamFunctions,
} from '@/lib/org/functions';

interface TeamChoice {
  id: string;
  name: string;
}

type SavingForm = ReturnType<typeof useSavingForm>;

function Select({
  form,
  name,
  label,
  children,
}: {
  form: SavingForm;
  name: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <Field {...form.field(name, label)}>
      <select {...form.control(name)}>{children}</select>
    </Field>
  );
}

const TeamOptions = ({ teams }: { teams: TeamChoice[] }) =>
  teams.map((t) => (
    <option key={t.id} value={t.id}>
      {t.name}
    </option>
  ));

export function TeamForm({ teams }: { teams: TeamChoice[] }) {
  const form = useSavingForm(['name', 'function', 'parent']);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    const body = {
      name: text('name'),
      function: text('function'),
      ...(text('parent') ? { parent: text('parent') } : {}),
    };
    if (await form.save('/api/teams', body, { saved: `${text('name')} added.` })) element.reset();
  };
  return (
    <form onSubmit={submit} className={forms.form} noValidate>
      <Field {...form.field('name', 'Team name')}>
        <input {...form.control('name')} type="text" maxLength={100} required />
      </Field>
      <Select form={form} name="function" label="Function">
        {teamFunctions.map((f) => (
          <option key={f} value={f}>
            {functionLabels[f]}
          </option>
        ))}
      </Select>
      <Select form={form} name="parent" label="Reports to (optional)">
        <option value="">No team</option>
        <TeamOptions teams={teams} />
      </Select>
      {form.footer('Add team')}
    </form>
  );
}

export function RoleForm({ teams }: { teams: TeamChoice[] }) {
  const form = useSavingForm(['team', 'title', 'fte', 'from', 'to']);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body = { title: text('title'), fte: number('fte'), from: text('from'), to: text('to') };
    const url = `/api/teams/${encodeURIComponent(text('team'))}/roles`;
    if (await form.save(url, body, { saved: `${text('title')} added.` })) element.reset();
  };
  return (
    <form onSubmit={submit} className={forms.form} noValidate>
      <Select form={form} name="team" label="Team">
        <TeamOptions teams={teams} />
      </Select>
      <Field {...form.field('title', 'Role title')}>
        <input {...form.control('title')} type="text" maxLength={100} required />
      </Field>
      <Field {...form.field('fte', 'FTE')} hint="Full-time equivalents in this role">
        <input
          {...form.control('fte')}
          type="number"
          step="any"
          min="0"
          inputMode="decimal"
          required
        />
      </Field>
      <Field {...form.field('from', 'From')}>
        <input {...form.control('from')} type="date" required />
      </Field>
      <Field {...form.field('to', 'To')}>
        <input {...form.control('to')} type="date" required />
      </Field>
      {form.footer('Add role')}
    </form>
  );
}

export function RuleForm({ teams }: { teams: TeamChoice[] }) {
  const form = useSavingForm(['team', 'dimension', 'value', 'priority']);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text, number } = formValues(element);
    const body = {
      dimension: text('dimension'),
      value: text('value'),
      ...(number('priority') === undefined ? {} : { priority: number('priority') }),
    };
    const url = `/api/teams/${encodeURIComponent(text('team'))}/rules`;
    if (await form.save(url, body, { saved: 'Rule added.' })) element.reset();
  };
  return (
    <form onSubmit={submit} className={forms.form} noValidate>
      <Select form={form} name="team" label="Team">
        <TeamOptions teams={teams} />
      </Select>
      <Select form={form} name="dimension" label="Takes orders by">
        {ruleDimensions.map((d) => (
          <option key={d} value={d}>
            {dimensionLabels[d]}
          </option>
        ))}
      </Select>
      <Field {...form.field('value', 'Value')} hint="As in the data, e.g. DC-North or web">
        <input {...form.control('value')} type="text" maxLength={200} required />
      </Field>
      <Field {...form.field('priority', 'Priority')} hint="Lowest first; 100 when blank">
        <input {...form.control('priority')} type="number" step="1" min="1" inputMode="numeric" />
      </Field>
      {form.footer('Add rule')}
    </form>
  );
}
