'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

/** Whether a nav entry is the current section: "/" only at home, others for their subpages too. */
function isActive(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}

/** The sections the signed-in role may open (chosen by the layout, on the server). */
export function NavLinks({ links }: { links: readonly { href: string; label: string }[] }) {
  const pathname = usePathname();
  return (
    // The sections do not fit a phone: the row scrolls sideways instead of widening the page.
    <nav className="nav" aria-label="Main">
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={isActive(link.href, pathname) ? 'page' : undefined}
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}
