import { deliveryContext } from '@/lib/delivery/context';
import { workDir } from '@/lib/ingest/read/uploads';
import { checkInbox } from '@/lib/inbox/service';
import { json, route } from '../../respond';

/** POST /api/inbox/check: one pass over the inbox now; the files it took and those still arriving. */
export const POST = route('upload', async (_request, _context, { db, audit }) => {
  const pass = await checkInbox(db, {
    workDir: await workDir(),
    delivery: deliveryContext(db, { audit }),
  });
  return json({ files: pass.files, waiting: pass.waiting });
});
