import { aliasedTable, and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import {
  activities,
  contacts,
  conversations,
  historyEntries,
  messages,
  opportunities,
  tasks,
  users,
} from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { windowClosesAt } from "./window";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";

const owners = aliasedTable(users, "owner");
const closers = aliasedTable(users, "closer");

/**
 * Everything the conversation pane shows, or null when the actor may not see it — which
 * includes ids from another account or another seller: they get "not found", never the data.
 */
export async function getConversation(db: Database, actor: Actor, conversationId: string) {
  if (!z.uuid().safeParse(conversationId).success) return null;
  const [conversation] = await db
    .select({
      id: conversations.id,
      status: conversations.status,
      unread: conversations.unread,
      version: conversations.version,
      lastInboundAt: conversations.lastInboundAt,
      closeReason: conversations.closeReason,
      closedAt: conversations.closedAt,
      closedByName: closers.name,
      ownerId: conversations.ownerId,
      ownerName: owners.name,
      ownerActive: owners.active,
      contactId: conversations.contactId,
    })
    .from(conversations)
    .leftJoin(owners, and(eq(owners.accountId, conversations.accountId), eq(owners.id, conversations.ownerId)))
    .leftJoin(
      closers,
      and(eq(closers.accountId, conversations.accountId), eq(closers.id, conversations.closedById)),
    )
    .where(and(visibleConversations(actor), eq(conversations.id, conversationId)));
  if (!conversation) return null;

  const { accountId } = actor;
  const contactOwners = aliasedTable(users, "contact_owner");
  const ofContact = <T extends typeof opportunities | typeof activities | typeof tasks>(table: T) =>
    and(eq(table.accountId, accountId), eq(table.contactId, conversation.contactId));

  const [contactRows, history, openDeals, pendingActivities, pendingTasks, timeline] = await Promise.all([
    db
      .select({
        id: contacts.id,
        name: contacts.name,
        phone: contacts.phone,
        email: contacts.email,
        company: contacts.company,
        ownerId: contacts.ownerId,
        ownerName: contactOwners.name,
        ownerAssignable: sql<boolean>`coalesce(${contactOwners.active} and ${inArray(contactOwners.role, [...ASSIGNABLE_ROLES])}, false)`,
      })
      .from(contacts)
      .leftJoin(
        contactOwners,
        and(eq(contactOwners.accountId, contacts.accountId), eq(contactOwners.id, contacts.ownerId)),
      )
      .where(and(eq(contacts.accountId, accountId), eq(contacts.id, conversation.contactId))),
    db
      .select({
        id: messages.id,
        direction: messages.direction,
        type: messages.type,
        body: messages.body,
        status: messages.status,
        createdAt: messages.createdAt,
      })
      .from(messages)
      .where(and(eq(messages.accountId, accountId), eq(messages.conversationId, conversation.id)))
      .orderBy(asc(messages.createdAt), asc(messages.id)),
    db
      .select({ id: opportunities.id, title: opportunities.title, amount: opportunities.amount })
      .from(opportunities)
      .where(and(ofContact(opportunities), eq(opportunities.status, "open")))
      .orderBy(desc(opportunities.createdAt)),
    db
      .select({ id: activities.id, title: activities.title, kind: activities.kind, dueAt: activities.dueAt })
      .from(activities)
      .where(and(ofContact(activities), eq(activities.status, "pending")))
      .orderBy(asc(activities.dueAt)),
    db
      .select({ id: tasks.id, title: tasks.title, dueAt: tasks.dueAt })
      .from(tasks)
      .where(and(ofContact(tasks), eq(tasks.status, "pending")))
      .orderBy(asc(tasks.dueAt)),
    db
      .select({
        id: historyEntries.id,
        kind: historyEntries.kind,
        data: historyEntries.data,
        createdAt: historyEntries.createdAt,
        actorName: users.name,
      })
      .from(historyEntries)
      .leftJoin(users, eq(users.id, historyEntries.actorId))
      .where(and(eq(historyEntries.accountId, accountId), eq(historyEntries.conversationId, conversation.id)))
      // By id, the order the entries were written in: each was written holding the conversation's
      // row lock, while created_at is when its transaction started (a waiting one starts earlier).
      .orderBy(desc(historyEntries.id))
      .limit(100),
  ]);

  const userIds = new Set<string>();
  for (const entry of timeline) {
    for (const key of ["from", "to", "handOverTo"]) {
      const value = entry.data[key];
      if (typeof value === "string") userIds.add(value);
    }
  }
  const names = userIds.size
    ? await db
        .select({ id: users.id, name: users.name })
        .from(users)
        .where(and(eq(users.accountId, accountId), inArray(users.id, [...userIds])))
    : [];

  return {
    ...conversation,
    windowClosesAt: windowClosesAt(conversation.lastInboundAt),
    contact: contactRows[0]!,
    messages: history,
    openDeals,
    pendingActivities,
    pendingTasks,
    timeline,
    userNames: Object.fromEntries(names.map((u) => [u.id, u.name])),
  };
}

export type ConversationDetail = NonNullable<Awaited<ReturnType<typeof getConversation>>>;
