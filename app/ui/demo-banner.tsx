import Link from 'next/link';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import { getServerDatabase } from '@/runtime/database';

/** Shown on every page while demo data is loaded, so no one mistakes it for their own numbers. */
export function DemoBanner() {
  return (
    <div className="banner" role="note" aria-label="Demo data">
      <span aria-hidden="true">⚠</span>
      <div>
        <strong>Demo data</strong>
        These numbers come from generated orders, not from your company. Your first load of your own
        extracts on the <Link href="/data">Data</Link> page removes them, or remove them there now.
      </div>
    </div>
  );
}

/**
 * The banner if demo data is loaded, for a page whose panels stream in their own `<Suspense>` and
 * that reads no coverage itself: it streams in the same way.
 */
export async function DemoBannerWhileLoaded() {
  const coverage = await getDataCoverage(await getServerDatabase());
  return coverage.isDemo ? <DemoBanner /> : null;
}
