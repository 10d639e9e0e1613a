/** The working calendar section: what is in force, and the form to change it. */
import Link from 'next/link';
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import { describeWorkingCalendar, type WorkingCalendar } from '@/lib/settings/working-calendar';
import { RoleNote } from '../ui/role-note';
import { CalendarForm } from './forms/calendar-form';
import styles from './benchmarks.module.css';

export function CalendarPanel({
  calendar,
  identity,
}: {
  calendar: WorkingCalendar;
  identity: Identity;
}) {
  return (
    <section id="calendar" aria-labelledby="calendar-heading" className="panel">
      <h2 id="calendar-heading">Working calendar</h2>
      <p className={styles.help}>
        The working-day cycle times count on it: only working weekdays that are not holidays, and an
        order placed after its site&rsquo;s cut-off counts from the next working day. The
        calendar-hour figures do not change with it. See them on the{' '}
        <Link href="/cycle-time">cycle time</Link> page.
      </p>
      <p>
        In force:{' '}
        <strong data-testid="calendar-in-force">{describeWorkingCalendar(calendar)}</strong>
        {calendar.holidays.length > 0 && (
          <span className={styles.muted}> ({calendar.holidays.join(', ')})</span>
        )}
      </p>
      {can(identity.role, 'inputs') ? (
        <>
          <h3 className={styles.formHeading}>Change the calendar</h3>
          <CalendarForm calendar={calendar} />
        </>
      ) : (
        <RoleNote identity={identity} permission="inputs" />
      )}
    </section>
  );
}
