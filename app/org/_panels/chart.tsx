/**
 * The organisation chart: one column per function, each a list of its teams, a team that reports to
 * another of the same function nested under it. A screen reader hears nested lists; a team's
 * figures are words and numbers, "not known" where a figure is missing, never a colour alone.
 */
import { formatKpiValue } from '@/app/ui/format';
import type { FunctionFigures, TeamFigures } from '@/lib/org/report';
import { dimensionLabels } from '@/lib/org/functions';
import styles from '../org.module.css';
import { loadTeamReport, type Period } from './data';

const count = (n: number) => n.toLocaleString('en-US');
const fte = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 2 });

export async function ChartPanel({ period }: { period: Period }) {
  const report = await loadTeamReport(period);
  const names = new Map(
    report.functions.flatMap((f) => f.teams.map((t) => [t.team.id, t.team.name] as const)),
  );
  return (
    <section className="panel" aria-labelledby="chart-h">
      <h2 id="chart-h">
        Organisation chart
        {report.from && report.to ? (
          <span className={styles.period}>
            {' '}
            {report.from} to {report.to}
          </span>
        ) : null}
      </h2>
      {report.functions.length === 0 ? (
        <p className={styles.empty}>
          No teams yet.{' '}
          {'Add one below, or with orderlens teams add NAME --function F on the command line.'}
        </p>
      ) : (
        <>
          <p className={styles.help}>
            Orders per FTE are per year, as the orders per FTE KPI is: a month&rsquo;s orders ÷ its
            FTE-days ÷ 365. A role counts for the days of its period; a team without roles in the
            period has no FTE, so its productivity is not known.
          </p>
          <div className={styles.columns}>
            {report.functions.map((fn) => (
              <FunctionColumn key={fn.function} fn={fn} names={names} />
            ))}
          </div>
        </>
      )}
      {report.notes.length > 0 && (
        <ul className={styles.notes} aria-label="Notes">
          {report.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

function FunctionColumn({ fn, names }: { fn: FunctionFigures; names: Map<string, string> }) {
  const id = `fn-${fn.function}`;
  const ids = new Set(fn.teams.map((t) => t.team.id));
  // A team whose parent is in another function (or none) heads its own branch in this column.
  const roots = fn.teams.filter((t) => !t.team.parentId || !ids.has(t.team.parentId));
  const unit = fn.workload === 'returns' ? 'returns' : 'orders';
  return (
    <section className={styles.function} aria-labelledby={id}>
      <h3 id={id}>
        {fn.label} <span className={styles.workload}>({unit})</span>
      </h3>
      <ul className={styles.tree} aria-labelledby={id}>
        {roots.map((t) => (
          <TeamNode key={t.team.id} team={t} fn={fn} names={names} />
        ))}
      </ul>
      <p className={fn.unattributed.total ? styles.unattributed : styles.attributedAll}>
        <span aria-hidden="true">{fn.unattributed.total ? '⚠ ' : '✓ '}</span>
        {fn.unattributed.total
          ? `Unattributed: ${count(fn.unattributed.total)} ${unit} match no team of ${fn.label.toLowerCase()}.`
          : `Every ${unit === 'orders' ? 'order' : 'return'} of the period has a team.`}
      </p>
      {fn.warnings.map((w) => (
        <p key={w} className={styles.warning} role="note">
          <span aria-hidden="true">⚠ </span>
          {w}
        </p>
      ))}
    </section>
  );
}

function TeamNode({
  team,
  fn,
  names,
}: {
  team: TeamFigures;
  fn: FunctionFigures;
  names: Map<string, string>;
}) {
  const children = fn.teams.filter((t) => t.team.parentId === team.team.id);
  return (
    <li>
      <TeamBox team={team} fn={fn} names={names} />
      {children.length > 0 && (
        <ul aria-label={`Teams under ${team.team.name}`}>
          {children.map((c) => (
            <TeamNode key={c.team.id} team={c} fn={fn} names={names} />
          ))}
        </ul>
      )}
    </li>
  );
}

function TeamBox({
  team,
  fn,
  names,
}: {
  team: TeamFigures;
  fn: FunctionFigures;
  names: Map<string, string>;
}) {
  const { total } = team;
  const unit = fn.workload === 'returns' ? 'return' : 'order';
  const parent = team.team.parentId ? names.get(team.team.parentId) : undefined;
  const otherFunction = parent && !fn.teams.some((t) => t.team.id === team.team.parentId);
  return (
    <div className={styles.team}>
      <h4 className={styles.teamName}>{team.team.name}</h4>
      {otherFunction && <p className={styles.muted}>Reports to {parent}</p>}
      <dl className={styles.figures}>
        <dt>{unit === 'order' ? 'Orders' : 'Returns'}</dt>
        <dd>{count(total.volume)}</dd>
        <dt>FTE (average)</dt>
        <dd>{total.fte === null ? <NotKnown why="no roles in the period" /> : fte(total.fte)}</dd>
        <dt>{unit === 'order' ? 'Orders' : 'Returns'} per FTE</dt>
        <dd>
          {total.perFte === null ? (
            <NotKnown why="no FTE" />
          ) : (
            <>
              {formatKpiValue(total.perFte, 'orders_per_fte').replace('orders', `${unit}s`)} a year
              <OverMonths n={total.monthsWithFte} of={team.months.length} what="FTE" />
            </>
          )}
        </dd>
        <dt>Cost per {unit}</dt>
        <dd>
          {total.costPer === null ? (
            <NotKnown
              why={total.cost === null ? 'no cost entered for a whole month' : `no ${unit}s`}
            />
          ) : (
            <>
              {formatKpiValue(total.costPer, 'currency_per_order').replace(
                'per order',
                `${total.currency ?? ''} per ${unit}`.trim(),
              )}
              <OverMonths n={total.monthsWithCost} of={team.months.length} what="cost" />
            </>
          )}
        </dd>
      </dl>
      <h5 className={styles.sub}>Roles</h5>
      {team.roles.length ? (
        <ul className={styles.roles}>
          {team.roles.map((r) => (
            <li key={r.id}>
              {r.title}: {fte(r.fte)} FTE, {r.from} to {r.to}
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>No roles in the period.</p>
      )}
      <h5 className={styles.sub}>Takes</h5>
      {team.rules.length ? (
        <ul className={styles.roles}>
          {team.rules.map((r) => (
            <li key={r.id}>
              {dimensionLabels[r.dimension]} {r.value}{' '}
              <span className={styles.muted}>(priority {r.priority})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className={styles.muted}>
          {team.takesRest
            ? `Every ${unit} no other team's rule matches.`
            : 'Nothing yet: it has no rules, and neither has another team of this function.'}
        </p>
      )}
    </div>
  );
}

function NotKnown({ why }: { why: string }) {
  return (
    <span className={styles.notKnown}>
      not known <span className={styles.muted}>({why})</span>
    </span>
  );
}

/** A range total over only some of its months says over how many. */
function OverMonths({ n, of, what }: { n: number; of: number; what: string }) {
  if (n >= of) return null;
  return (
    <span className={styles.muted}>
      {' '}
      (over the {n} of {of} months with {what})
    </span>
  );
}
