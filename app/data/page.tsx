import type { Metadata } from 'next';
import { connection } from 'next/server';
import { getServerDatabase } from '@/lib/db/server';
import { getDataCoverage } from '@/lib/ingest/coverage';
import { listLoads } from '@/lib/ingest/ledger';
import { DemoBanner } from '../ui/demo-banner';
import { LedgerTable } from '../ui/ledger-table';

export const metadata: Metadata = { title: 'Data' };

export default async function DataPage() {
  await connection();
  const db = await getServerDatabase();
  const [coverage, loads] = await Promise.all([getDataCoverage(db), listLoads(db)]);
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>Data</h1>
      <p className="lede">
        Every load with its outcome. A load lands whole or not at all, and can be undone.
      </p>
      <section className="panel" aria-labelledby="add-heading">
        <h2 id="add-heading">Add an extract</h2>
        <p>
          From a terminal in the project folder (CSV, TSV, XLSX or Parquet; SAP, NetSuite, Dynamics
          and Shopify columns are recognised):
        </p>
        <p>
          <code>npx orderlens map orders.csv &gt; mapping.json</code> proposes a mapping;{' '}
          <code>npx orderlens ingest orders.csv --mapping mapping.json --dry-run</code> checks every
          row; without <code>--dry-run</code> it loads. <code>npx orderlens undo LOAD_ID</code>{' '}
          takes a load back. While this server runs it holds the database: stop it first.
        </p>
      </section>
      <section className="panel" aria-labelledby="ledger-heading">
        <h2 id="ledger-heading">Load ledger</h2>
        <LedgerTable loads={loads} caption={`${loads.length} loads, newest first`} />
      </section>
    </>
  );
}
