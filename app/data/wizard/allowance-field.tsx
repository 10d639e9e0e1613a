/** "Rows that may be left out": a number or a percentage; by default none. */
import styles from '../data.module.css';

export function AllowanceField({
  value,
  valid,
  onChange,
}: {
  value: string;
  valid: boolean;
  onChange: (value: string) => void;
}) {
  return (
    <div className={styles.fieldRow}>
      <label className={styles.field}>
        Rows that may be left out
        <input
          className={styles.control}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="none"
          size={10}
          aria-invalid={!valid || undefined}
          aria-describedby="allowance-hint"
        />
      </label>
      <p className={styles.hint} id="allowance-hint">
        {valid
          ? 'A number or a percentage such as 0.5%. By default one failing row refuses the whole file.'
          : 'Write a whole number (e.g. 10) or a percentage (e.g. 0.5%).'}
      </p>
    </div>
  );
}
