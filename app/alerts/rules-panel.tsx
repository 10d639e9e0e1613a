import 'server-only';
/** The alert rules with their state and last check, and (with `targets`) the form to add one. */
import type { Identity } from '@/lib/auth/access';
import { can } from '@/lib/auth/roles';
import { listAlertRules, type AlertRule } from '@/lib/alerts/rules';
import { config } from '@/lib/config';
import { mailConfigured } from '@/lib/delivery/mailer';
import { periodLabel } from '@/lib/format/units';
import { listDimensionValues } from '@/lib/kpi/dimension-values';
import { dimensionNames } from '@/lib/kpi/filters';
import { getServerDatabase } from '@/runtime/database';
import { kpiChoices } from '../benchmarks/catalogue';
import { DeleteButton } from '../benchmarks/forms/delete-button';
import { formatDateTime, formatKpiValue, isKpiUnit } from '../ui/format';
import { RoleNote } from '../ui/role-note';
import { CheckNowButton } from './check-now-button';
import { RuleForm } from './rule-form';
import styles from './alerts.module.css';

export async function RulesPanel({ identity }: { identity: Identity }) {
  const db = await getServerDatabase();
  const [rules, values] = await Promise.all([listAlertRules(db), listDimensionValues(db)]);
  const canEdit = can(identity.role, 'targets');
  const segments = Object.fromEntries(
    dimensionNames.map((d) => [d, values[d].values.map((v) => v.value)]),
  );
  return (
    <section className="panel" aria-labelledby="rules-h">
      <div className={styles.panelHead}>
        <h2 id="rules-h">
          Rules <span className={styles.count}>{rules.length}</span>
        </h2>
        {canEdit && rules.length > 0 && <CheckNowButton />}
      </div>
      <p className={styles.help}>
        Each rule reads the last complete month of the data and the month before it, as the
        scorecard computes them. A check that cannot decide (no target set, a value resting on
        assumed data) leaves the rule as it was and says why.
      </p>
      {rules.length ? (
        <ul className={styles.ruleList}>
          {rules.map((rule) => (
            <RuleItem key={rule.id} rule={rule} canEdit={canEdit} />
          ))}
        </ul>
      ) : (
        <p className={styles.empty}>No rules yet.</p>
      )}
      {canEdit ? (
        <>
          <h3 className={styles.formHeading}>Add a rule</h3>
          <RuleForm
            kpis={kpiChoices}
            segments={segments}
            mailConfigured={mailConfigured(config().mail)}
          />
        </>
      ) : (
        <RoleNote identity={identity} permission="targets" />
      )}
    </section>
  );
}

function RuleItem({ rule, canEdit }: { rule: AlertRule; canEdit: boolean }) {
  return (
    <li className={styles.rule}>
      <div className={styles.ruleMain}>
        <p className={styles.ruleText}>
          <span className={rule.state === 'triggered' ? styles.stateOpen : styles.stateArmed}>
            {rule.state === 'triggered' ? (
              <>
                <span aria-hidden="true">▲ </span>Triggered
              </>
            ) : (
              'Armed'
            )}
          </span>{' '}
          {rule.description}
        </p>
        <dl className={styles.ruleMeta}>
          <div>
            <dt>Last check</dt>
            <dd>{lastCheckText(rule)}</dd>
          </div>
          <div>
            <dt>Mails</dt>
            <dd>{rule.recipients.length ? rule.recipients.join(', ') : 'Nobody (listed here)'}</dd>
          </div>
        </dl>
        {rule.state === 'triggered' && (
          <p className={styles.hint}>
            It fired and fires again only after a check finds its condition cleared.
          </p>
        )}
      </div>
      {canEdit && (
        <div className={styles.ruleActions}>
          <DeleteButton
            url={`/api/alerts/rules/${encodeURIComponent(rule.id)}`}
            what={`the rule “${rule.description}”`}
            label="Remove"
          />
        </div>
      )}
    </li>
  );
}

/** What the last check found, in words: when, the month, the value, and why not when undecided. */
function lastCheckText(rule: AlertRule): string {
  if (!rule.lastCheckedAt)
    return 'Not checked yet: rules are checked after each load and every minute.';
  const unit = kpiChoices.find((k) => k.id === rule.kpi)?.unit;
  const month = rule.lastPeriod ? periodLabel(rule.lastPeriod, 'month') : null;
  const value =
    rule.lastValue !== null && unit && isKpiUnit(unit)
      ? formatKpiValue(rule.lastValue, unit)
      : null;
  const read = month && value ? `${value} in ${month}` : month;
  const found =
    rule.lastResult === 'triggered'
      ? 'condition met'
      : rule.lastResult === 'clear'
        ? 'clear'
        : `could not decide: ${rule.lastNote ?? 'no reason given'}`;
  return `${formatDateTime(rule.lastCheckedAt)}: ${found}${read ? ` (${read})` : ''}.`;
}
