import { and, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { groupMembers, groups, roundRobinCounters, users } from "@/db/schema";
import { fail } from "@/lib/errors";
import { uuidArray } from "@/lib/sql";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";
import { findAssignees } from "./assignees";
import type { RoundRobinPool } from "./bulk-input";

/** The people a round robin deals to: two or more chosen users, or the active admin/seller members of groups. */
export async function resolvePool(tx: Database, accountId: string, pool: RoundRobinPool): Promise<string[]> {
  if (pool.kind === "users") {
    const wanted = [...new Set(pool.userIds)];
    if (wanted.length < 2) fail("invalid_input");
    const found = await findAssignees(tx, accountId, wanted);
    if (found.length !== wanted.length) fail("invalid_target");
    return found.map((u) => u.id);
  }
  const wanted = [...new Set(pool.groupIds)];
  const found = await tx
    .select({ id: groups.id })
    .from(groups)
    .where(and(eq(groups.accountId, accountId), inArray(groups.id, wanted)));
  if (found.length !== wanted.length) fail("invalid_target");
  // A person in two groups is one person: selectDistinct counts them once.
  const members = await tx
    .selectDistinct({ id: users.id })
    .from(groupMembers)
    .innerJoin(users, and(eq(users.accountId, groupMembers.accountId), eq(users.id, groupMembers.userId)))
    .where(
      and(
        eq(groupMembers.accountId, accountId),
        inArray(groupMembers.groupId, wanted),
        eq(users.active, true),
        inArray(users.role, [...ASSIGNABLE_ROLES]),
      ),
    );
  if (members.length === 0) fail("empty_group");
  return members.map((m) => m.id);
}

/**
 * Orders the pool for this deal: whoever has been dealt fewest conversations so far goes
 * first, so the person who got the extra one last time does not get it again. The counter
 * rows are locked (in user id order, like every other lock on them, before any conversation),
 * so two bulk actions at once deal in turn.
 */
export async function orderPool(tx: Database, accountId: string, userIds: string[]): Promise<string[]> {
  await tx.execute(sql`
    insert into ${roundRobinCounters} (account_id, user_id)
    select ${accountId}, u from unnest(${uuidArray(userIds)}) as u
    order by u
    on conflict do nothing`);
  const rows = await queryRows<{ user_id: string }>(
    tx,
    sql`with locked as materialized (
          select user_id, dealt from ${roundRobinCounters}
          where account_id = ${accountId} and user_id = any(${uuidArray(userIds)})
          order by user_id
          for update
        )
        select user_id from locked order by dealt asc, user_id asc`,
  );
  return rows.map((r) => r.user_id);
}

export async function recordDealt(tx: Database, accountId: string, dealt: { userId: string | null; count: number }[]) {
  const counted = dealt.filter((d): d is { userId: string; count: number } => d.userId !== null && d.count > 0);
  if (counted.length === 0) return;
  await tx.execute(sql`
    update ${roundRobinCounters} r
    set dealt = r.dealt + d.n, updated_at = now()
    from unnest(${uuidArray(counted.map((d) => d.userId))}, string_to_array(${counted.map((d) => d.count).join(",")}, ',')::bigint[]) as d(user_id, n)
    where r.account_id = ${accountId} and r.user_id = d.user_id`);
}
