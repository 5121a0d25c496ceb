import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";

/** People who can own conversations and the account's groups, for the list's filters. */
export async function loadFilterOptions(db: Database, actor: Actor) {
  if (actor.role === "seller") return { owners: [], groups: [] };
  const [ownerRows, groupRows] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(and(eq(users.accountId, actor.accountId), inArray(users.role, ["admin", "seller"])))
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
