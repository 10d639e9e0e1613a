import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="panel">
      <h1>Not found</h1>
      <p>
        Nothing is at this address: the page, KPI or order may have been mistyped, or the order was
        removed by undoing its load. Go to the <Link href="/">scorecard</Link>, the{' '}
        <Link href="/kpis">list of KPIs</Link> or the <Link href="/orders">orders explorer</Link> to
        find it.
      </p>
    </div>
  );
}
