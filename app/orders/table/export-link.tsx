import styles from '../orders.module.css';
import { DownloadIcon } from './icons';

/** Download the whole view (every page, the columns shown) as CSV. */
export function ExportLink({ href }: { href: string }) {
  return (
    <a className={styles.button} href={href} download="orders.csv">
      <DownloadIcon /> Download CSV of this view
    </a>
  );
}
