'use client';
/**
 * The working calendar: working weekdays, holidays, a cut-off for every site and per site. Saving
 * replaces the calendar whole and recomputes the working-day KPIs; problems show by their field.
 */
import type { FormEvent } from 'react';
import type { Problem } from '@/lib/errors';
import { Field, FieldError, formValues, useSavingForm } from '../../ui/forms/form-parts';
import forms from '../../ui/forms/forms.module.css';
import styles from '../benchmarks.module.css';

export interface CalendarFormValues {
  weekdays: string[];
  holidays: string[];
  cutoff: string | null;
  sites: Record<string, string>;
}

const WEEKDAYS = [
  ['mon', 'Mon'],
  ['tue', 'Tue'],
  ['wed', 'Wed'],
  ['thu', 'Thu'],
  ['fri', 'Fri'],
  ['sat', 'Sat'],
  ['sun', 'Sun'],
] as const;

/** "DC-North 14:00" or "DC-North = 14:00" per line; the lines that do not read so. */
function sitesOf(text: string): { sites: Record<string, string>; unread: string[] } {
  const sites: Record<string, string> = {};
  const unread: string[] = [];
  for (const line of text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)) {
    const match = /^(.+?)\s*(?:=|:|\s)\s*(\d{1,2}:\d{2})$/.exec(line);
    if (match) sites[match[1]!.trim()] = match[2]!.padStart(5, '0');
    else unread.push(line);
  }
  return { sites, unread };
}

export function CalendarForm({ calendar }: { calendar: CalendarFormValues }) {
  const form = useSavingForm(['weekdays', 'holidays', 'cutoff', 'sites']);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    const data = new FormData(element);
    const { sites, unread } = sitesOf(text('sites'));
    if (unread.length)
      return form.invalid(
        'sites',
        `Write each site as "SITE 14:00" on its own line: ${unread.join('; ')}`,
        'The calendar is not valid',
      );
    const holidays = text('holidays')
      .split(/[\s,;]+/)
      .filter(Boolean);
    const body = {
      weekdays: data.getAll('weekdays').map(String),
      holidays,
      cutoff: text('cutoff') || null,
      sites,
    };
    // Name the holiday or site a problem is about: the server's path holds only its position.
    const reword = (problems: Problem[]) =>
      problems.map((p) => {
        const [field, key] = p.path?.split('.') ?? [];
        const what = field === 'holidays' ? holidays[Number(key)] : field === 'sites' ? key : '';
        return what ? { ...p, message: `${what}: ${p.message}` } : p;
      });
    await form.save('/api/settings/calendar', body, {
      saved: (answer) => `Saved: ${String(answer?.text ?? 'the calendar')}.`,
      invalidTitle: 'The calendar is not valid',
      reword,
    });
  };

  return (
    <form onSubmit={submit} className={forms.form} noValidate aria-label="Working calendar">
      <fieldset
        className={`${styles.formatChoice} ${forms.wideAll}`}
        aria-describedby={form.errors.fields.weekdays ? form.errorId('weekdays') : undefined}
      >
        <legend>Working weekdays</legend>
        {WEEKDAYS.map(([value, label]) => (
          <label key={value} className={styles.radio}>
            <input
              type="checkbox"
              name="weekdays"
              value={value}
              defaultChecked={calendar.weekdays.includes(value)}
            />
            {label}
          </label>
        ))}
        <FieldError id={form.errorId('weekdays')} messages={form.errors.fields.weekdays} />
      </fieldset>
      <Field
        {...form.field('holidays', 'Holidays')}
        hint="Dates as YYYY-MM-DD, separated by commas or lines"
        wide
      >
        <textarea
          {...form.control('holidays')}
          rows={3}
          defaultValue={calendar.holidays.join(', ')}
          placeholder="2026-12-25, 2026-12-26"
        />
      </Field>
      <Field
        {...form.field('sites', 'Cut-off per site')}
        hint="One site a line, e.g. DC-North 14:00"
        wide
      >
        <textarea
          {...form.control('sites')}
          rows={3}
          defaultValue={Object.entries(calendar.sites)
            .map(([site, cutoff]) => `${site} ${cutoff}`)
            .join('\n')}
          placeholder="DC-North 14:00"
        />
      </Field>
      <Field
        {...form.field('cutoff', 'Cut-off at other sites')}
        hint="Orders after it count from the next working day; blank: none"
      >
        <input {...form.control('cutoff')} type="time" defaultValue={calendar.cutoff ?? ''} />
      </Field>
      {form.footer('Save calendar')}
    </form>
  );
}
