import { z } from 'zod';
import { OrderlensError } from '@/lib/errors';
import {
  logoChangeText,
  MAX_LOGO_BYTES,
  organisationChangeText,
  readBranding,
  setLogo,
  setOrganisation,
  type Branding,
} from '@/lib/settings/branding';
import { json, readBytes, readJson, route, type Access } from '../../respond';

/** What the page and API clients see: never the logo's bytes (GET …/branding/logo has them). */
const brandingView = (b: Branding) => ({
  organisation: b.organisation,
  defaultName: b.defaultName,
  hasLogo: b.logo !== null,
});

/** GET /api/settings/branding: { organisation, defaultName, hasLogo }. Every report prints it. */
export const GET = route('view', async (_request, _context, { db }) =>
  json(brandingView(await readBranding(db))),
);

/**
 * Every change is audited with what the reports now print, and answered like GET. The name and
 * the logo are separate targets: the audit log says which one was changed.
 */
async function changed(
  { db, audit }: Pick<Access, 'db' | 'audit'>,
  target: 'organisation' | 'logo',
): Promise<Response> {
  const branding = await readBranding(db);
  const detail =
    target === 'organisation' ? organisationChangeText(branding) : logoChangeText(branding);
  await audit({ action: 'settings.branding', outcome: 'ok', target, detail });
  return json(brandingView(branding));
}

const organisationBody = z.object({ organisation: z.string() }).strict();

/** PUT /api/settings/branding with { organisation }: an empty name goes back to "Orderlens". */
export const PUT = route('settings', async (request, _context, access) => {
  const { organisation } = organisationBody.parse(await readJson(request));
  await setOrganisation(access.db, organisation, access.identity.username);
  return changed(access, 'organisation');
});

/** Room for a multipart envelope around a logo of the largest size kept. */
const MULTIPART_ROOM = 16 * 1024;

class LogoTooLargeError extends OrderlensError {
  constructor() {
    super(
      `The logo is larger than ${MAX_LOGO_BYTES / 1024} KB, the most that is kept.`,
      'body_too_large',
    );
  }
}

/**
 * POST /api/settings/branding: the logo, PNG or JPEG of at most 512 KB, as the raw body or as the
 * `logo` field of a multipart form. Answers like GET.
 */
export const POST = route('settings', async (request, _context, access) => {
  const type = request.headers.get('content-type') ?? '';
  const multipart = type.startsWith('multipart/form-data');
  const limit = MAX_LOGO_BYTES + (multipart ? MULTIPART_ROOM : 0);
  // The logo's own limit is the one to name, not the envelope's room around it.
  const body = await readBytes(request, limit, () => new LogoTooLargeError());
  const logo = multipart ? await logoField(body, type) : body;
  if (!logo.length)
    throw new OrderlensError('Send the logo: a PNG or JPEG file.', 'invalid_setting');
  await setLogo(access.db, logo, access.identity.username);
  return changed(access, 'logo');
});

/** DELETE /api/settings/branding: remove the logo (the name stays). Answers like GET. */
export const DELETE = route('settings', async (_request, _context, access) => {
  await setLogo(access.db, null, access.identity.username);
  return changed(access, 'logo');
});

/** The `logo` file of a multipart body already read within its limit. */
async function logoField(body: Buffer, contentType: string): Promise<Buffer> {
  const form = await new Response(new Uint8Array(body), {
    headers: { 'content-type': contentType },
  })
    .formData()
    .catch(() => {
      throw new OrderlensError(
        'The form could not be read: send the logo again.',
        'invalid_setting',
      );
    });
  const file = form.get('logo');
  if (!(file instanceof Blob))
    throw new OrderlensError(
      'The form has no `logo` file: choose a PNG or JPEG.',
      'invalid_setting',
    );
  return Buffer.from(await file.arrayBuffer());
}
