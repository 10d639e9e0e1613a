import type { TimelineEvent } from '@/lib/orders/timeline';
import { when } from '../format';
import styles from '../order.module.css';
import { EventIcon } from './event-icon';
import { Panel } from './panel';
import { gapsOf } from './timeline-gaps';

/** What happened to the order, in order, with the time each step took, and its due dates. */
export function TimelinePanel({ events }: { events: TimelineEvent[] }) {
  return (
    <Panel id="timeline-heading" title="Timeline">
      <p className={styles.sectionNote}>
        What happened, in order, with the time each step took. Promised and requested dates are
        shown where they fall, dashed.
      </p>
      <Timeline events={events} />
    </Panel>
  );
}

function Timeline({ events }: { events: TimelineEvent[] }) {
  if (!events.length) return <p className="empty">No dated events.</p>;
  const gaps = gapsOf(events);
  return (
    <ol className={styles.timeline}>
      {events.map((event, i) => (
        <li
          key={`${event.kind}-${event.at}-${i}`}
          className={`${styles.event} ${event.planned ? styles.planned : ''} ${styles[`kind_${event.kind}`] ?? ''}`}
        >
          {gaps[i] && <div className={styles.gap}>{gaps[i]}</div>}
          <div className={styles.eventRow}>
            <span className={styles.icon} aria-hidden="true">
              <EventIcon kind={event.kind} />
            </span>
            <div className={styles.eventBody}>
              <div className={styles.eventHead}>
                <span className={styles.eventLabel}>{event.label}</span>
                {event.planned && <span className={styles.plannedTag}>Due date</span>}
                {event.daysLate !== undefined && (
                  <span className={styles.late}>
                    <span aria-hidden="true">⚠ </span>
                    {event.daysLate} day{event.daysLate === 1 ? '' : 's'} after the promised date
                  </span>
                )}
              </div>
              <time dateTime={event.at} className={styles.eventTime}>
                {when(event.at)}
              </time>
              {event.detail && <div className={styles.eventDetail}>{event.detail}</div>}
            </div>
          </div>
        </li>
      ))}
    </ol>
  );
}
