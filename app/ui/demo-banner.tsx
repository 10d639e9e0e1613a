import Link from 'next/link';

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
