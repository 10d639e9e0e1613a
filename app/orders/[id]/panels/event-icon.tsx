import type { ReactNode } from 'react';
import type { TimelineKind } from '@/lib/orders/timeline';

const iconPaths: Record<TimelineKind, ReactNode> = {
  placed: <path d="M4 3h8v10H4zM6 6h4M6 8.5h4M6 11h2" />,
  entered: <path d="M3 12.5V10l6.5-6.5 2.5 2.5L5.5 12.5zM8.5 4.5l2.5 2.5" />,
  released: <path d="M3 8h8m0 0L8 5m3 3-3 3M13 3v10" />,
  promised_ship: <path d="M4 14V2.5m0 .5h7l-1.5 2.5L11 8H4" />,
  promised_delivery: <path d="M4 14V2.5m0 .5h7l-1.5 2.5L11 8H4" />,
  requested_delivery: <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM8 5v3l2 1.5" />,
  shipped: (
    <path d="M1.5 4.5h8v6h-8zM9.5 7h3l2 2v1.5h-5M4 12.5a1 1 0 1 0 0-.1M12 12.5a1 1 0 1 0 0-.1" />
  ),
  delivered: <path d="M2.5 5 8 2.5 13.5 5v6L8 13.5 2.5 11zM2.5 5 8 7.5 13.5 5M8 7.5v6" />,
  returned: <path d="M6 4 3 7l3 3M3 7h6.5a3.5 3.5 0 0 1 0 7H7" />,
  credited: (
    <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM10 6H7.2a1 1 0 0 0 0 2h1.6a1 1 0 0 1 0 2H6M8 4.8v1.2m0 4v1.2" />
  ),
  cancelled: <path d="M8 2.5a5.5 5.5 0 1 1 0 11 5.5 5.5 0 0 1 0-11zM6 6l4 4m0-4-4 4" />,
};

/** A timeline step's icon (decorative: the step's label says what it is). */
export function EventIcon({ kind }: { kind: TimelineKind }) {
  return (
    <svg
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
    >
      {iconPaths[kind]}
    </svg>
  );
}
