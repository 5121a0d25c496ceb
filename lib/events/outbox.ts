import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import type { AutomationTrigger } from "@/db/schema";

/**
 * Queues one job per action of every active flow of the account that starts on `trigger`, for
 * each row of `source` (columns conversation_id uuid, payload jsonb). Embedded in the statement
 * or transaction that made the change, so an event is queued exactly when the change commits.
 */
export function enqueueJobs(accountId: string, trigger: AutomationTrigger, source: SQL): SQL {
  return sql`insert into automation_jobs (account_id, automation_id, action_index, event, conversation_id, payload)
    select ${accountId}::uuid, a.id, (x.n - 1)::int, ${trigger}::text, s.conversation_id, s.payload
    from (${source}) s
    cross join automations a
    cross join lateral jsonb_array_elements(a.actions) with ordinality as x(action, n)
    where a.account_id = ${accountId} and a.active and a.trigger = ${trigger}`;
}

export async function enqueueEvent(
  tx: Database,
  accountId: string,
  trigger: AutomationTrigger,
  conversationId: string,
  payload: Record<string, unknown>,
): Promise<void> {
  await tx.execute(
    enqueueJobs(accountId, trigger, sql`select ${conversationId}::uuid as conversation_id, ${JSON.stringify(payload)}::jsonb as payload`),
  );
}
