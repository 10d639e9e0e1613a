'use client';
/** The mail recipients of a form (alert rules, report schedules): typed, split and checked. */
import type { Problem } from '@/lib/errors';
import { Field, type useSavingForm } from './form-parts';

/** Addresses typed one per line or separated by commas, semicolons or spaces. */
export const addressesOf = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);

/** A recipient's problem names the address it is about ("recipients[1]" says little). */
export function withAddresses(problems: Problem[], recipients: string[]): Problem[] {
  return problems.map((p) => {
    const index = /^recipients\[(\d+)\]/.exec(p.path ?? '')?.[1];
    const address = index === undefined ? undefined : recipients[Number(index)];
    return address ? { ...p, message: `“${address}”: ${p.message}` } : p;
  });
}

/** The `recipients` field: a short text area, as wide as two fields. */
export function RecipientsField({
  form,
  label,
  hint,
  defaultValue,
}: {
  form: ReturnType<typeof useSavingForm>;
  label: string;
  hint: string;
  /** The addresses saved so far, one per line. */
  defaultValue?: string;
}) {
  return (
    <Field {...form.field('recipients', label)} wide hint={hint}>
      <textarea
        {...form.control('recipients')}
        defaultValue={defaultValue}
        rows={2}
        autoComplete="off"
        spellCheck={false}
      />
    </Field>
  );
}
