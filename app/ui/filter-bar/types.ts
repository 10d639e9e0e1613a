/** The shapes the one filter bar is configured with (app/ui/filter-bar/filter-bar.tsx). */

export interface DimensionOption {
  value: string;
  /** Orders placed with this value, when known. */
  orders: number | null;
}

/** One dimension the bar filters by: a URL key and its values. */
export interface DimensionFilter {
  /** The URL key and form field name, e.g. 'ship_mode'. */
  name: string;
  label: string;
  /** The values offered, most orders first. */
  options: DimensionOption[];
  /** Distinct values in the data, when the options are only the largest of them. */
  distinct?: number;
  /** Where the rest of the values are, when `options` holds only the largest few. */
  source?: string;
  selected: string[];
  onChange: (values: string[]) => void;
}

/** The from and to dates (YYYY-MM-DD) of the bar. */
export interface DateRange {
  from: string | undefined;
  to: string | undefined;
  /** Default "From" and "To". */
  labels?: { from: string; to: string };
  /** First and last day the data holds: the bounds of the date pickers. */
  span?: { first: string | null; last: string | null };
  /** Wait this long after a keystroke before applying a typed date (default 800 ms). */
  commitDelay?: number;
  onCommit: (key: 'from' | 'to', value: string) => void;
}
