import {
  describeWorkingCalendar,
  readWorkingCalendar,
  setWorkingCalendar,
  type WorkingCalendar,
} from '@/lib/settings/working-calendar';
import { json, readJson, route } from '../../respond';

/** The calendar and its summary in words ("Mon–Fri, 3 holidays, cut-off 14:00 at DC-North"). */
const calendarView = (calendar: WorkingCalendar) => ({
  calendar,
  text: describeWorkingCalendar(calendar),
});

/** GET /api/settings/calendar: { calendar: { weekdays, holidays, cutoff, sites }, text }. */
export const GET = route('view', async (_request, _context, { db }) =>
  json(calendarView(await readWorkingCalendar(db))),
);

/**
 * POST /api/settings/calendar with { weekdays, holidays?, cutoff?, sites? }: replaces the working
 * calendar whole; the working-day KPIs are recomputed on it before the answer. Answers like GET.
 */
export const POST = route('inputs', async (request, _context, { db, audit, identity }) => {
  const calendar = await setWorkingCalendar(db, await readJson(request), identity.username);
  const view = calendarView(calendar);
  await audit({ action: 'settings.calendar', outcome: 'ok', detail: view.text });
  return json(view);
});
