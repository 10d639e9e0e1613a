/** Number and date formatting shared by the pages (server and client). */
export {
  formatCount,
  formatKpiChange,
  formatKpiValue,
  formatPublishedFigure,
  isFlatChange,
  isKpiUnit,
  kpiValueParts,
} from '@/lib/format/kpi-value';

/** An ISO timestamp as a calendar day, in UTC (all computation is in UTC). */
export const formatDay = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

export const formatDateTime = (iso: string | null) =>
  iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '—';
