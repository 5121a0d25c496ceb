import { aliasedTable, and, desc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversations, groupMembers, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { visibleConversations } from "@/lib/access/visibility";
import { decodeCursor, encodeCursor } from "./cursor";
import { foldedContains } from "@/lib/sql";
import type { InboxFilters } from "./filters";
import { isWindowOpen } from "./window";

export const PAGE_SIZE = 30;

export interface ConversationRow {
  id: string;
  contactName: string;
  contactPhone: string;
  preview: string;
  lastMessageAt: Date;
  unread: boolean;
  status: "open" | "closed";
  ownerId: string | null;
  ownerName: string | null;
  ownerActive: boolean | null;
  windowOpen: boolean;
}

export interface ConversationPage {
  rows: ConversationRow[];
  nextCursor: string | null;
}

/** The filter part of the list, within what the actor may see. Shared by the list and by counts. */
export function inboxConditions(actor: Actor, filters: InboxFilters): SQL {
  const conditions: (SQL | undefined)[] = [visibleConversations(actor)];
  if (filters.status !== "all") conditions.push(eq(conversations.status, filters.status));
  if (filters.owner === "me") conditions.push(eq(conversations.ownerId, actor.userId));
  else if (filters.owner === "unassigned") conditions.push(isNull(conversations.ownerId));
  else if (filters.owner === "inactive") conditions.push(ownedByDeactivatedUser(actor));
  else if (filters.owner !== "all") conditions.push(eq(conversations.ownerId, filters.owner));
  if (filters.unreadOnly) conditions.push(eq(conversations.unread, true));
  if (filters.groupId) {
    conditions.push(
      sql`exists (select 1 from ${groupMembers} where ${groupMembers.accountId} = ${actor.accountId}
          and ${groupMembers.groupId} = ${filters.groupId} and ${groupMembers.userId} = ${conversations.ownerId})`,
    );
  }
  if (filters.search) conditions.push(contactMatches(filters.search));
  return and(...conditions)!;
}

/** The search box: the contact's name (accents and case folded) or, from three digits, its phone. */
export function contactMatches(search: string): SQL {
  const digits = search.replace(/\D/g, "");
  return or(foldedContains(contacts.nameFolded, search), digits.length >= 3 ? ilike(contacts.phone, `%${digits}%`) : undefined)!;
}

/** Conversations left with a deactivated user, so an admin can find and reassign them. */
function ownedByDeactivatedUser(actor: Actor): SQL {
  return sql`exists (select 1 from ${users} where ${users.accountId} = ${actor.accountId}
    and ${users.id} = ${conversations.ownerId} and not ${users.active})`;
}

const owners = aliasedTable(users, "owner");

export async function listConversations(
  db: Database,
  actor: Actor,
  filters: InboxFilters,
  cursorText?: string,
  now: Date = new Date(),
): Promise<ConversationPage> {
  const cursor = decodeCursor(cursorText);
  const where = and(
    inboxConditions(actor, filters),
    cursor
      ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
      : undefined,
  );
  const rows = await db
    .select({
      id: conversations.id,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      preview: conversations.lastMessagePreview,
      lastMessageAt: conversations.lastMessageAt,
      lastMessageAtText: sql<string>`${conversations.lastMessageAt}::text`,
      lastInboundAt: conversations.lastInboundAt,
      unread: conversations.unread,
      status: conversations.status,
      ownerId: conversations.ownerId,
      ownerName: owners.name,
      ownerActive: owners.active,
    })
    .from(conversations)
    .innerJoin(
      contacts,
      and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)),
    )
    .leftJoin(owners, and(eq(owners.accountId, conversations.accountId), eq(owners.id, conversations.ownerId)))
    .where(where)
    .orderBy(desc(conversations.lastMessageAt), desc(conversations.id))
    .limit(PAGE_SIZE + 1);

  const page = rows.slice(0, PAGE_SIZE);
  const last = page.at(-1);
  return {
    rows: page.map(({ lastMessageAtText: _text, lastInboundAt, ...row }) => ({
      ...row,
      windowOpen: isWindowOpen(lastInboundAt, now),
    })),
    nextCursor:
      rows.length > PAGE_SIZE && last ? encodeCursor({ at: last.lastMessageAtText, id: last.id }) : null,
  };
}
