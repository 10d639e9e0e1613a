import type { ScorecardEntry } from '@/lib/kpi/scorecard';
import { formatKpiValue } from '@/app/ui/charts/units';
import shared from '@/app/ui/kpi-pages/kpi-pages.module.css';

const statusText = {
  on_track: { label: 'On track', mark: '✓', className: 'good' },
  at_risk: { label: 'At risk', mark: '!', className: 'warn' },
  off_track: { label: 'Off track', mark: '✗', className: 'bad' },
} as const;

export function TargetCard({ entry }: { entry: ScorecardEntry }) {
  const status = entry.target?.status ? statusText[entry.target.status] : null;
  return (
    <div className="card">
      <div className="stat-label">Target</div>
      {entry.target ? (
        <>
          <div className="stat-value">{formatKpiValue(entry.target.target.value, entry.unit)}</div>
          <div className="stat-note">
            {status ? (
              <span className={shared[status.className]}>
                <span aria-hidden="true">{status.mark} </span>
                {status.label}
              </span>
            ) : (
              'No value to judge'
            )}
          </div>
        </>
      ) : (
        <>
          <div className={`stat-value ${shared.quiet}`}>None</div>
          <div className="stat-note">No target set for this KPI</div>
        </>
      )}
    </div>
  );
}

export function BenchmarkCard({ entry, hasSets }: { entry: ScorecardEntry; hasSets: boolean }) {
  const best = entry.placements[0];
  const notPlaced = entry.notPlaced?.[0];
  return (
    <div className="card">
      <div className="stat-label">Benchmark</div>
      {best ? (
        <>
          <div className={`stat-value ${shared.mid}`}>{best.band}</div>
          <div className="stat-note">
            {best.source.source} {best.source.edition}
            {entry.placements.length > 1 && ` · +${entry.placements.length - 1} more`}
          </div>
          <ChoiceNote entry={entry} />
        </>
      ) : (
        <>
          <div className={`stat-value ${shared.quiet}`}>
            {notPlaced?.reference ? 'Reference only' : 'No band'}
          </div>
          <div className="stat-note">
            {notPlaced
              ? `Not placed: ${notPlaced.notPlaced} (${notPlaced.source.source} ${notPlaced.source.edition})`
              : hasSets
                ? 'No value to place'
                : 'No published band for this KPI'}
          </div>
        </>
      )}
    </div>
  );
}

/**
 * Which set the headline uses and why, where there was a choice (several sets place the value,
 * or a profile or the user's pick decided); the benchmarks panel lets the user switch.
 */
function ChoiceNote({ entry }: { entry: ScorecardEntry }) {
  const choice = entry.bandChoice;
  if (!choice || (choice.candidates < 2 && choice.by === 'newest')) return null;
  return (
    <div className="stat-note">
      <a href="#benchmarks">{choice.name}</a>: {choice.reason}.
    </div>
  );
}
