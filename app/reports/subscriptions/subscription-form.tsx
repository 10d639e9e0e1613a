'use client';
/**
 * Schedule a report: its format, when it goes (daily, weekly on a weekday, monthly on a day or the
 * first working day, at a time in a time zone, the browser's by default), where it goes (mail
 * and/or a folder), and the report the reports page's link carried. The server validates; its
 * problems show by the field they concern.
 */
import Link from 'next/link';
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { describeCadence, parseCadence } from '@/lib/delivery/cadence';
import type { Filters } from '@/lib/kpi/filters';
import {
  clearFields,
  Field,
  FieldError,
  formValues,
  useSavingForm,
} from '../../ui/forms/form-parts';
import forms from '../../ui/forms/forms.module.css';
import { addressesOf, RecipientsField, withAddresses } from '../../ui/forms/recipients';
import type { CarriedReport } from './carried';
import { contentWords, filterWords, formatLabels } from './words';
import styles from './subscriptions.module.css';

const WEEKDAYS = [
  ['mon', 'Monday'],
  ['tue', 'Tuesday'],
  ['wed', 'Wednesday'],
  ['thu', 'Thursday'],
  ['fri', 'Friday'],
  ['sat', 'Saturday'],
  ['sun', 'Sunday'],
] as const;

const FIELDS = ['name', 'format', 'cadence', 'timeZone', 'recipients', 'folder', 'filters'];

type Frequency = 'daily' | 'weekly' | 'monthly';

const never = () => () => undefined;
/** The browser's own zone: the default, since people think of 07:00 on their own clock. */
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
let zoneList: string[] | undefined;
/** The zones the browser knows, offered as suggestions (read once: the snapshot must be stable). */
const browserZones = () => (zoneList ??= Intl.supportedValuesOf('timeZone'));
const noZones: string[] = [];

function withoutDates(filters: Filters): Filters {
  const rest = { ...filters };
  delete rest.from;
  delete rest.to;
  return rest;
}

export function SubscriptionForm({
  carried,
  reportsHref,
  kpiNames,
  exportsDir,
  otherDirs,
  mailConfigured,
}: {
  carried: CarriedReport;
  /** The reports page on the same report, to change its filters there. */
  reportsHref: string;
  kpiNames: Record<string, string>;
  /** Where a relative folder name goes; otherDirs are the further allowed folders. */
  exportsDir: string;
  otherDirs: string[];
  mailConfigured: boolean;
}) {
  const form = useSavingForm(FIELDS);
  const id = form.id;
  const detectedZone = useSyncExternalStore(never, browserZone, () => '');
  const zones = useSyncExternalStore(never, browserZones, () => noZones);
  const [format, setFormat] = useState<'pdf' | 'pptx' | 'xlsx'>('pdf');
  const [frequency, setFrequency] = useState<Frequency>('weekly');
  const [weekday, setWeekday] = useState('mon');
  const [day, setDay] = useState('1');
  const [time, setTime] = useState('07:00');
  const [zoneTyped, setZoneTyped] = useState<string | null>(null);
  const zone = zoneTyped ?? detectedZone;
  const carriedDates = !!(carried.filters.from || carried.filters.to);
  const [period, setPeriod] = useState<'last_month' | 'fixed'>(
    carriedDates ? 'fixed' : 'last_month',
  );
  const filterText = filterWords(carried.filters);
  const [keepFilters, setKeepFilters] = useState(true);

  const cadence =
    frequency === 'daily'
      ? `daily ${time}`
      : frequency === 'weekly'
        ? `weekly ${weekday} ${time}`
        : `monthly ${day} ${time}`;
  let cadenceText: string | null = null;
  try {
    cadenceText = describeCadence(parseCadence(cadence), zone || "the server's time zone");
  } catch {
    cadenceText = null; // an incomplete time: the field says so when sent
  }

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    const recipients = addressesOf(text('recipients'));
    // The period is the form's own choice; the other filters are kept unless unticked.
    const filters: Record<string, unknown> = keepFilters ? withoutDates(carried.filters) : {};
    if (period === 'fixed') {
      if (text('from')) filters.from = text('from');
      if (text('to')) filters.to = text('to');
    }
    const body: Record<string, unknown> = {
      format,
      cadence,
      recipients,
      filters,
      ...(zone ? { timeZone: zone } : {}),
      ...(text('name') ? { name: text('name') } : {}),
      ...(text('folder') ? { folder: text('folder') } : {}),
      ...(carried.kpis ? { kpis: carried.kpis } : {}),
      ...(carried.by ? { by: carried.by } : {}),
      ...(carried.compare ? { compare: carried.compare } : {}),
      ...(carried.organisation ? { organisation: carried.organisation } : {}),
    };
    const saved = await form.save('/api/subscriptions', body, {
      saved: (data) => {
        const s = data?.subscription as { name?: string | null; cadenceText?: string };
        return `Scheduled: ${s?.name ?? `${formatLabels[format]} report`}, sent ${s?.cadenceText ?? cadenceText ?? cadence}.`;
      },
      reword: (problems) => withAddresses(problems, recipients),
    });
    // The schedule and report choices stay for a similar next one; only what was typed is cleared.
    if (saved) clearFields(element, ['name', 'recipients', 'folder']);
  };

  return (
    <form onSubmit={submit} className={styles.form} noValidate>
      <Field
        {...form.field('name', 'Name (optional)')}
        wide
        hint="As the list shows it, e.g. Weekly ops pack"
      >
        <input {...form.control('name')} type="text" maxLength={120} autoComplete="off" />
      </Field>

      <fieldset className={`${styles.group} ${forms.wide}`}>
        <legend className={forms.label}>Format</legend>
        <div className={styles.radios}>
          {(['pdf', 'pptx', 'xlsx'] as const).map((f) => (
            <label key={f} className={styles.radio}>
              <input
                type="radio"
                name="format"
                value={f}
                checked={format === f}
                onChange={() => setFormat(f)}
              />
              {formatLabels[f]}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset
        className={`${styles.group} ${forms.wideAll}`}
        aria-describedby={form.errors.fields.cadence ? `${id}-cadence-error` : `${id}-cadence-text`}
      >
        <legend className={forms.label}>When</legend>
        <div className={styles.cadenceRow}>
          <Field {...form.field('frequency', 'Repeats')}>
            <select
              {...form.control('frequency')}
              value={frequency}
              onChange={(e) => setFrequency(e.target.value as Frequency)}
            >
              <option value="daily">Every day</option>
              <option value="weekly">Every week</option>
              <option value="monthly">Every month</option>
            </select>
          </Field>
          {frequency === 'weekly' && (
            <Field {...form.field('weekday', 'On')}>
              <select
                {...form.control('weekday')}
                value={weekday}
                onChange={(e) => setWeekday(e.target.value)}
              >
                {WEEKDAYS.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
          )}
          {frequency === 'monthly' && (
            <Field {...form.field('day', 'On')}>
              <select {...form.control('day')} value={day} onChange={(e) => setDay(e.target.value)}>
                <option value="first-working-day">The first working day</option>
                {Array.from({ length: 31 }, (_, i) => String(i + 1)).map((d) => (
                  <option key={d} value={d}>
                    Day {d}
                    {Number(d) > 28 ? ' (or the month’s last)' : ''}
                  </option>
                ))}
              </select>
            </Field>
          )}
          <Field {...form.field('time', 'At')}>
            <input
              {...form.control('time')}
              type="time"
              value={time}
              required
              onChange={(e) => setTime(e.target.value)}
            />
          </Field>
          <Field
            {...form.field('timeZone', 'Time zone')}
            hint={zoneTyped === null && detectedZone ? 'Your browser’s' : 'An IANA name'}
          >
            <input
              {...form.control('timeZone')}
              type="text"
              list={`${id}-zones`}
              value={zone}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setZoneTyped(e.target.value)}
            />
            <datalist id={`${id}-zones`}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </Field>
        </div>
        {form.errors.fields.cadence ? (
          <FieldError id={form.errorId('cadence')} messages={form.errors.fields.cadence} />
        ) : (
          <p id={`${id}-cadence-text`} className={styles.cadencePreview}>
            {cadenceText ? `Sent ${cadenceText}.` : 'Give the time as hours and minutes.'}
          </p>
        )}
      </fieldset>

      <RecipientsField
        form={form}
        label="Mail to"
        hint={
          mailConfigured
            ? 'E-mail addresses, separated by commas or new lines.'
            : 'Mail is not configured on this server yet: give a folder below instead, or as well.'
        }
      />
      <Field
        {...form.field('folder', 'Write to folder (optional)')}
        wide
        hint={
          <>
            A name such as <code>weekly-pack</code> is a folder in <code>{exportsDir}</code>
            {otherDirs.length ? (
              <>
                ; a full path must lie in it or in{' '}
                {otherDirs.map((d, i) => (
                  <span key={d}>
                    {i ? ', ' : ''}
                    <code>{d}</code>
                  </span>
                ))}
              </>
            ) : null}
            . Give a folder, recipients, or both.
          </>
        }
      >
        <input {...form.control('folder')} type="text" autoComplete="off" spellCheck={false} />
      </Field>

      <fieldset className={`${styles.group} ${forms.wideAll}`}>
        <legend className={forms.label}>Report</legend>
        <div className={styles.radios}>
          <label className={styles.radio}>
            <input
              type="radio"
              name="period"
              value="last_month"
              checked={period === 'last_month'}
              onChange={() => setPeriod('last_month')}
            />
            The last complete month before each delivery
          </label>
          <label className={styles.radio}>
            <input
              type="radio"
              name="period"
              value="fixed"
              checked={period === 'fixed'}
              onChange={() => setPeriod('fixed')}
            />
            Always the same period
          </label>
        </div>
        {period === 'fixed' && (
          <div className={styles.cadenceRow}>
            <Field {...form.field('from', 'From')}>
              <input
                {...form.control('from')}
                type="date"
                defaultValue={carried.filters.from ?? ''}
              />
            </Field>
            <Field {...form.field('to', 'To')}>
              <input {...form.control('to')} type="date" defaultValue={carried.filters.to ?? ''} />
            </Field>
            <span className={forms.hint}>
              Every delivery then reports these dates: the numbers change only when their data does.
            </span>
          </div>
        )}
        <FieldError messages={form.errors.fields.filters} />
        {filterText ? (
          <label className={styles.check}>
            <input
              type="checkbox"
              checked={keepFilters}
              onChange={(e) => setKeepFilters(e.target.checked)}
            />
            Only {filterText}
          </label>
        ) : (
          <p className={styles.reportLine}>All orders (no filters).</p>
        )}
        <p className={styles.reportLine}>
          {contentWords(carried, (k) => kpiNames[k] ?? k).join(', ')}.{' '}
          <Link href={reportsHref}>Choose other filters or KPIs on the Reports page</Link>.
        </p>
        {carried.problems.length > 0 && (
          <p className={forms.fieldError}>
            Part of the link could not be read and is left out: {carried.problems.join('; ')}
          </p>
        )}
      </fieldset>

      {form.footer('Schedule report', 'Scheduling…')}
    </form>
  );
}
