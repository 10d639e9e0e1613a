'use client';
/**
 * Import a mapping file (the JSON `orderlens ingest --mapping` reads) as a saved profile. The
 * browser reads the file; the server validates the mapping and says what is wrong with it.
 */
import type { ChangeEvent, FormEvent } from 'react';
import { MappingError, parseMappingJson, type Mapping } from '@/lib/ingest/map/mapping';
import { clearFields, Field, formValues, useSavingForm } from '../ui/forms/form-parts';
import forms from '../ui/forms/forms.module.css';
import styles from './profiles.module.css';

const MAX_BYTES = 1 << 20;
const FIELDS = ['name', 'system', 'file'] as const;

/** "sap-vbap.mapping.json" → "sap-vbap": the name a profile gets unless one is typed. */
function nameOfFile(fileName: string): string {
  return fileName.replace(/(\.mapping)?\.json$/i, '').slice(0, 100);
}

export function ProfileImport() {
  const form = useSavingForm(FIELDS);

  const fileChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    const name = event.target.form?.elements.namedItem('name');
    if (file && name instanceof HTMLInputElement && !name.value.trim())
      name.value = nameOfFile(file.name);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const element = event.currentTarget;
    const { text } = formValues(element);
    const file = new FormData(element).get('file');
    if (!(file instanceof File) || !file.name)
      return form.invalid('file', 'Choose a mapping file (.json).', 'Nothing was imported');
    if (file.size > MAX_BYTES)
      return form.invalid('file', 'A mapping file is at most 1 MB.', 'Nothing was imported');
    // Checked here as the server checks it, so that each problem shows under the file; the
    // server's own refusals (a name too long, a mapping of no columns) show as it words them.
    let mapping: Mapping;
    try {
      mapping = parseMappingJson(await file.text(), file.name);
    } catch (error) {
      if (!(error instanceof MappingError)) throw error;
      const [head, ...lines] = error.message.split('\n');
      return form.invalid(
        'file',
        lines.length ? lines.map((l) => l.trim()).join('\n') : head!,
        lines.length ? head!.replace(/:$/, '') : 'The file is not a mapping file',
      );
    }
    const name = text('name') || nameOfFile(file.name);
    const saved = await form.save(
      '/api/profiles',
      { name, mapping, ...(text('system') ? { system: text('system') } : {}) },
      {
        saved: (data) =>
          `Profile “${(data?.profile as { name?: string } | undefined)?.name ?? name}” saved.`,
        invalidTitle: 'The mapping file was not imported',
      },
    );
    if (saved) clearFields(element, [...FIELDS]);
  };

  return (
    <form onSubmit={submit} className={`${forms.form} ${styles.importForm}`} noValidate>
      <Field
        {...form.field('file', 'Mapping file')}
        wide
        hint="The JSON of orderlens map or Export JSON"
      >
        <input
          {...form.control('file')}
          type="file"
          accept=".json,application/json"
          onChange={fileChosen}
        />
      </Field>
      <Field {...form.field('name', 'Profile name')} hint="Blank: the file's name">
        <input {...form.control('name')} type="text" maxLength={100} placeholder="e.g. SAP VBAP" />
      </Field>
      <Field {...form.field('system', 'System (optional)')} hint="Where the files come from">
        <input {...form.control('system')} type="text" maxLength={60} placeholder="e.g. SAP" />
      </Field>
      {form.footer('Import as profile', 'Importing…')}
    </form>
  );
}
