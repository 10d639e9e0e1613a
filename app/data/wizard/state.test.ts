import { describe, expect, it } from 'vitest';
import { proposeMapping } from '@/lib/ingest/map/automap';
import type { Mapping } from '@/lib/ingest/map/mapping';
import {
  headers,
  mapped,
  preview,
  profile,
  report,
  response,
  run,
  samples,
  upload,
  uploaded,
} from './fixtures';
import { initialWizardState, wizardReducer, type WizardAction } from './state';
import { readyOf, runNote, wizardView } from './view';

describe('wizardReducer', () => {
  it('follows the upload: started, progress, sent', () => {
    const started = run([{ type: 'uploadStarted', fileName: 'a.csv', total: 1000 }]);
    expect(started.phase).toEqual({
      step: 'uploading',
      fileName: 'a.csv',
      loaded: 0,
      total: 1000,
      sent: false,
    });
    const halfway = wizardReducer(started, { type: 'uploadProgressed', loaded: 500, total: 1000 });
    expect(halfway.phase).toMatchObject({ loaded: 500, sent: false });
    expect(wizardReducer(halfway, { type: 'uploadSent' }).phase).toMatchObject({
      loaded: 1000,
      sent: true,
    });
  });

  it('ignores upload progress once the upload is over', () => {
    const cancelled = run([
      { type: 'uploadStarted', fileName: 'a.csv', total: 1000 },
      { type: 'reset', notice: 'The upload of a.csv was cancelled.' },
    ]);
    expect(wizardReducer(cancelled, { type: 'uploadProgressed', loaded: 9, total: 9 })).toBe(
      cancelled,
    );
    expect(wizardReducer(cancelled, { type: 'uploadSent' })).toBe(cancelled);
    expect(cancelled.notice).toBe('The upload of a.csv was cancelled.');
  });

  it('goes back to choosing, with the message, when the upload fails', () => {
    const failed = run([
      { type: 'uploadStarted', fileName: 'a.csv', total: 1000 },
      { type: 'uploadFailed', message: 'a.csv is a PDF document.' },
    ]);
    expect(failed.phase).toEqual({ step: 'choose' });
    expect(failed.error).toBe('a.csv is a PDF document.');
  });

  it('opens the mapping with the automatic proposal on the first preview', () => {
    expect(mapped.phase).toEqual({ step: 'mapping' });
    expect(mapped.busy).toBeNull();
    expect(mapped.upload).toBe(upload);
    expect(mapped.target).toBe('flat');
    expect(mapped.columns).toEqual(preview.proposal.columns);
    expect(mapped.columns.order_id).toBe('Order ID');
    expect(new Set(Object.values(mapped.origins))).toEqual(new Set(['auto']));
    expect(mapped.profileName).toBe('flat-small');
    expect(mapped.kpis).toHaveLength(1);
    const view = wizardView(mapped);
    expect(view).toMatchObject({ currentStep: 1, missing: [], stale: false, loaded: false });
    expect(view.mapping).toEqual({ table: 'flat', columns: preview.proposal.columns });
    expect(readyOf(mapped, view)).toMatchObject({ upload, preview });
    expect(readyOf(run(uploaded.slice(0, 3)), wizardView(run(uploaded.slice(0, 3))))).toBeNull();
  });

  it('marks the preview as busy and clears the last error while it is read', () => {
    const reading = run([{ type: 'fileRefused', message: 'x' }, { type: 'previewRequested' }]);
    expect(reading).toMatchObject({ busy: 'preview', error: null });
    expect(wizardView(reading).working).toBe(true);
  });

  it('applies a saved profile on the first preview, with its reading settings but not latin1', () => {
    const state = run([
      ...uploaded.slice(0, 4),
      {
        type: 'previewReceived',
        response: response(profile),
        reading: { encoding: 'utf-16le' },
        first: true,
      },
    ]);
    expect(state.profileApplied).toBe('Shop export');
    expect(state.profileName).toBe('Shop export');
    expect(state.columns).toEqual(profile.mapping.columns);
    expect(new Set(Object.values(state.origins))).toEqual(new Set(['profile']));
    expect(state.extras).toEqual({ values: { ship_mode: { Express: 'Next day' } } });
    // The profile's allowance shows in its own field, which is what a load sends.
    expect(state.allowance).toBe('0.5%');
    expect(state.reading).toEqual({
      encoding: 'utf-16le',
      delimiter: ';',
      decimalSeparator: ',',
    });
    // The sheet comes from the preview, never from the profile.
    expect(wizardView(state).mapping).toMatchObject({
      delimiter: ';',
      encoding: 'utf-16le',
      decimalSeparator: ',',
    });
    expect(wizardView(state).mapping).not.toHaveProperty('sheet');
  });

  it('offers, but does not apply, a profile on a later preview unless one was applied', () => {
    const reread = wizardReducer(mapped, {
      type: 'previewReceived',
      response: response(profile),
      reading: { delimiter: ';' },
      first: false,
    });
    expect(reread.profile).toEqual(profile);
    expect(reread.profileApplied).toBeNull();
    expect(reread.reading).toEqual({ delimiter: ';' });
    expect(reread.profileName).toBe('flat-small');
    expect(reread.phase).toEqual({ step: 'mapping' });

    const chosen = wizardReducer(reread, { type: 'profileChosen' });
    expect(chosen.profileApplied).toBe('Shop export');
    const again = wizardReducer(chosen, {
      type: 'previewReceived',
      response: response(profile),
      reading: {},
      first: false,
    });
    expect(again.profileApplied).toBe('Shop export');
    expect(again.columns).toEqual(profile.mapping.columns);
  });

  it('returns to choosing a file when the first preview fails, not when a later one does', () => {
    const first = run([
      ...uploaded.slice(0, 4),
      { type: 'previewFailed', message: 'Cannot read it.', first: true },
    ]);
    expect(first).toMatchObject({
      phase: { step: 'choose' },
      upload: null,
      busy: null,
      error: 'Cannot read it.',
    });
    const later = run(
      [{ type: 'previewRequested' }, { type: 'previewFailed', message: 'No.', first: false }],
      mapped,
    );
    expect(later).toMatchObject({ phase: { step: 'mapping' }, upload, busy: null, error: 'No.' });
  });

  it('proposes a mapping for another target, and back', () => {
    const lines = wizardReducer(mapped, { type: 'targetChanged', target: 'order_lines' });
    expect(lines.target).toBe('order_lines');
    expect(lines.proposal?.target).toBe('order_lines');
    expect(lines.columns).toEqual(
      proposeMapping(headers, { target: 'order_lines', samples }).columns,
    );
    expect(lines.columns).not.toHaveProperty('ship_mode');
    expect(wizardReducer(lines, { type: 'proposalRestored' }).columns).toEqual(mapped.columns);
    expect(wizardReducer(initialWizardState, { type: 'targetChanged', target: 'orders' })).toBe(
      initialWizardState,
    );
  });

  it('maps and unmaps a column by hand', () => {
    const unmapped = wizardReducer(mapped, {
      type: 'columnChanged',
      field: 'order_id',
      header: null,
    });
    expect(unmapped.columns).not.toHaveProperty('order_id');
    expect(unmapped.origins.order_id).toBe('manual');
    expect(wizardView(unmapped).missing).toEqual(['order_id']);
    expect(runNote(unmapped, wizardView(unmapped))).toBe('Map order_id first.');
    const remapped = wizardReducer(unmapped, {
      type: 'columnChanged',
      field: 'order_id',
      header: 'Customer ID',
    });
    expect(remapped.columns.order_id).toBe('Customer ID');
    expect(wizardView(remapped).missing).toEqual([]);
  });

  it('sets and removes value maps, keeping the other extras', () => {
    const imported = wizardReducer(mapped, {
      type: 'mappingImported',
      mapping: { ...profile.mapping, encoding: undefined, dateFormat: '%d.%m.%Y' } as Mapping,
      fileName: 'shop.mapping.json',
    });
    const values = { ship_mode: { Standard: 'Ground' } };
    const set = wizardReducer(imported, { type: 'valuesChanged', values });
    expect(set.extras.values).toEqual(values);
    const removed = wizardReducer(set, { type: 'valuesChanged', values: undefined });
    expect(removed.extras).not.toHaveProperty('values');
    expect(Object.keys(removed.extras).length).toBe(Object.keys(set.extras).length - 1);
  });

  it('applies an imported mapping file, and the proposal again on undo', () => {
    const chosen = wizardReducer(
      wizardReducer(mapped, {
        type: 'previewReceived',
        response: response(profile),
        reading: {},
        first: false,
      }),
      { type: 'profileChosen' },
    );
    const imported = wizardReducer(chosen, {
      type: 'mappingImported',
      mapping: { table: 'orders', columns: { order_id: 'Order ID', order_ts: 'Order Date' } },
      fileName: 'orders.mapping.json',
    });
    expect(imported).toMatchObject({
      importedFrom: 'orders.mapping.json',
      profileApplied: null,
      target: 'orders',
      origins: { order_id: 'file', order_ts: 'file' },
    });
    expect(imported.proposal?.target).toBe('orders');
    const undone = wizardReducer(imported, { type: 'proposalRestored' });
    expect(undone).toMatchObject({ importedFrom: null, target: 'flat', extras: {} });
    expect(undone.columns).toEqual(preview.proposal.columns);
  });

  it('ignores mapping actions before there is a preview', () => {
    for (const action of [
      { type: 'proposalRestored' },
      { type: 'profileChosen' },
      { type: 'mappingImported', mapping: profile.mapping, fileName: 'x.json' },
    ] as WizardAction[])
      expect(wizardReducer(initialWizardState, action)).toBe(initialWizardState);
  });

  it('saves a profile: busy, then the message', () => {
    const saving = run(
      [{ type: 'profileNameChanged', name: 'Shop' }, { type: 'profileSaveStarted' }],
      { ...mapped, error: 'old', profileMessage: 'old' },
    );
    expect(saving).toMatchObject({ busy: 'profile', error: null, profileMessage: null });
    const saved = wizardReducer(saving, { type: 'profileSaved', name: 'Shop' });
    expect(saved.busy).toBeNull();
    expect(saved.profileMessage).toBe(
      'Saved as profile “Shop”. A file with the same columns gets this mapping automatically.',
    );
  });

  it('resets everything of the file on reset, and keeps what the next preview replaces', () => {
    const dirty = run(
      [
        { type: 'columnChanged', field: 'sku', header: null },
        { type: 'allowanceChanged', allowance: '5' },
        { type: 'runFinished', report: report({}), key: 'k' },
        { type: 'profileNameChanged', name: 'Mine' },
        { type: 'targetChanged', target: 'orders' },
        { type: 'reset', notice: 'One file at a time: uploading b.csv only.' },
      ],
      mapped,
    );
    expect(dirty).toEqual({
      ...initialWizardState,
      notice: 'One file at a time: uploading b.csv only.',
      target: 'orders',
      profileName: 'Mine',
      kpis: mapped.kpis,
    });
  });

  it('tracks a drag over the drop zone without a new state when nothing changes', () => {
    const over = wizardReducer(initialWizardState, { type: 'dragChanged', dragging: true });
    expect(over.dragging).toBe(true);
    expect(wizardReducer(over, { type: 'dragChanged', dragging: true })).toBe(over);
    expect(wizardReducer(over, { type: 'dragChanged', dragging: false }).dragging).toBe(false);
  });
});
