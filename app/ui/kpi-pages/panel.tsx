import { Suspense, type ReactNode } from 'react';
import { PanelSkeleton, StatsSkeleton } from './panel-skeleton';

/**
 * One panel of a KPI page in its own Suspense boundary: the panel (an async server component that
 * fetches its own data) streams in when ready, a small skeleton saying `label` until then.
 */
export function Panel({
  label,
  skeleton = 'panel',
  children,
}: {
  /** What is loading, for screen readers, e.g. "Loading the trend…". */
  label: string;
  /** The skeleton's shape: a chart panel, or a row of headline cards. */
  skeleton?: 'panel' | 'stats';
  children: ReactNode;
}) {
  return (
    <Suspense
      fallback={
        skeleton === 'stats' ? <StatsSkeleton label={label} /> : <PanelSkeleton label={label} />
      }
    >
      {children}
    </Suspense>
  );
}
