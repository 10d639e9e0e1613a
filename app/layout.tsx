import type { Metadata } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { NavLinks } from './ui/nav-links';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Orderlens', template: '%s · Orderlens' },
  description: 'Order-management KPIs from your own ERP extracts, placed against benchmark bands.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
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
          <NavLinks />
        </header>
        <main id="content">{children}</main>
        <footer className="footer">
          Orderlens · open-source order-management KPI benchmarking
        </footer>
      </body>
    </html>
  );
}
