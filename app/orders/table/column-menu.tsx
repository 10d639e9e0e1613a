import { useEffect, useId, useRef, useState } from 'react';
import { useMetaOf } from './column-meta';
import styles from '../orders.module.css';
import { ColumnsIcon } from './icons';

/** A button that opens the column choice: a checkbox per column (the id cannot be hidden). */
export function ColumnMenu({
  columns,
  visible,
  onToggle,
  onReset,
  labelOf,
}: {
  columns: string[];
  visible: string[];
  onToggle: (id: string, on: boolean) => void;
  onReset: () => void;
  labelOf: (id: string) => string;
}) {
  const [open, setOpen] = useState(false);
  const metaOf = useMetaOf();
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    root.current?.querySelector<HTMLInputElement>('input:not(:disabled)')?.focus();
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div
      className={styles.menuRoot}
      ref={root}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        className={styles.button}
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        <ColumnsIcon /> Columns{' '}
        <span className={styles.badge}>
          {visible.length}/{columns.length}
        </span>
      </button>
      {open && (
        <div id={`${id}-menu`} className={styles.menu}>
          <fieldset>
            <legend>Show columns</legend>
            <div className={styles.menuList}>
              {columns.map((c) => {
                const locked = c === 'order_id' || c === 'return_id';
                const description = metaOf(c).description;
                return (
                  <label key={c} className={styles.menuItem} title={description}>
                    <input
                      type="checkbox"
                      checked={visible.includes(c)}
                      disabled={locked}
                      onChange={(e) => onToggle(c, e.target.checked)}
                    />
                    <span>{labelOf(c)}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
          <div className={styles.menuFooter}>
            <button type="button" className={styles.linkButton} onClick={onReset}>
              Reset to default
            </button>
            <button
              type="button"
              className={styles.linkButton}
              onClick={() => {
                setOpen(false);
                button.current?.focus();
              }}
            >
              Done
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
