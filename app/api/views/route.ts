import { listViews, saveView } from '@/lib/views/saved-views';
import { parseViewQuery } from '@/app/ui/views/view-query';
import { json, readJson, route } from '../respond';

/** GET /api/views: the signed-in user's saved views. */
export const GET = route('view', async (_request, _context, { db, identity }) =>
  json({ views: await listViews(db, identity.username) }),
);

/** POST /api/views with { name, path, query }: saved for the signed-in user (a same name is replaced). */
export const POST = route('view', async (request, _context, { db, audit, identity }) => {
  const view = await saveView(db, identity.username, await readJson(request), parseViewQuery);
  await audit({ action: 'views.save', outcome: 'ok', target: view.name, detail: view.href });
  return json({ view }, { status: 201 });
});
