import 'server-only';
/** The /org page's data, once per request: the chart and the trends share one report. */
import { cache } from 'react';
import { teamReport } from '@/lib/org/report';
import { listOrg } from '@/lib/org/teams';
import { getServerDatabase } from '@/runtime/database';

export interface Period {
  from?: string;
  to?: string;
}

const reportOf = cache(async (from?: string, to?: string) =>
  teamReport(await getServerDatabase(), { from, to }),
);

export const loadTeamReport = (period: Period) => reportOf(period.from, period.to);

export const loadOrg = cache(async () => listOrg(await getServerDatabase()));
