import { aliasedTable, and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversationCloses, conversations, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial as policyDenial } from "@/lib/access/policy";
import type { Result } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { containsFolded } from "@/lib/sql";
import type { AuditFilters } from "./filters";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";

export const AUDIT_PAGE_SIZE = 50;

// Date filters are whole days where the team works, not UTC days.
export const AUDIT_TIME_ZONE = process.env.TURNO_TIME_ZONE ?? "America/Bogota";

const closers = aliasedTable(users, "closer");
const owners = aliasedTable(users, "owner");

/**
 * Close events of the actor's account matching the filters (one rule for page, count and
 * export). Every close ever made is listed, also after the customer wrote again and the
 * conversation reopened; "owner" is who it was left with at that close.
 */
export function auditConditions(actor: Actor, filters: AuditFilters): SQL {
  const closedAt = conversationCloses.closedAt;
  return and(
    eq(conversationCloses.accountId, actor.accountId),
    filters.from ? sql`${closedAt} >= (${filters.from}::date)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    filters.to ? sql`${closedAt} < (${filters.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    filters.closedBy ? eq(conversationCloses.closedById, filters.closedBy) : undefined,
    filters.owner ? eq(conversationCloses.ownerAfter, filters.owner) : undefined,
    filters.q ? containsFolded(conversationCloses.reason, filters.q) : undefined,
  )!;
}

export interface ClosedConversationRow {
  /** The conversation closed. */
  id: string;
  /** This close: a conversation closed, reopened and closed again has one row per close. */
  closeId: number;
  contactName: string;
  contactPhone: string;
  closedAt: Date;
  /** In the team's time zone, as the CSV shows it. */
  closedAtLocal: string;
  reason: string;
  closedByName: string | null;
  ownerName: string | null;
  ownerActive: boolean | null;
  /** When the customer (or a reply) reopened it after this close; null while it stays closed. */
  reopenedAt: Date | null;
  reopenedAtLocal: string | null;
  /** Whether the conversation is closed now (support can open only closed ones). */
  closedNow: boolean;
}

export interface ClosedConversationPage {
  rows: ClosedConversationRow[];
  nextCursor: string | null;
}

const localTime = (column: SQL | typeof conversationCloses.closedAt | typeof conversationCloses.reopenedAt) =>
  sql<string>`to_char(${column} at time zone ${AUDIT_TIME_ZONE}, 'YYYY-MM-DD HH24:MI:SS')`;

/** One keyset page, newest close first; `(closed_at, id)` walks the audit index of close events. */
export async function listClosedConversations(
  db: Database,
  actor: Actor,
  filters: AuditFilters,
  cursorText?: string,
  limit = AUDIT_PAGE_SIZE,
): Promise<Result<ClosedConversationPage>> {
  const denial = policyDenial(actor, "auditCloses");
  if (denial) return { ok: false, error: denial };
  const cursor = decodeCursor(cursorText, "number");
  const rows = await db
    .select({
      id: conversationCloses.conversationId,
      closeId: conversationCloses.id,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      closedAt: conversationCloses.closedAt,
      closedAtText: sql<string>`${conversationCloses.closedAt}::text`,
      closedAtLocal: localTime(conversationCloses.closedAt),
      reason: conversationCloses.reason,
      closedByName: closers.name,
      ownerName: owners.name,
      ownerActive: owners.active,
      reopenedAt: conversationCloses.reopenedAt,
      closedNow: sql<boolean>`${conversations.status} = 'closed'`,
      reopenedAtLocal: sql<string | null>`case when ${conversationCloses.reopenedAt} is not null then ${localTime(conversationCloses.reopenedAt)} end`,
    })
    .from(conversationCloses)
    .innerJoin(
      conversations,
      and(eq(conversations.accountId, conversationCloses.accountId), eq(conversations.id, conversationCloses.conversationId)),
    )
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .leftJoin(closers, and(eq(closers.accountId, conversationCloses.accountId), eq(closers.id, conversationCloses.closedById)))
    .leftJoin(owners, and(eq(owners.accountId, conversationCloses.accountId), eq(owners.id, conversationCloses.ownerAfter)))
    .where(
      and(
        auditConditions(actor, filters),
        cursor
          ? sql`(${conversationCloses.closedAt}, ${conversationCloses.id}) < (${cursor.at}::timestamptz, ${cursor.id}::bigint)`
          : undefined,
      ),
    )
    // In the index's order (DESC NULLS LAST), or the planner sorts the whole account per page.
    .orderBy(sql`${conversationCloses.closedAt} desc nulls last`, sql`${conversationCloses.id} desc nulls last`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    ok: true,
    rows: page.map(({ closedAtText: _text, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.closedAtText, id: String(last.closeId) }) : null,
  };
}

export async function countClosedConversations(db: Database, actor: Actor, filters: AuditFilters): Promise<number> {
  if (policyDenial(actor, "auditCloses")) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(conversationCloses)
    .where(auditConditions(actor, filters));
  return row?.count ?? 0;
}

/** People who closed or own conversations of the account, for the filters' pickers. */
export async function loadAuditPeople(db: Database, actor: Actor) {
  if (policyDenial(actor, "auditCloses")) return [];
  return db
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(and(eq(users.accountId, actor.accountId), inArray(users.role, [...ASSIGNABLE_ROLES])))
    .orderBy(users.name);
}
