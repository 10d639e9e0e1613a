import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { DemoBannerWhileLoaded } from '../ui/demo-banner';
import { ListPanelSkeleton } from '../ui/list-panel-skeleton';
import { requirePage } from '../session';
import { AlertsPanel } from './alerts-panel';
import { RulesPanel } from './rules-panel';

export const metadata: Metadata = { title: 'Alerts' };

type Search = Record<string, string | string[] | undefined>;

/** The alerts raised and the rules that raise them; each panel fetches its own data. */
export default async function AlertsPage({ searchParams }: { searchParams: Promise<Search> }) {
  await connection();
  const identity = await requirePage('view', '/alerts');
  const { show } = await searchParams;
  const all = show === 'all';
  return (
    <>
      <Suspense fallback={<div hidden aria-busy="true" />}>
        <DemoBannerWhileLoaded />
      </Suspense>
      <h1>Alerts</h1>
      <p className="lede">
        Rules that watch a KPI month by month, and the alerts they raised. A rule is checked after
        every load and about once a minute; an alert stays listed until someone acknowledges it, and
        its rule fires again only once its condition has cleared.
      </p>
      <Suspense fallback={<ListPanelSkeleton label="Loading the alerts…" />}>
        <AlertsPanel all={all} />
      </Suspense>
      <Suspense fallback={<ListPanelSkeleton label="Loading the rules…" />}>
        <RulesPanel identity={identity} />
      </Suspense>
    </>
  );
}
