'use client';
/** The inbox's actions: a pass now, and the admin's settings (folder, who hears of a failure). */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { addressesOf, RecipientsField } from '../ui/forms/recipients';
import { Field, formValues, useSavingForm } from '../ui/forms/form-parts';
import formStyles from '../ui/forms/forms.module.css';
import styles from './data.module.css';
import { sendJson } from './request';

interface CheckResult {
  files: { fileName: string; outcome: string }[];
  waiting: string[];
}

function resultText({ files, waiting }: CheckResult): string {
  const taken = files.length
    ? `Took ${files.length} file${files.length === 1 ? '' : 's'}: ${files
        .map((f) => `${f.fileName} (${f.outcome.replace('_', ' ')})`)
        .join(', ')}.`
    : 'No new files in the inbox.';
  const later = waiting.length
    ? ` ${waiting.length} still being written, taken on the next pass: ${waiting.join(', ')}.`
    : '';
  return taken + later;
}

export function InboxCheckNow() {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: boolean; text: string } | null>(null);

  async function check() {
    setPending(true);
    setOutcome(null);
    try {
      setOutcome({
        ok: true,
        text: resultText(await sendJson<CheckResult>('/api/inbox/check', undefined)),
      });
      router.refresh();
    } catch (error) {
      setOutcome({ ok: false, text: (error as Error).message });
    } finally {
      setPending(false);
    }
  }

  return (
    <div className={`${styles.actions} ${styles.inboxActions}`}>
      <button
        type="button"
        className={`${styles.button} ${styles.small}`}
        disabled={pending}
        onClick={() => void check()}
      >
        {pending ? 'Checking…' : 'Check the inbox now'}
      </button>
      <span role="status" className={outcome?.ok === false ? styles.error : styles.actionsNote}>
        {outcome && (
          <>
            <span aria-hidden="true">{outcome.ok ? '✓ ' : '⚠ '}</span>
            {outcome.text}
          </>
        )}
      </span>
    </div>
  );
}

const FIELDS = ['folder', 'recipients'] as const;

export function InboxSettingsForm({
  folder,
  fromEnvironment,
  notify,
}: {
  folder: string | null;
  fromEnvironment: boolean;
  notify: string[];
}) {
  const form = useSavingForm(FIELDS);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { text } = formValues(event.currentTarget);
    const recipients = addressesOf(text('recipients'));
    await form.save(
      '/api/inbox',
      { ...(fromEnvironment ? {} : { folder: text('folder') || null }), notify: recipients },
      {
        saved: 'Saved. The server looks into the folder from now on.',
      },
    );
  }

  return (
    <details className={styles.settings} open={!folder}>
      <summary>Inbox settings</summary>
      <form className={formStyles.form} onSubmit={(event) => void submit(event)} noValidate>
        <Field
          {...form.field('folder', 'Inbox folder on the server')}
          wide
          hint={
            fromEnvironment
              ? 'Set by ORDERLENS_INBOX when the server started; change it there.'
              : 'An absolute path to an existing folder, apart from the database’s. Every file placed there is taken: loaded, or moved to failed/. Leave empty for no inbox.'
          }
        >
          <input
            {...form.control('folder')}
            defaultValue={folder ?? ''}
            disabled={fromEnvironment}
            placeholder="/srv/orderlens/inbox"
            autoComplete="off"
            spellCheck={false}
          />
        </Field>
        <RecipientsField
          form={form}
          label="Mail when a file is not loaded"
          hint="Addresses, separated by commas or new lines. Failures are listed on the alerts page in any case."
          defaultValue={notify.join('\n')}
        />
        {form.footer('Save inbox settings')}
      </form>
    </details>
  );
}
