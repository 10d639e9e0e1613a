import { z } from 'zod';
import { config } from '@/lib/config';
import { listInboxFiles } from '@/lib/inbox/record';
import { readInboxSettings, setInboxFolder, setInboxNotify } from '@/lib/inbox/settings';
import { json, readJson, route } from '../respond';

/** GET /api/inbox: where the inbox is, who hears of failures, and the files it took lately. */
export const GET = route('upload', async (_request, _context, { db }) =>
  json({
    settings: await readInboxSettings(db),
    pollSeconds: config().inboxPollMs / 1000,
    files: await listInboxFiles(db),
  }),
);

const settingsBody = z
  .object({
    folder: z.string().max(1000).nullable().optional(),
    notify: z.array(z.string()).max(100).optional(),
  })
  .strict();

/** POST /api/inbox with { folder?, notify? }: set (or clear) the folder and the addresses. */
export const POST = route('settings', async (request, _context, { db, audit, identity }) => {
  const body = settingsBody.parse(await readJson(request));
  let settings = await readInboxSettings(db);
  if (body.folder !== undefined) {
    settings = await setInboxFolder(db, body.folder, identity.username);
    await audit({
      action: 'settings.inbox',
      outcome: 'ok',
      target: 'folder',
      detail: settings.folder ?? 'cleared',
    });
  }
  if (body.notify !== undefined) {
    settings = await setInboxNotify(db, body.notify, identity.username);
    await audit({
      action: 'settings.inbox',
      outcome: 'ok',
      target: 'notify',
      detail: settings.notify.join(', ') || 'nobody',
    });
  }
  return json({ settings });
});
