import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";

/**
 * People who can own conversations and the account's groups, for the list's filters and the bulk
 * dialog. A seller filters only their own list (no owners), but may deal their conversations
 * equitably among groups, so they get the groups.
 */
export async function loadFilterOptions(db: Database, actor: Actor) {
  const [ownerRows, groupRows] = await Promise.all([
    actor.role === "seller"
      ? []
      : db
          .select({ id: users.id, name: users.name, active: users.active })
          .from(users)
          .where(and(eq(users.accountId, actor.accountId), inArray(users.role, [...ASSIGNABLE_ROLES])))
          .orderBy(asc(users.name)),
    db
      .select({ id: groups.id, name: groups.name })
      .from(groups)
      .where(eq(groups.accountId, actor.accountId))
      .orderBy(asc(groups.name)),
  ]);
  return { owners: ownerRows, groups: groupRows };
}

export type FilterOptions = Awaited<ReturnType<typeof loadFilterOptions>>;
