'use client';
/**
 * The wizard's requests around its reducer: the upload, the previews, the check, the load and the
 * profile save each dispatch what they start and what they get back.
 */
import { useRouter } from 'next/navigation';
import { useReducer, useRef } from 'react';
import type { LoadReport } from '@/lib/ingest/load/load-report';
import { apiFetch } from '../../ui/csrf';
import { formatBytes, messageOf, requestJson, sendJson, unreachableMessage } from '../request';
import { rejectAllowance, withDecidedSeparator } from './mapping';
import { sendFile } from './send-file';
import { initialWizardState, wizardReducer } from './state';
import type { PreviewResponse, Reading, UploadSummary } from './types';
import { profileSystem, wizardView } from './view';

export function useWizard(maxBytes: number) {
  const router = useRouter();
  const xhrRef = useRef<XMLHttpRequest | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const [state, dispatch] = useReducer(wizardReducer, initialWizardState);
  const view = wizardView(state);
  const { upload, preview } = state;

  function reset(notice: string | null = null) {
    xhrRef.current?.abort();
    xhrRef.current = null;
    // The stored file is of no further use once the user moves on; the server prunes any we miss.
    if (upload)
      void apiFetch(`/api/uploads/${upload.id}`, { method: 'DELETE' }).catch(() => undefined);
    dispatch({ type: 'reset', notice });
  }

  async function fetchPreview(id: string, settings: Reading, first: boolean) {
    dispatch({ type: 'previewRequested' });
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(settings)) if (value) query.set(key, value);
    try {
      const response = await requestJson<PreviewResponse>(
        `/api/uploads/${id}/preview${query.size ? `?${query}` : ''}`,
      );
      dispatch({ type: 'previewReceived', response, reading: settings, first });
      if (first) requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (e) {
      dispatch({ type: 'previewFailed', message: (e as Error).message, first });
    }
  }

  function startUpload(file: File, note: string | null) {
    reset(note);
    if (file.size > maxBytes) {
      const message =
        `${file.name} is ${formatBytes(file.size)}; the largest file the app accepts is ${formatBytes(maxBytes)}. ` +
        'Split the extract (by month, say) or load it with the command line (npx orderlens ingest).';
      dispatch({ type: 'fileRefused', message });
      return;
    }
    if (file.size === 0) {
      dispatch({ type: 'fileRefused', message: `${file.name} is empty.` });
      return;
    }
    dispatch({ type: 'uploadStarted', fileName: file.name, total: file.size });
    xhrRef.current = sendFile(file, {
      progress: (loaded, total) => dispatch({ type: 'uploadProgressed', loaded, total }),
      sent: () => dispatch({ type: 'uploadSent' }),
      answered: (status, body) => {
        xhrRef.current = null;
        if (status !== 201) {
          dispatch({ type: 'uploadFailed', message: messageOf(body, status) });
          return;
        }
        const summary = body as UploadSummary;
        dispatch({ type: 'uploaded', upload: summary });
        void fetchPreview(summary.id, {}, true);
      },
      interrupted: () => {
        xhrRef.current = null;
        const message = `The upload of ${file.name} was interrupted. ${unreachableMessage}`;
        dispatch({ type: 'uploadFailed', message });
      },
    });
  }

  /** The chosen or dropped files: the first is uploaded. */
  function chooseFiles(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    startUpload(file, files.length > 1 ? `One file at a time: uploading ${file.name} only.` : null);
  }

  /** Read the file again with other settings; they take effect once the new preview arrives. */
  function changeReading(next: Reading) {
    if (upload) void fetchPreview(upload.id, next, false);
  }

  async function run(dryRun: boolean) {
    if (!upload || !view.mapping) return;
    dispatch({ type: 'runStarted', dryRun });
    const key = view.mappingKey;
    try {
      const report = await sendJson<LoadReport>(`/api/uploads/${upload.id}/load`, {
        mapping: view.mapping,
        dryRun,
        ...rejectAllowance(state.allowance),
      });
      dispatch({ type: 'runFinished', report, key });
      if (!dryRun) router.refresh();
      requestAnimationFrame(() => reportHeading.current?.focus());
    } catch (e) {
      dispatch({ type: 'requestFailed', message: (e as Error).message });
    }
  }

  async function saveProfile() {
    if (!preview || !view.mapping) return;
    dispatch({ type: 'profileSaveStarted' });
    try {
      const saved = await sendJson<{ profile: { name: string } }>('/api/profiles', {
        name: state.profileName,
        headers: preview.headers,
        system: profileSystem(state, preview),
        // The allowance is the profile's too: the inbox loads a file within it.
        mapping: {
          ...withDecidedSeparator(view.mapping, preview),
          ...rejectAllowance(state.allowance),
        },
      });
      dispatch({ type: 'profileSaved', name: saved.profile.name });
    } catch (e) {
      dispatch({ type: 'requestFailed', message: (e as Error).message });
    }
  }

  return {
    state,
    view,
    dispatch,
    previewHeading,
    reportHeading,
    reset,
    chooseFiles,
    changeReading,
    run: (dryRun: boolean) => void run(dryRun),
    saveProfile: () => void saveProfile(),
  };
}

export type Wizard = ReturnType<typeof useWizard>;
