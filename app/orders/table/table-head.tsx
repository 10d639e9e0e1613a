import { useMetaOf } from './column-meta';
import styles from '../orders.module.css';
import type { OrdersTableInstance } from './columns';

/** The column headings: each a button that sorts by it (on the server), with its sort state. */
export function TableHead({
  table,
  kpiName,
}: {
  table: OrdersTableInstance;
  /** The KPI of a drill-through: its value column's title names it. */
  kpiName: string | undefined;
}) {
  const metaOf = useMetaOf();
  return (
    <thead>
      {table.getHeaderGroups().map((group) => (
        <tr key={group.id} aria-rowindex={1}>
          {group.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            const meta = metaOf(header.column.id);
            const numeric = ['number', 'hours'].includes(meta.type);
            return (
              <th
                key={header.id}
                scope="col"
                aria-sort={
                  sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'
                }
                className={numeric ? styles.num : undefined}
                title={
                  header.column.id === 'value' && kpiName
                    ? `${kpiName}: this row's value`
                    : meta.description
                }
              >
                <button
                  type="button"
                  className={styles.sortButton}
                  onClick={header.column.getToggleSortingHandler()}
                >
                  <span className={styles.headerLabel}>
                    {header.isPlaceholder ? null : <table.FlexRender header={header} />}
                  </span>
                  <span className={styles.sortIcon} aria-hidden="true">
                    {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                  </span>
                </button>
              </th>
            );
          })}
        </tr>
      ))}
    </thead>
  );
}
