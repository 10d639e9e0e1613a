import 'server-only';
/**
 * orderlens calendar: the working calendar the working-day cycle times count on. `calendar` shows
 * it; `calendar set` changes the parts its flags name and keeps the rest, then the KPI facts are
 * rebuilt on it (lib/settings/working-calendar.ts).
 */
import {
  describeWorkingCalendar,
  parseWeekdays,
  readWorkingCalendar,
  setWorkingCalendar,
  type WorkingCalendar,
} from '@/lib/settings/working-calendar';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

const NONE = 'none';

export async function calendarCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    weekdays: { type: 'string' },
    holidays: { type: 'string' },
    cutoff: { type: 'string' },
    site: { type: 'string' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const action = positionals[0] ?? 'show';
  if (action !== 'show' && action !== 'set')
    throw new UsageError(`calendar ${action}: use "calendar" or "calendar set".`);
  const db = await openCliDatabase(
    values.db as string | undefined,
    action === 'set' ? 'inputs' : 'view',
  );
  let calendar = await readWorkingCalendar(db);
  if (action === 'set') {
    calendar = await setWorkingCalendar(db, changed(calendar, values));
    await auditCli(db, {
      action: 'settings.calendar',
      outcome: 'ok',
      detail: describeWorkingCalendar(calendar),
    });
  }
  io.out(
    values.json
      ? JSON.stringify({ calendar, text: describeWorkingCalendar(calendar) })
      : shown(calendar),
  );
  return 0;
}

/** The calendar with the parts the flags name replaced. */
function changed(
  calendar: WorkingCalendar,
  values: Record<string, string | boolean | undefined>,
): WorkingCalendar {
  const [weekdays, holidays, cutoff, site] = ['weekdays', 'holidays', 'cutoff', 'site'].map(
    (flag) => values[flag] as string | undefined,
  );
  if (weekdays === undefined && holidays === undefined && cutoff === undefined)
    throw new UsageError('calendar set: give --weekdays, --holidays or --cutoff.');
  if (site !== undefined && cutoff === undefined)
    throw new UsageError('--site names whose cut-off --cutoff sets: give both.');
  const next = { ...calendar, sites: { ...calendar.sites } };
  if (weekdays !== undefined) {
    try {
      next.weekdays = parseWeekdays(weekdays);
    } catch (error) {
      throw new UsageError(`--weekdays: ${(error as Error).message}.`);
    }
  }
  if (holidays !== undefined)
    next.holidays = holidays === NONE ? [] : holidays.split(',').filter((d) => d.trim());
  if (cutoff !== undefined) {
    const value = cutoff === NONE ? null : cutoff;
    if (site === undefined) next.cutoff = value;
    else if (value === null) delete next.sites[site.trim()];
    else next.sites[site.trim()] = value;
  }
  return next;
}

function shown(calendar: WorkingCalendar): string {
  const sites = Object.entries(calendar.sites);
  return [
    `Working calendar: ${describeWorkingCalendar(calendar)}`,
    `Holidays: ${calendar.holidays.join(', ') || 'none'}`,
    `Cut-off: ${calendar.cutoff ?? 'none'}${sites.length ? `; ${sites.map(([s, c]) => `${s} ${c}`).join(', ')}` : ''}`,
  ].join('\n');
}
