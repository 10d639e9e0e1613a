/** Save the mapping as a profile, applied automatically to files with the same columns. */
import styles from '../data.module.css';
import { Message } from './message';

export function SaveProfile({
  name,
  message,
  saving,
  disabled,
  onNameChange,
  onSave,
}: {
  name: string;
  message: string | null;
  saving: boolean;
  disabled: boolean;
  onNameChange: (name: string) => void;
  onSave: () => void;
}) {
  return (
    <>
      <div className={styles.fieldRow}>
        <label className={styles.field}>
          Save this mapping as a profile
          <input
            className={styles.control}
            value={name}
            maxLength={100}
            onChange={(event) => onNameChange(event.target.value)}
            placeholder="e.g. SAP VBAP"
          />
        </label>
        <button
          type="button"
          className={styles.button}
          disabled={disabled || !name.trim()}
          onClick={onSave}
        >
          {saving ? 'Saving…' : 'Save as profile'}
        </button>
      </div>
      {message && (
        <Message tone="success" role="status">
          {message}
        </Message>
      )}
    </>
  );
}
