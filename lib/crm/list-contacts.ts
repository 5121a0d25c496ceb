import { aliasedTable, and, asc, eq, gt, ilike, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { contacts, opportunities, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { foldedContains } from "@/lib/sql";

export const CONTACTS_PAGE_SIZE = 50;

const owners = aliasedTable(users, "owner");

/** The account's CRM contacts by name, keyset-paginated; sellers see the contacts they own. */
export async function listContacts(db: Database, actor: Actor, opts: { search?: string; after?: string } = {}) {
  const search = opts.search?.trim();
  const pattern = search ? `%${search.replace(/[\\%_]/g, "\\$&")}%` : undefined;
  const rows = await db
    .select({
      id: contacts.id,
      name: contacts.name,
      phone: contacts.phone,
      company: contacts.company,
      ownerName: owners.name,
      openDeals: sql<number>`(select count(*)::int from ${opportunities}
        where ${opportunities.accountId} = ${contacts.accountId} and ${opportunities.contactId} = ${contacts.id}
        and ${opportunities.status} = 'open')`,
      sortKey: sql<string>`${contacts.name} || '|' || ${contacts.id}`,
    })
    .from(contacts)
    .leftJoin(owners, and(eq(owners.accountId, contacts.accountId), eq(owners.id, contacts.ownerId)))
    .where(
      and(
        eq(contacts.accountId, actor.accountId),
        actor.role === "seller" ? eq(contacts.ownerId, actor.userId) : undefined,
        search && pattern ? or(foldedContains(contacts.nameFolded, search), ilike(contacts.phone, pattern)) : undefined,
        opts.after ? gt(sql`${contacts.name} || '|' || ${contacts.id}`, opts.after) : undefined,
      ),
    )
    .orderBy(asc(sql`${contacts.name} || '|' || ${contacts.id}`))
    .limit(CONTACTS_PAGE_SIZE + 1);
  return {
    rows: rows.slice(0, CONTACTS_PAGE_SIZE),
    next: rows.length > CONTACTS_PAGE_SIZE ? rows[CONTACTS_PAGE_SIZE - 1]!.sortKey : null,
  };
}
