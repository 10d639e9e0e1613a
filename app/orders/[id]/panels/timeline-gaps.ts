import type { TimelineEvent } from '@/lib/orders/timeline';
import { duration } from '../format';

/**
 * The duration shown above each step that happened: from the previous step that happened, named
 * when a due date sits between them (so it does not read as time since the due date).
 */
export function gapsOf(events: TimelineEvent[]): (string | undefined)[] {
  const gaps: (string | undefined)[] = [];
  let previous: TimelineEvent | undefined;
  let dueBetween = false;
  for (const event of events) {
    let gap: string | undefined;
    if (!event.planned && event.hoursSincePrevious !== null && previous) {
      const name = `“${previous.label}”`;
      gap =
        event.hoursSincePrevious === 0
          ? `at the same time${dueBetween ? ` as ${name}` : ''}`
          : `${duration(event.hoursSincePrevious)}${dueBetween ? ` after ${name}` : ' later'}`;
    }
    gaps.push(gap);
    if (event.planned) dueBetween = true;
    else {
      previous = event;
      dueBetween = false;
    }
  }
  return gaps;
}
