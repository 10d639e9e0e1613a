/**
 * The explorer's "all rows" view: the rows of the whole view, fetched as Arrow IPC ranges of 50,000
 * rows (GET /api/orders/arrow) as the grid scrolls to them, kept as Arrow columns; only the rows in
 * view become row objects, when the grid draws them. A few ranges stay in memory, the farthest from
 * view are dropped. Framework-free, so the table's hook (use-arrow-rows.ts) and the tests share it.
 */
import type { Table } from 'apache-arrow';
import {
  ARROW_CONTENT_TYPE,
  arrowMetadataKeys,
  ordersSearchString,
  type ParsedOrdersQuery,
} from '@/lib/orders/query';
import type { Row } from '../types';

/** Rows a request fetches. */
export const RANGE_ROWS = 50_000;
/**
 * Rows the grid scrolls through at once (9.25 million pixels at 37 px a row): browsers cap an
 * element's height (Firefox near 17.9 million pixels), so a longer view is shown in blocks.
 */
export const BLOCK_ROWS = 250_000;
/** Ranges kept in memory (300,000 rows of the columns shown). */
export const KEEP_RANGES = 6;
/** Rows beyond those in view whose range is fetched ahead, so scrolling on finds them loaded. */
export const LOOKAHEAD_ROWS = 2_000;

/** The URL of the view's rows with these columns (the sort and filters of `query`), but the range. */
export function viewUrl(query: ParsedOrdersQuery, columns: readonly string[]): string {
  const view = ordersSearchString({
    ...query,
    page: undefined,
    pageSize: undefined,
    allRows: undefined,
  });
  const picked = `columns=${columns.map(encodeURIComponent).join(',')}`;
  return `/api/orders/arrow${view}${view ? '&' : '?'}${picked}`;
}

/** The URL of `limit` rows of a view from `offset`. */
export const rangeUrl = (view: string, offset: number, limit = RANGE_ROWS) =>
  `${view}&offset=${offset}&limit=${limit}`;

/** The ranges holding rows first…last (view row numbers from 0), nearest first. */
export function rangesOf(first: number, last: number): number[] {
  const from = Math.floor(Math.max(0, first) / RANGE_ROWS);
  const to = Math.floor(Math.max(0, last) / RANGE_ROWS);
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

/** One fetched range: its rows as Arrow columns, read into a row object on demand. */
export interface RowRange {
  /** The view's row number of its first row. */
  offset: number;
  length: number;
  /** Rows in the whole view when it was read. */
  total: number;
  row(index: number): Row;
}

type ArrowModule = Pick<typeof import('apache-arrow'), 'tableFromIPC' | 'DataType'>;

/**
 * A range from its IPC bytes. A row object is made only when asked for, its times as the ISO text
 * the JSON pages carry (what the grid's cells print).
 */
export function rowRangeOf(arrow: ArrowModule, bytes: Uint8Array): RowRange {
  const table: Table = arrow.tableFromIPC(bytes);
  const metadata = table.schema.metadata;
  const readers = table.schema.fields.map((field) => {
    const column = table.getChild(field.name)!;
    const time = arrow.DataType.isTimestamp(field.type);
    return [field.name, time, column] as const;
  });
  return {
    offset: Number(metadata.get(arrowMetadataKeys.offset) ?? 0),
    length: table.numRows,
    total: Number(metadata.get(arrowMetadataKeys.total) ?? table.numRows),
    row(index) {
      const row: Row = {};
      for (const [name, time, column] of readers) {
        const value: unknown = column.get(index);
        row[name] =
          value === null || value === undefined
            ? null
            : time
              ? new Date(value as number).toISOString()
              : value;
      }
      return row;
    },
  };
}

export type FetchRange = (url: string, signal: AbortSignal) => Promise<RowRange>;

/** GET a range; a refusal's JSON message becomes the error's message. */
export const fetchRange: FetchRange = async (url, signal) => {
  const response = await fetch(url, { signal, headers: { accept: ARROW_CONTENT_TYPE } });
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as { message?: string } | undefined;
    throw new Error(body?.message ?? `the server answered ${response.status}`);
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Loaded only when the view is first used: the paged explorer does not carry Arrow's code.
  return rowRangeOf(await import('apache-arrow'), bytes);
};

export interface RowsStatus {
  /** First and last view row number (from 0) of each range being fetched. */
  loading: [number, number][];
  /** The first range that could not be fetched, with why. */
  failed?: { first: number; last: number; message: string };
}

/**
 * The fetched ranges of one view (one URL but for the range) with one choice of columns. show()
 * is told which rows are in view; subscribers hear of every range loaded, dropped or failed.
 */
export class ArrowRowStore {
  private ranges = new Map<number, RowRange>();
  private loads = new Map<number, AbortController>();
  private failures = new Map<number, string>();
  private listeners = new Set<() => void>();
  private version = 0;
  private shown?: [number, number];
  /** Rows in the view, as the last range read said; undefined until one is read. */
  total: number | undefined;

  constructor(
    private readonly urlOf: (offset: number) => string,
    private readonly fetch: FetchRange = fetchRange,
  ) {}

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Changes with every load, drop or failure (the React snapshot). */
  getVersion = () => this.version;

  /** Rows first…last are in view: fetch their ranges, stop fetching others, drop far ones. */
  show(first: number, last: number): void {
    this.shown = [first, last];
    const wanted = this.wanted();
    let changed = false;
    for (const [index, load] of this.loads)
      if (!wanted.includes(index)) {
        load.abort();
        this.loads.delete(index);
        changed = true;
      }
    for (const index of wanted)
      if (!this.ranges.has(index) && !this.loads.has(index) && !this.failures.has(index)) {
        void this.load(index);
        changed = true;
      }
    if (this.dropFarFrom(wanted)) changed = true;
    if (changed) this.changed();
  }

  /** Forget the failures and fetch again what is in view. */
  retry(): void {
    this.failures.clear();
    this.changed();
    if (this.shown) this.show(...this.shown);
  }

  /** The row at a view row number, if its range is loaded. */
  rowAt(index: number): Row | undefined {
    const range = this.ranges.get(Math.floor(index / RANGE_ROWS));
    const at = range ? index - range.offset : -1;
    return range && at >= 0 && at < range.length ? range.row(at) : undefined;
  }

  /** What is being fetched and what failed, in view row numbers (none past `total`). */
  status(total: number): RowsStatus {
    const span = (index: number): [number, number] => [
      index * RANGE_ROWS,
      Math.max(index * RANGE_ROWS, Math.min((index + 1) * RANGE_ROWS, total) - 1),
    ];
    const failed = [...this.failures].sort(([a], [b]) => a - b)[0];
    return {
      loading: [...this.loads.keys()].sort((a, b) => a - b).map(span),
      failed: failed && {
        first: span(failed[0])[0],
        last: span(failed[0])[1],
        message: failed[1],
      },
    };
  }

  /** Stop every fetch (the view or the columns changed, or the grid left); show() starts anew. */
  stop(): void {
    for (const load of this.loads.values()) load.abort();
    this.loads.clear();
  }

  private async load(index: number) {
    const controller = new AbortController();
    this.loads.set(index, controller);
    try {
      const range = await this.fetch(this.urlOf(index * RANGE_ROWS), controller.signal);
      if (controller.signal.aborted) return;
      this.ranges.set(index, range);
      this.total = range.total;
      this.dropFarFrom(this.wanted());
    } catch (error) {
      if (!controller.signal.aborted)
        this.failures.set(index, error instanceof Error ? error.message : String(error));
    } finally {
      if (this.loads.get(index) === controller) this.loads.delete(index);
      if (!controller.signal.aborted) this.changed();
    }
  }

  /** The ranges of the rows last in view, and of those just beyond. */
  private wanted(): number[] {
    if (!this.shown) return [];
    const [first, last] = this.shown;
    return rangesOf(first - LOOKAHEAD_ROWS, last + LOOKAHEAD_ROWS);
  }

  /** Drop the loaded ranges farthest from those wanted, beyond KEEP_RANGES. */
  private dropFarFrom(wanted: number[]): boolean {
    if (this.ranges.size <= KEEP_RANGES) return false;
    const centre = wanted.length ? (wanted[0]! + wanted.at(-1)!) / 2 : 0;
    const far = [...this.ranges.keys()]
      .filter((index) => !wanted.includes(index))
      .sort((a, b) => Math.abs(b - centre) - Math.abs(a - centre));
    for (const index of far.slice(0, this.ranges.size - KEEP_RANGES)) this.ranges.delete(index);
    return true;
  }

  private changed() {
    this.version++;
    for (const listener of this.listeners) listener();
  }
}

/** The rows of one block of a long view: first and count (view row numbers from 0). */
export function blockOf(total: number, block: number): { first: number; count: number } {
  const first = Math.min(block, Math.max(0, Math.ceil(total / BLOCK_ROWS) - 1)) * BLOCK_ROWS;
  return { first, count: Math.max(0, Math.min(BLOCK_ROWS, total - first)) };
}
