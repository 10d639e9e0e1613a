/** A boxed message with its icon: the text says it, the colour only repeats it. */
import type { ReactNode } from 'react';
import styles from '../data.module.css';

const icons = { info: 'i', error: '✗', success: '✓', warning: '!' } as const;

export function Message({
  tone,
  role,
  children,
}: {
  tone: keyof typeof icons;
  role?: 'status' | 'alert';
  children: ReactNode;
}) {
  return (
    <div className={`${styles.message} ${styles[tone]}`} role={role}>
      <span className={styles.icon} aria-hidden="true">
        {icons[tone]}
      </span>
      <p>{children}</p>
    </div>
  );
}
