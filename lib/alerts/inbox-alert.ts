import 'server-only';
/**
 * A file the inbox could not load raises an alert like a KPI rule does: listed on /alerts and on
 * the scorecard until acknowledged, and mailed (with the same retries) to the inbox's recipients.
 */
import type { Database } from '@/lib/db/database';
import { sqlTimestamp, type DeliveryContext } from '@/lib/delivery/context';
import { newId } from '@/lib/delivery/subscriptions';
import { sendAlert } from './evaluate';
import { getAlert, INBOX_RULE_ID } from './rules';

export const INBOX_RULE_TEXT = 'A file dropped in the inbox could not be loaded';

export async function raiseInboxAlert(
  db: Database,
  context: DeliveryContext,
  file: { fileName: string; message: string },
  recipients: string[],
): Promise<string> {
  const id = newId();
  await db.transaction((tx) =>
    tx.run(
      `INSERT INTO alerts (alert_id, rule_id, kpi_id, rule_text, headline, message, period, value,
         previous_value, link, recipients, triggered_at, delivery_status)
       VALUES ($1, $2, '', $3, $4, $5, NULL, NULL, NULL, $6, $7, $8::TIMESTAMP, 'pending')`,
      [
        id,
        INBOX_RULE_ID,
        INBOX_RULE_TEXT,
        `${file.fileName} in the inbox was not loaded`,
        file.message,
        `${context.publicUrl}/data#inbox`,
        JSON.stringify(recipients),
        sqlTimestamp(context.now()),
      ],
    ),
  );
  await context.audit({
    action: 'alerts.trigger',
    outcome: 'ok',
    target: `inbox: ${file.fileName}`,
    detail: file.message,
  });
  await sendAlert(db, (await getAlert(db, id))!, context);
  return id;
}
