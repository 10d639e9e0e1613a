import type { NeedText } from './needs';

/** The data a KPI needs, in words with the canonical columns (alternatives joined by "or"). */
export function DataNeeded({
  needs,
  className,
  columnsClassName,
}: {
  needs: NeedText[];
  className?: string;
  columnsClassName?: string;
}) {
  return (
    <ul className={className}>
      {needs.map((need) => (
        <li key={need.columns.join('|')}>
          {need.text}{' '}
          <span className={columnsClassName}>
            {need.columns.map((c, i) => (
              <span key={c}>
                {i > 0 && ' or '}
                <code>{c}</code>
              </span>
            ))}
          </span>
        </li>
      ))}
    </ul>
  );
}
