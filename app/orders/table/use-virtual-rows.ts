import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT } from './columns';

/**
 * Rows virtualised in a fixed-height scroll container, with roving focus: one row is in the tab
 * order, and ↑ ↓ Page Up/Down Home End move it; Enter opens the row (`open`).
 */
export function useVirtualRows({
  count,
  keyOf,
  resetOn,
  open,
}: {
  count: number;
  keyOf: (index: number) => string | number;
  /** A new page of rows: scroll back to the top. */
  resetOn: unknown;
  open: (index: number) => void;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read in render on purpose
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The server has no scroll container: render the first screenful so the page arrives with rows.
    initialRect: { width: 1150, height: 600 },
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    getItemKey: keyOf,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start - HEADER_HEIGHT : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  const [active, setActive] = useState(0);
  const focusIndex = useRef<number | null>(null);
  const activeRow = Math.min(active, Math.max(count - 1, 0));
  useEffect(() => {
    if (focusIndex.current === null) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `tr[data-index="${focusIndex.current}"]`,
    );
    if (row) {
      row.focus({ preventScroll: true });
      focusIndex.current = null;
    }
  });
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetOn]);

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    focusIndex.current = next;
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const visibleRowCount = Math.max(1, Math.floor(480 / ROW_HEIGHT) - 1);
  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(activeRow + 1),
      ArrowUp: () => moveTo(activeRow - 1),
      PageDown: () => moveTo(activeRow + visibleRowCount),
      PageUp: () => moveTo(activeRow - visibleRowCount),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      Enter: () => open(activeRow),
    };
    const action = keys[event.key];
    if (action && !event.altKey && !event.metaKey && !event.ctrlKey) {
      event.preventDefault();
      action();
    }
  };

  return { scrollRef, items, padTop, padBottom, activeRow, setActive, onKeyDown };
}
