import type { ReactNode } from 'react';
import styles from '../order.module.css';

/** A table of the order's rows: a caption for screen readers, headers (numeric ones right-aligned). */
export function DetailTable({
  caption,
  headers,
  children,
}: {
  caption: string;
  headers: ([string] | [string, true])[];
  children: ReactNode;
}) {
  return (
    <div className={styles.tableWrap}>
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {headers.map(([label, numeric]) => (
              <th key={label} scope="col" className={numeric ? 'num' : undefined}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
