import { asc, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import {
  accountAddons,
  accounts,
  activities,
  automationJobs,
  automations,
  contacts,
  conversations,
  groups,
  historyEntries,
  messages,
  opportunities,
  roundRobinCounters,
  tasks,
  users,
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

/** snapshotAccount and the rest of the tenant: the account, people, groups, subscription, flows, counters, closes. */
export async function snapshotTenant(db: Database, accountId: string) {
  const [inbox, account, addons, people, teams, members, flows, counters, closes] = await Promise.all([
    snapshotAccount(db, accountId),
    db.select().from(accounts).where(eq(accounts.id, accountId)),
    db.select().from(accountAddons).where(eq(accountAddons.accountId, accountId)).orderBy(asc(accountAddons.addon)),
    db.select().from(users).where(eq(users.accountId, accountId)).orderBy(asc(users.id)),
    db.select().from(groups).where(eq(groups.accountId, accountId)).orderBy(asc(groups.id)),
    queryRows(db, sql`select group_id, user_id from group_members where account_id = ${accountId} order by group_id, user_id`),
    db.select().from(automations).where(eq(automations.accountId, accountId)).orderBy(asc(automations.id)),
    db.select().from(roundRobinCounters).where(eq(roundRobinCounters.accountId, accountId)).orderBy(asc(roundRobinCounters.userId)),
    queryRows(db, sql`select * from conversation_closes where account_id = ${accountId} order by id`),
  ]);
  return { ...inbox, account, addons, people, teams, members, flows, counters, closes };
}
