import { aliasedTable, and, eq, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, conversations, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { auditDenial } from "@/lib/access/admin";
import { visibleConversations } from "@/lib/access/inbox";
import type { Result } from "@/lib/errors";
import { decodeCursor, encodeCursor } from "@/lib/inbox/cursor";
import { containsFolded } from "@/lib/sql";
import type { AuditFilters } from "./filters";

export const AUDIT_PAGE_SIZE = 50;

// Date filters are whole days where the team works, not UTC days.
export const AUDIT_TIME_ZONE = process.env.TURNO_TIME_ZONE ?? "America/Bogota";

const closers = aliasedTable(users, "closer");
const owners = aliasedTable(users, "owner");

/** Closed conversations of the actor's account matching the filters (one rule for page, count and export). */
export function auditConditions(actor: Actor, filters: AuditFilters): SQL {
  return and(
    visibleConversations(actor),
    eq(conversations.status, "closed"),
    filters.from ? sql`${conversations.closedAt} >= (${filters.from}::date)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    filters.to ? sql`${conversations.closedAt} < (${filters.to}::date + 1)::timestamp at time zone ${AUDIT_TIME_ZONE}` : undefined,
    filters.closedBy ? eq(conversations.closedById, filters.closedBy) : undefined,
    filters.owner ? eq(conversations.ownerId, filters.owner) : undefined,
    filters.q ? containsFolded(conversations.closeReason, filters.q) : undefined,
  )!;
}

export interface ClosedConversationRow {
  id: string;
  contactName: string;
  contactPhone: string;
  closedAt: Date;
  /** In the team's time zone, as the CSV shows it. */
  closedAtLocal: string;
  reason: string;
  closedByName: string | null;
  ownerName: string | null;
  ownerActive: boolean | null;
}

export interface ClosedConversationPage {
  rows: ClosedConversationRow[];
  nextCursor: string | null;
}

/** One keyset page, newest close first; `(closed_at, id)` walks the partial index of closed conversations. */
export async function listClosedConversations(
  db: Database,
  actor: Actor,
  filters: AuditFilters,
  cursorText?: string,
  limit = AUDIT_PAGE_SIZE,
): Promise<Result<ClosedConversationPage>> {
  const denial = auditDenial(actor);
  if (denial) return { ok: false, error: denial };
  const cursor = decodeCursor(cursorText);
  const rows = await db
    .select({
      id: conversations.id,
      contactName: contacts.name,
      contactPhone: contacts.phone,
      closedAt: sql<Date>`${conversations.closedAt}`.mapWith(conversations.closedAt),
      closedAtText: sql<string>`${conversations.closedAt}::text`,
      closedAtLocal: sql<string>`to_char(${conversations.closedAt} at time zone ${AUDIT_TIME_ZONE}, 'YYYY-MM-DD HH24:MI:SS')`,
      reason: sql<string>`${conversations.closeReason}`,
      closedByName: closers.name,
      ownerName: owners.name,
      ownerActive: owners.active,
    })
    .from(conversations)
    .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
    .leftJoin(closers, and(eq(closers.accountId, conversations.accountId), eq(closers.id, conversations.closedById)))
    .leftJoin(owners, and(eq(owners.accountId, conversations.accountId), eq(owners.id, conversations.ownerId)))
    .where(
      and(
        auditConditions(actor, filters),
        cursor
          ? sql`(${conversations.closedAt}, ${conversations.id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`
          : undefined,
      ),
    )
    // NULLS LAST as in conversations_closed_idx, or the planner sorts the whole account per page.
    .orderBy(sql`${conversations.closedAt} desc nulls last`, sql`${conversations.id} desc nulls last`)
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    ok: true,
    rows: page.map(({ closedAtText: _text, ...row }) => row),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.closedAtText, id: last.id }) : null,
  };
}

export async function countClosedConversations(db: Database, actor: Actor, filters: AuditFilters): Promise<number> {
  if (auditDenial(actor)) return 0;
  const [row] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(conversations)
    .where(auditConditions(actor, filters));
  return row?.count ?? 0;
}

/** People who closed or own conversations of the account, for the filters' pickers. */
export async function loadAuditPeople(db: Database, actor: Actor) {
  if (auditDenial(actor)) return [];
  return db
    .select({ id: users.id, name: users.name, active: users.active })
    .from(users)
    .where(and(eq(users.accountId, actor.accountId), sql`${users.role} in ('admin', 'seller')`))
    .orderBy(users.name);
}
