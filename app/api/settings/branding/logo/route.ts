import { OrderlensError } from '@/lib/errors';
import { readBranding } from '@/lib/settings/branding';
import { route } from '../../../respond';

/** GET /api/settings/branding/logo: the organisation's logo as kept, for the report preview. */
export const GET = route('view', async (_request, _context, { db }) => {
  const { logo } = await readBranding(db);
  if (!logo) throw new OrderlensError('No logo is set.', 'not_found');
  return new Response(new Uint8Array(logo.data), {
    headers: {
      'Content-Type': `image/${logo.type}`,
      // Replaced or removed at any time: never served from a cache.
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
