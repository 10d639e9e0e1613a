/**
 * Deny by default, checked statically: every HTTP method exported by every route handler was made
 * by route() with the permission this table expects. A new route without a row here fails.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { freshServerData } from '@/test/server-env';
import { describe, expect, it } from 'vitest';

freshServerData('orderlens-access-');

const EXPECTED: Record<string, string> = {
  'GET /api/alerts': 'view',
  'GET /api/annotations': 'view',
  'POST /api/annotations': 'annotate',
  'DELETE /api/annotations/[id]': 'annotate',
  'POST /api/alerts': 'targets',
  'POST /api/alerts/[id]/acknowledge': 'view',
  'POST /api/alerts/check': 'targets',
  'DELETE /api/alerts/rules/[id]': 'targets',
  'GET /api/audit': 'audit',
  'POST /api/auth/signin': 'public',
  'POST /api/auth/signout': 'public',
  'GET /api/bands': 'view',
  'POST /api/bands': 'bands',
  'DELETE /api/bands/[id]': 'bands',
  'DELETE /api/demo': 'undo',
  'GET /api/dimensions/[name]': 'view',
  'GET /api/inputs': 'view',
  'POST /api/inputs': 'inputs',
  'DELETE /api/inputs': 'inputs',
  'GET /api/kpis': 'view',
  'GET /api/kpis/[id]': 'view',
  'GET /api/kpis/[id]/explain': 'view',
  'GET /api/kpis/[id]/orders': 'drill',
  'GET /api/loads': 'view',
  'POST /api/loads/[id]/undo': 'undo',
  'GET /api/orders': 'drill',
  'GET /api/orders/arrow': 'drill',
  'GET /api/orders/export': 'export',
  'GET /api/profiles': 'view',
  'POST /api/profiles': 'mappings',
  'DELETE /api/profiles': 'mappings',
  'GET /api/profiles/[name]': 'view',
  'GET /api/reconciliation': 'view',
  'GET /api/returns/backlog': 'view',
  'GET /api/reports': 'export',
  'GET /api/subscriptions': 'export',
  'POST /api/subscriptions': 'export',
  'DELETE /api/subscriptions/[id]': 'export',
  'POST /api/subscriptions/run': 'export',
  'GET /api/inbox': 'upload',
  'POST /api/inbox': 'settings',
  'POST /api/inbox/check': 'upload',
  'GET /api/settings/branding': 'view',
  'PUT /api/settings/branding': 'settings',
  'POST /api/settings/branding': 'settings',
  'DELETE /api/settings/branding': 'settings',
  'GET /api/settings/branding/logo': 'view',
  'GET /api/settings/calendar': 'view',
  'POST /api/settings/calendar': 'inputs',
  'GET /api/settings/organisation': 'view',
  'POST /api/settings/organisation': 'settings',
  'GET /api/targets': 'view',
  'GET /api/teams': 'view',
  'POST /api/teams': 'inputs',
  'DELETE /api/teams/[id]': 'inputs',
  'POST /api/teams/[id]/roles': 'inputs',
  'DELETE /api/teams/[id]/roles': 'inputs',
  'POST /api/teams/[id]/rules': 'inputs',
  'DELETE /api/teams/[id]/rules': 'inputs',
  'GET /api/teams/report': 'view',
  'POST /api/targets': 'targets',
  'DELETE /api/targets/[id]': 'targets',
  'POST /api/uploads': 'upload',
  'DELETE /api/uploads/[id]': 'upload',
  'POST /api/uploads/[id]/load': 'upload',
  'GET /api/uploads/[id]/preview': 'upload',
  'GET /api/uploads/[id]/rejects': 'upload',
  'GET /api/users': 'users',
  'POST /api/users': 'users',
  'PATCH /api/users/[id]': 'users',
  'GET /api/views': 'view',
  'POST /api/views': 'view',
  'DELETE /api/views/[id]': 'view',
};

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return routeFiles(full);
    return name === 'route.ts' ? [full] : [];
  });
}

describe('route handlers', () => {
  it('every exported method checks the permission the table expects', async () => {
    const { permissionOf } = await import('./respond');
    const found: Record<string, string | undefined> = {};
    for (const file of routeFiles(__dirname)) {
      const url = `/api/${path.relative(__dirname, path.dirname(file)).split(path.sep).join('/')}`;
      const mod = (await import(file)) as Record<string, unknown>;
      for (const method of ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'])
        if (method in mod) found[`${method} ${url}`] = permissionOf(mod[method]) ?? 'UNGUARDED';
    }
    expect(found).toEqual(EXPECTED);
  });
});
