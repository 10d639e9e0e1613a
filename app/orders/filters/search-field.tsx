import { useId } from 'react';
import bar from '../../ui/scorecard.module.css';
import table from '../orders.module.css';
import styles from './filters.module.css';

/** Search by order or customer id, applied by its button or Enter. */
export function SearchField({
  defaultValue,
  disabled,
  describedBy,
}: {
  defaultValue: string | undefined;
  disabled: boolean;
  describedBy: string | undefined;
}) {
  const id = useId();
  return (
    <div className={bar.field}>
      <label htmlFor={id}>Search</label>
      <div className={styles.searchBox}>
        <input
          id={id}
          name="search"
          type="search"
          className={`${bar.control} ${styles.searchInput}`}
          defaultValue={defaultValue ?? ''}
          placeholder="Order or customer id"
          disabled={disabled}
          aria-describedby={describedBy}
        />
        <button type="submit" className={table.button}>
          Search
        </button>
      </div>
    </div>
  );
}
