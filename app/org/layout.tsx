import type { ReactNode } from 'react';
import { requirePage } from '../session';

/**
 * Checks access before this page's loading skeleton streams, so a visitor who must sign in is
 * redirected and a role without the permission gets 403, rather than a 200 skeleton first.
 */
export default async function AccessLayout({ children }: { children: ReactNode }) {
  await requirePage('view', '/org');
  return children;
}
