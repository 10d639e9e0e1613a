import type { ReactNode } from 'react';

/** One column of a chart's data table. */
export interface ChartColumn<Row> {
  /** The column's heading. */
  header: ReactNode;
  /** What a row shows in this column. */
  cell: (row: Row) => ReactNode;
  /** A number: right-aligned, with tabular figures. */
  numeric?: boolean;
}

/** The numbers of a chart as a table: its text alternative, row by row. */
export interface ChartTableSpec<Row> {
  /** What the table lists, e.g. "Returns by reason, most frequent first". */
  caption: ReactNode;
  rows: readonly Row[];
  /** The React key of a row. */
  rowKey: (row: Row) => string | number;
  /** The first column, which names each row (its row header). */
  rowHeader: Omit<ChartColumn<Row>, 'numeric'>;
  /** The columns after it; false or null leaves one out (no target column without a target). */
  columns: readonly (ChartColumn<Row> | false | null | undefined)[];
}

export function ChartTable<Row>({
  caption,
  rows,
  rowKey,
  rowHeader,
  columns,
}: ChartTableSpec<Row>) {
  const shown = columns.filter((c): c is ChartColumn<Row> => !!c);
  const num = (c: ChartColumn<Row>) => (c.numeric ? 'num' : undefined);
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{rowHeader.header}</th>
          {shown.map((c, i) => (
            <th key={i} scope="col" className={num(c)}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)}>
            <th scope="row" className="row-head">
              {rowHeader.cell(row)}
            </th>
            {shown.map((c, i) => (
              <td key={i} className={num(c)}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
