import type { Metadata } from 'next';
import { connection } from 'next/server';
import { listBandSets } from '@/lib/benchmarks/store';
import { listTargets } from '@/lib/benchmarks/targets';
import { getServerDatabase } from '@/runtime/database';
import { listKpiInputs } from '@/lib/kpi/inputs';
import { getDataCoverage } from '@/lib/ingest/load/coverage';
import { BandCard } from './band-card';
import { kpiChoices } from './catalogue';
import { BandImportForm } from './forms/band-import-form';
import { InputsPanel } from './inputs-panel';
import { CalendarPanel } from './calendar-panel';
import { OrganisationPanel } from './organisation-panel';
import { readOrganisationProfile } from '@/lib/benchmarks/organisation';
import { readWorkingCalendar } from '@/lib/settings/working-calendar';
import { TargetsPanel } from './targets-panel';
import styles from './benchmarks.module.css';
import { requirePage } from '../session';
import { can } from '@/lib/auth/roles';
import { DemoBanner } from '../ui/demo-banner';
import { RoleNote } from '../ui/role-note';

export const metadata: Metadata = { title: 'Benchmarks' };

export default async function BenchmarksPage() {
  await connection();
  const identity = await requirePage('view', '/benchmarks');
  const db = await getServerDatabase();
  const [sets, targets, inputs, coverage, calendar, profile] = await Promise.all([
    listBandSets(db),
    listTargets(db),
    listKpiInputs(db),
    getDataCoverage(db),
    readWorkingCalendar(db),
    readOrganisationProfile(db),
  ]);
  const shipped = sets.filter((s) => s.origin === 'shipped');
  const imported = sets.filter((s) => s.origin !== 'shipped');
  return (
    <>
      {coverage.isDemo && <DemoBanner />}
      <h1>Benchmarks</h1>
      <p className="lede">
        The bands your KPIs are placed against, the targets you set, the FTE and cost figures behind
        the productivity KPIs, and the working calendar of the working-day cycle times.
      </p>
      <nav className={styles.jump} aria-label="On this page">
        <a href="#bands">
          Band sets <span className={styles.count}>{sets.length}</span>
        </a>
        <a href="#organisation">Your peers</a>
        <a href="#import">Import a band set</a>
        <a href="#targets">
          Targets <span className={styles.count}>{targets.length}</span>
        </a>
        <a href="#inputs">
          FTE and cost <span className={styles.count}>{inputs.length}</span>
        </a>
        <a href="#calendar">Working calendar</a>
      </nav>

      <div className={styles.notice} role="note" aria-label="Where the bands come from">
        <span className={styles.noticeIcon} aria-hidden="true">
          i
        </span>
        <div>
          <strong>Shipped band sets hold only publicly confirmed figures.</strong> Each names its
          source, edition and citation; where a source publishes only a median or a best-in-class
          threshold, only that is shipped. Every other band, such as full quintiles from a paid
          report you hold or the figures of your internal peers, comes from you: import it below.
          Each set says what kind of figure it is: only a survey of many companies places your value
          in a band; a study or a practitioner&rsquo;s guideline is a reference figure, and a
          marketplace requirement is met or not.
        </div>
      </div>

      <section id="bands" aria-labelledby="bands-heading" className={styles.section}>
        <h2 id="bands-heading">Band sets</h2>
        <h3 className={styles.groupHeading}>
          Shipped with Orderlens <span className={styles.count}>{shipped.length}</span>
        </h3>
        <div className={styles.cards}>
          {shipped.map((set) => (
            <BandCard key={set.id} set={set} canRemove={can(identity.role, 'bands')} />
          ))}
        </div>
        <h3 className={styles.groupHeading}>
          Imported by you <span className={styles.count}>{imported.length}</span>
        </h3>
        {imported.length ? (
          <div className={styles.cards}>
            {imported.map((set) => (
              <BandCard key={set.id} set={set} canRemove={can(identity.role, 'bands')} />
            ))}
          </div>
        ) : (
          <p className={styles.emptyNote}>
            None yet. Import bands from a report you hold or from your internal peers below.
          </p>
        )}
      </section>

      <OrganisationPanel profile={profile} identity={identity} />

      <section id="import" aria-labelledby="import-heading" className="panel">
        <h2 id="import-heading">Import a band set</h2>
        <p className={styles.help}>
          A JSON file (one set, or an array of sets) or a CSV file with one set per row. Every
          problem is listed with its row and column, and nothing is stored until the whole file is
          valid. Importing an id again stores a new version; the old one stays on record.
        </p>
        {can(identity.role, 'bands') ? (
          <BandImportForm kpis={kpiChoices} />
        ) : (
          <RoleNote identity={identity} permission="bands" />
        )}
      </section>

      <TargetsPanel targets={targets} identity={identity} />
      <InputsPanel inputs={inputs} identity={identity} />
      <CalendarPanel calendar={calendar} identity={identity} />
    </>
  );
}
