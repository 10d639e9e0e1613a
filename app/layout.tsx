import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { can } from '@/lib/auth/roles';
import { currentIdentity } from './session';
import { NAV_LINKS } from './ui/nav';
import { NavLinks } from './ui/nav-links';
import { UserMenu } from './ui/user-menu';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Orderlens', template: '%s · Orderlens' },
  description: 'Order-management KPIs from your own ERP extracts, placed against benchmark bands.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Nobody signed in (the sign-in page): no sections to offer.
  const identity = await currentIdentity().catch(() => undefined);
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#content">
          Skip to content
        </a>
        <header className="topbar">
          <Link className="brand" href="/">
            Order<span>lens</span>
          </Link>
          {identity && (
            <>
              <NavLinks
                links={NAV_LINKS.filter((l) => can(identity.role, l.permission)).map(
                  ({ href, label }) => ({ href, label }),
                )}
              />
              <UserMenu identity={identity} />
            </>
          )}
        </header>
        <main id="content">{children}</main>
        <footer className="footer">
          Orderlens · open-source order-management KPI benchmarking
        </footer>
      </body>
    </html>
  );
}
