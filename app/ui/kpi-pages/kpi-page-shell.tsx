import Link from 'next/link';
import { Suspense, type ReactNode } from 'react';
import type { ParsedKpiQuery } from '@/lib/kpi/filters';
import { FilterNote } from './filter-note';
import shared from './kpi-pages.module.css';
import { BarSkeleton } from './panel-skeleton';
import { DemoNotice, PageFilterBar } from './shell-filters';

export interface Crumb {
  label: ReactNode;
  /** None for the current page (the last crumb). */
  href?: string;
}

export interface KpiPageShellProps {
  /** The page's query (kpiQueryFromSearchParams): the filter bar's state. */
  query: ParsedKpiQuery;
  /** Parts of the address that could not be read. */
  problems: string[];
  /** Which date a date range applies to on this page, e.g. "each order’s final ship date". */
  asOf: string;
  eyebrow: ReactNode;
  title: ReactNode;
  /** The sentence under the title. */
  lede: ReactNode;
  /** A breadcrumb trail above the header. */
  crumbs?: Crumb[];
  /** False on a page the dimension filters do not narrow: the bar offers the dates alone. */
  dimensions?: boolean;
  /** The page's panels, each in its own <Panel> (Suspense boundary). */
  children: ReactNode;
}

/**
 * The one scaffold of the KPI pages: demo banner, breadcrumbs, header, filter bar and its note,
 * then the page's panels. The header shows at once; the banner and filter bar stream in with their
 * data, as each panel does with its own.
 */
export function KpiPageShell({
  query,
  problems,
  asOf,
  eyebrow,
  title,
  lede,
  crumbs,
  dimensions = true,
  children,
}: KpiPageShellProps) {
  return (
    <>
      <Suspense fallback={<div hidden aria-busy="true" />}>
        <DemoNotice filters={query.filters} />
      </Suspense>
      {crumbs && (
        <nav aria-label="Breadcrumb" className={shared.crumbs}>
          <ol>
            {crumbs.map((crumb, i) =>
              crumb.href ? (
                <li key={i}>
                  <Link href={crumb.href}>{crumb.label}</Link>
                </li>
              ) : (
                <li key={i} aria-current="page">
                  {crumb.label}
                </li>
              ),
            )}
          </ol>
        </nav>
      )}
      <header className={shared.header}>
        <div>
          <p className={shared.eyebrow}>{eyebrow}</p>
          <h1>{title}</h1>
          <p className="lede">{lede}</p>
        </div>
      </header>
      <Suspense fallback={<BarSkeleton label="Loading the filters…" />}>
        <PageFilterBar query={query} dimensions={dimensions} />
      </Suspense>
      <FilterNote filters={query.filters} problems={problems} asOf={asOf} />
      {children}
    </>
  );
}
