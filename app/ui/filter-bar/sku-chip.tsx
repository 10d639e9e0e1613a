import styles from '../scorecard.module.css';

/** The SKU filter, which only a URL sets (the bar offers no SKU list): a chip that removes it. */
export function SkuChip({ skus, onRemove }: { skus: string[]; onRemove: () => void }) {
  return (
    <button
      type="button"
      className={`${styles.chip} ${styles.chipActive}`}
      onClick={onRemove}
      aria-label={`Remove the SKU filter (${skus.join(', ')})`}
    >
      <span className={styles.chipLabel}>SKU</span>
      <span className={styles.chipValue}>{skus.join(', ')}</span>
      <span aria-hidden="true">✕</span>
    </button>
  );
}
