import { describe, expect, it } from 'vitest';
import { mapped, preview, profile, report, response, run, uploaded } from './fixtures';
import { initialWizardState, wizardReducer } from './state';
import { appliedText } from './mapping-notices';
import { profileSystem, refusalOf, runNote, wizardView } from './view';

describe('wizardView and runNote', () => {
  it('starts at choosing a file, on step 1', () => {
    expect(initialWizardState.phase).toEqual({ step: 'choose' });
    expect(wizardView(initialWizardState)).toMatchObject({
      mapping: null,
      currentStep: 0,
      loaded: false,
      working: false,
    });
  });

  it('checks, marks a changed mapping stale, then loads', () => {
    const key = wizardView(mapped).mappingKey;
    const checking = wizardReducer(mapped, { type: 'runStarted', dryRun: true });
    expect(checking.busy).toBe('check');
    expect(runNote(checking, wizardView(checking))).toBe(
      'Large files take a while; keep this page open.',
    );
    const checked = wizardReducer(checking, { type: 'runFinished', report: report({}), key });
    expect(checked.busy).toBeNull();
    expect(wizardView(checked)).toMatchObject({ currentStep: 2, stale: false, loaded: false });
    expect(runNote(checked, wizardView(checked))).toBe('The check passed: load when ready.');

    const changed = wizardReducer(checked, { type: 'allowanceChanged', allowance: '1%' });
    expect(wizardView(changed)).toMatchObject({ currentStep: 1, stale: true });
    expect(runNote(changed, wizardView(changed))).toBe(
      'The mapping or the allowance changed since the result below: check again.',
    );

    const loaded = run(
      [
        { type: 'runStarted', dryRun: false },
        {
          type: 'runFinished',
          report: report({ status: 'loaded', dryRun: false, loadId: 7 }),
          key: wizardView(changed).mappingKey,
        },
      ],
      changed,
    );
    expect(wizardView(loaded)).toMatchObject({ currentStep: 3, loaded: true, stale: false });
    expect(runNote(loaded, wizardView(loaded))).toBe('');
  });

  it('keeps a refused load on the check step', () => {
    const refused = run(
      [
        { type: 'runStarted', dryRun: false },
        {
          type: 'runFinished',
          report: report({ status: 'rejected', dryRun: false }),
          key: wizardView(mapped).mappingKey,
        },
      ],
      mapped,
    );
    expect(wizardView(refused)).toMatchObject({ loaded: false, currentStep: 3 });
    const failed = run(
      [
        { type: 'runStarted', dryRun: true },
        { type: 'requestFailed', message: 'Gone.' },
      ],
      mapped,
    );
    expect(failed).toMatchObject({ busy: null, error: 'Gone.', report: null });
  });

  it('after a failed check says the load would be refused and offers the allowance that lets the rest load', () => {
    const check = (fields: Parameters<typeof report>[0]) =>
      run(
        [
          { type: 'runStarted', dryRun: true },
          { type: 'runFinished', report: report(fields), key: wizardView(mapped).mappingKey },
        ],
        mapped,
      );
    const some = check({ status: 'rejected', dryRun: true, rowsRead: 9994, rowsRejected: 12 });
    expect(refusalOf(some, wizardView(some))).toEqual({ rejected: 12, read: 9994, allow: 12 });
    expect(runNote(some, wizardView(some))).toBe(
      'Load would be refused: 12 of 9,994 rows fail the checks. Fix them in the file, or let them be left out and load the other 9,982.',
    );
    // Allowing them makes the check stale: check again (or load).
    const allowed = wizardReducer(some, { type: 'allowanceChanged', allowance: '12' });
    expect(refusalOf(allowed, wizardView(allowed))).toBeNull();

    const all = check({ status: 'rejected', dryRun: true, rowsRead: 40, rowsRejected: 40 });
    expect(refusalOf(all, wizardView(all))).toEqual({ rejected: 40, read: 40, allow: null });
    expect(runNote(all, wizardView(all))).toBe(
      'Load would be refused: all 40 rows fail the checks. Check the mapping and the file.',
    );
  });

  it('tells a valid allowance from one that is not', () => {
    const allow = (allowance: string) =>
      wizardView(wizardReducer(mapped, { type: 'allowanceChanged', allowance })).allowanceValid;
    expect(['', ' ', '10', '0.5%', '3%'].map(allow)).toEqual([true, true, true, true, true]);
    expect(['-1', '1.5', 'ten', '%'].map(allow)).toEqual([false, false, false, false]);
  });
});

describe('profileSystem', () => {
  const sap = { ...preview, proposal: { ...preview.proposal, system: 'sap' as const } };
  it('names the system the preview recognised, none for a generic extract', () => {
    expect(profileSystem(mapped, sap)).toBe('SAP');
    const generic = { ...preview, proposal: { ...preview.proposal, system: 'generic' as const } };
    expect(profileSystem(mapped, generic)).toBeUndefined();
    const unrecognised = { ...preview, proposal: { ...preview.proposal, system: undefined } };
    expect(profileSystem(mapped, unrecognised)).toBeUndefined();
  });

  it("keeps the applied profile's own system over the recognised one", () => {
    const withSystem = { ...profile, match: 'headers' as const, system: 'SAP ECC 6' };
    const applied = run([
      ...uploaded.slice(0, -1),
      { type: 'previewReceived', response: response(withSystem), reading: {}, first: true },
    ]);
    expect(applied.profileApplied).toBe('Shop export');
    expect(profileSystem(applied, sap)).toBe('SAP ECC 6');
    // Back on the proposal, the profile's system is no longer the mapping's.
    const restored = wizardReducer(applied, { type: 'proposalRestored' });
    expect(restored.profileApplied).toBeNull();
    expect(profileSystem(restored, sap)).toBe('SAP');
  });
});

describe('appliedText', () => {
  it('names the applied profile and how it matched the file', () => {
    expect(appliedText('SAP VBAP', { ...profile, match: 'headers' })).toBe(
      'Profile “SAP VBAP” (same columns) applied.',
    );
    expect(appliedText('Shop', { ...profile, match: 'mapped columns' })).toBe(
      'Profile “Shop” (every mapped column present) applied.',
    );
    expect(appliedText('Shop', null)).toBe(
      'Profile “Shop” applied: the mapping saved for files with these columns.',
    );
  });
});
