/** The targets section: the targets set, each removable, and the form to set one. */
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import type { Target } from '@/lib/benchmarks/target-status';
import { RoleNote } from '../ui/role-note';
import { figureText, kpiChoices, kpiName } from './catalogue';
import { DeleteButton } from './forms/delete-button';
import { TargetForm } from './forms/target-form';
import styles from './benchmarks.module.css';

export function TargetsPanel({ targets, identity }: { targets: Target[]; identity: Identity }) {
  const canEdit = can(identity.role, 'targets');
  return (
    <section id="targets" aria-labelledby="targets-heading" className="panel">
      <h2 id="targets-heading">Targets</h2>
      <p className={styles.help}>
        A target for a KPI, optionally for one segment (a site, a channel…) and one period. A value
        that misses the target by less than the at-risk margin shows as at risk rather than off
        track. Setting a target for a scope that has one replaces it.
      </p>
      {targets.length ? (
        <div className={styles.tableWrap}>
          <table>
            <caption className="visually-hidden">Targets</caption>
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col" className="num">
                  Target
                </th>
                <th scope="col">Applies to</th>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  At risk within
                </th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((t) => {
                const unit = kpiChoices.find((k) => k.id === t.kpi)?.unit ?? '';
                const direction = kpiChoices.find((k) => k.id === t.kpi)?.direction;
                return (
                  <tr key={t.id}>
                    <th scope="row" className="row-head">
                      {kpiName(t.kpi)}
                    </th>
                    <td className="num">
                      <span aria-hidden="true">{direction === 'lower' ? '≤ ' : '≥ '}</span>
                      {figureText(t.value, unit)}
                    </td>
                    <td>
                      {t.dimension ? (
                        <>
                          {t.dimension.replaceAll('_', ' ')}{' '}
                          <strong>{t.segment ?? 'each segment'}</strong>
                        </>
                      ) : (
                        <span className={styles.muted}>All orders</span>
                      )}
                    </td>
                    <td className="nowrap">
                      {t.from || t.to ? (
                        `${t.from ?? '…'} – ${t.to ?? '…'}`
                      ) : (
                        <span className={styles.muted}>Any</span>
                      )}
                    </td>
                    <td className="num">{figureText(t.atRiskWithin, unit)}</td>
                    <td className={styles.actions}>
                      {canEdit && (
                        <DeleteButton
                          url={`/api/targets/${encodeURIComponent(t.id)}`}
                          what={`the ${kpiName(t.kpi)} target`}
                          label="Delete"
                        />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <p className={styles.emptyNote}>No targets yet.</p>
      )}
      {canEdit ? (
        <>
          <h3 className={styles.formHeading}>Set a target</h3>
          <TargetForm kpis={kpiChoices} />
        </>
      ) : (
        <RoleNote identity={identity} permission="targets" />
      )}
    </section>
  );
}
