import { PageSkeleton } from '../ui/kpi-pages/page-skeleton';

export default function Loading() {
  return <PageSkeleton label="Loading the teams…" panels={3} />;
}
