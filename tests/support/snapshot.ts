import { asc, eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  activities,
  automationJobs,
  contacts,
  conversations,
  historyEntries,
  messages,
  opportunities,
  tasks,
  whatsappDeadLetters,
} from "@/db/schema";

/** Every row an inbox change or a webhook could touch in one account, to assert that a refusal changed nothing. */
export async function snapshotAccount(db: Database, accountId: string) {
  const [c, ct, o, a, t, h, m, j, d] = await Promise.all([
    db.select().from(conversations).where(eq(conversations.accountId, accountId)).orderBy(asc(conversations.id)),
    db.select().from(contacts).where(eq(contacts.accountId, accountId)).orderBy(asc(contacts.id)),
    db.select().from(opportunities).where(eq(opportunities.accountId, accountId)).orderBy(asc(opportunities.id)),
    db.select().from(activities).where(eq(activities.accountId, accountId)).orderBy(asc(activities.id)),
    db.select().from(tasks).where(eq(tasks.accountId, accountId)).orderBy(asc(tasks.id)),
    db.select().from(historyEntries).where(eq(historyEntries.accountId, accountId)).orderBy(asc(historyEntries.id)),
    db.select().from(messages).where(eq(messages.accountId, accountId)).orderBy(asc(messages.id)),
    db.select().from(automationJobs).where(eq(automationJobs.accountId, accountId)).orderBy(asc(automationJobs.id)),
    db.select().from(whatsappDeadLetters).where(eq(whatsappDeadLetters.accountId, accountId)).orderBy(asc(whatsappDeadLetters.id)),
  ]);
  return { conversations: c, contacts: ct, opportunities: o, activities: a, tasks: t, history: h, messages: m, jobs: j, deadLetters: d };
}
