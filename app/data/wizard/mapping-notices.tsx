/** Where the mapping came from (a profile, a mapping file) and the way back to the proposal. */
import type { ReactNode } from 'react';
import type { MappingProposal } from '@/lib/ingest/map/automap';
import styles from '../data.module.css';
import { Message } from './message';
import type { SavedProfile } from './types';

export function MappingSource({
  profile,
  profileApplied,
  importedFrom,
  onUndo,
  onApplyProfile,
}: {
  profile: SavedProfile | null;
  profileApplied: string | null;
  importedFrom: string | null;
  onUndo: () => void;
  onApplyProfile: () => void;
}) {
  return (
    <>
      {profileApplied && (
        <AppliedNotice onUndo={onUndo}>
          {appliedText(profileApplied, profile?.name === profileApplied ? profile : null)}
        </AppliedNotice>
      )}
      {!profileApplied && profile && (
        <p className={styles.hint}>
          A profile, “{profile.name}”{profile.match ? ` (${matchWords[profile.match]})` : ''}, fits
          this file.{' '}
          <button type="button" className={styles.linkButton} onClick={onApplyProfile}>
            Apply it
          </button>
        </p>
      )}
      {importedFrom && (
        <AppliedNotice onUndo={onUndo}>Mapping file ‘{importedFrom}’ applied.</AppliedNotice>
      )}
    </>
  );
}

/** How a profile matched the file, in the notice's words. */
const matchWords: Record<NonNullable<SavedProfile['match']>, string> = {
  headers: 'same columns',
  'mapped columns': 'every mapped column present',
};

/** "Profile “SAP VBAP” (same columns) applied.": which profile, and how it matched the file. */
export function appliedText(name: string, profile: SavedProfile | null): string {
  return profile?.match
    ? `Profile “${name}” (${matchWords[profile.match]}) applied.`
    : `Profile “${name}” applied: the mapping saved for files with these columns.`;
}

/** A mapping taken from a profile or a file, with the way back to the automatic proposal. */
function AppliedNotice({ children, onUndo }: { children: ReactNode; onUndo: () => void }) {
  return (
    <Message tone="info" role="status">
      {children}{' '}
      <button type="button" className={styles.linkButton} onClick={onUndo}>
        Use the automatic proposal instead
      </button>
    </Message>
  );
}

/** What the automatic proposal found, and why it proposes nothing for a file of another kind. */
export function ProposalNotice({ proposal }: { proposal: MappingProposal }) {
  if (proposal.status !== 'not_orders') return null;
  return (
    <Message tone="warning" role="status">
      {proposal.message}
    </Message>
  );
}
