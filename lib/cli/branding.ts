import 'server-only';
/** orderlens branding: the organisation's name and logo printed on every export. */
import { readFile } from 'node:fs/promises';
import {
  logoChangeText,
  organisationChangeText,
  readBranding,
  setLogo,
  setOrganisation,
} from '@/lib/settings/branding';
import { parse, UsageError, type Io } from './args';
import { auditCli, openCliDatabase } from './db';

export async function brandingCommand(args: string[], io: Io): Promise<number> {
  const { values } = parse(args, {
    org: { type: 'string' },
    logo: { type: 'string' },
    'no-logo': { type: 'boolean' },
    db: { type: 'string' },
    json: { type: 'boolean' },
  });
  const org = values.org as string | undefined;
  const logo = values.logo as string | undefined;
  if (logo && values['no-logo']) throw new UsageError('--logo FILE or --no-logo, not both.');
  const changes = org !== undefined || logo !== undefined || values['no-logo'] === true;
  const db = await openCliDatabase(
    values.db as string | undefined,
    changes ? 'settings' : 'view',
    // The logo is the one file the command reads.
    logo ? { paths: [logo] } : undefined,
  );
  if (org !== undefined) {
    await setOrganisation(db, org);
    const detail = organisationChangeText(await readBranding(db));
    await auditCli(db, {
      action: 'settings.branding',
      outcome: 'ok',
      target: 'organisation',
      detail,
    });
  }
  if (logo !== undefined || values['no-logo']) {
    await setLogo(db, logo ? await readFile(logo) : null);
    const detail = logoChangeText(await readBranding(db));
    await auditCli(db, { action: 'settings.branding', outcome: 'ok', target: 'logo', detail });
  }
  const branding = await readBranding(db);
  const shown = {
    organisation: branding.organisation,
    defaultName: branding.defaultName,
    logo: branding.logo ? `${branding.logo.type}, ${branding.logo.data.length} bytes` : null,
  };
  if (values.json) io.out(JSON.stringify(shown));
  else
    io.out(
      `Organisation: ${shown.organisation}${shown.defaultName ? ' (the default: set it with --org)' : ''}\nLogo: ${shown.logo ?? 'none'}`,
    );
  return 0;
}
