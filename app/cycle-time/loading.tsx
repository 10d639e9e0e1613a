import { PageSkeleton } from '../ui/kpi-pages/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading the cycle time…" panels={3} />;
}
