import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { users } from "@/db/schema";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";


/** Active admins and sellers of the account among these ids, in the order given; others are dropped. */
export async function findAssignees(db: Database, accountId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(
      and(
        eq(users.accountId, accountId),
        eq(users.active, true),
        inArray(users.role, [...ASSIGNABLE_ROLES]),
        inArray(users.id, [...ids]),
      ),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Everyone a conversation can be given to: the account's active admins and sellers, by name. */
export function listAssignees(db: Database, accountId: string) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.accountId, accountId), eq(users.active, true), inArray(users.role, [...ASSIGNABLE_ROLES])))
    .orderBy(asc(users.name));
}
