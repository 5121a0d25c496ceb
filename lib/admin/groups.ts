import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { groupMembers, groups, users } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";
import { fail, unlessTaken } from "@/lib/errors";
import { recordAccountChange } from "@/lib/history/account";
import type { CreateGroup, GroupMember, GroupRef, RenameGroup } from "./group-input";

/** The account's groups with their members, for the admins' page. */
export async function listGroups(db: Database, actor: Actor) {
  if (denial(actor, "manageAccount")) return [];
  const [groupRows, memberRows] = await Promise.all([
    db.select({ id: groups.id, name: groups.name }).from(groups).where(eq(groups.accountId, actor.accountId)).orderBy(asc(groups.name)),
    db
      .select({ groupId: groupMembers.groupId, id: users.id, name: users.name, role: users.role, active: users.active })
      .from(groupMembers)
      .innerJoin(users, and(eq(users.accountId, groupMembers.accountId), eq(users.id, groupMembers.userId)))
      .where(eq(groupMembers.accountId, actor.accountId))
      .orderBy(asc(users.name)),
  ]);
  return groupRows.map((g) => ({ ...g, members: memberRows.filter((m) => m.groupId === g.id) }));
}

export type AccountGroup = Awaited<ReturnType<typeof listGroups>>[number];

async function lockGroup(tx: Database, actor: Actor, groupId: string) {
  const [group] = await tx
    .select({ id: groups.id, name: groups.name })
    .from(groups)
    .where(and(eq(groups.accountId, actor.accountId), eq(groups.id, groupId)))
    .for("update");
  if (!group) fail("not_found");
  return group;
}

export async function createGroup(tx: Database, actor: Actor, input: CreateGroup): Promise<{ groupId: string }> {
  const [group] = await unlessTaken(
    "name_taken",
    tx.insert(groups).values({ accountId: actor.accountId, name: input.name }).returning({ id: groups.id }),
  );
  await recordAccountChange(tx, actor, "group.changed", { change: "created", groupId: group!.id, name: input.name });
  return { groupId: group!.id };
}

export async function renameGroup(tx: Database, actor: Actor, input: RenameGroup): Promise<object> {
  const { groupId, name } = input;
  const group = await lockGroup(tx, actor, groupId);
  if (group.name === name) return {};
  await unlessTaken("name_taken", tx.update(groups).set({ name }).where(and(eq(groups.accountId, actor.accountId), eq(groups.id, groupId))));
  await recordAccountChange(tx, actor, "group.changed", { change: "renamed", groupId, from: group.name, to: name });
  return {};
}

/**
 * Deleting a group removes its memberships; conversations keep their owners. Refused while an
 * automation flow deals conversations among it.
 */
export async function deleteGroup(tx: Database, actor: Actor, input: GroupRef): Promise<object> {
  const group = await lockGroup(tx, actor, input.groupId);
  // A flow that deals conversations among this group would fail at every run once it is gone.
  const [usedBy] = await queryRows<{ name: string }>(
    tx,
    sql`select name from automations
        where account_id = ${actor.accountId}
          and exists (select 1 from jsonb_array_elements(actions) a
                      where a->>'type' = 'assign_round_robin' and a->>'groupId' = ${group.id}::text)
        limit 1`,
  );
  if (usedBy) fail("group_in_use");
  const members = await tx
    .select({ userId: groupMembers.userId })
    .from(groupMembers)
    .where(and(eq(groupMembers.accountId, actor.accountId), eq(groupMembers.groupId, group.id)));
  await tx.delete(groups).where(and(eq(groups.accountId, actor.accountId), eq(groups.id, group.id)));
  await recordAccountChange(tx, actor, "group.changed", {
    change: "deleted",
    groupId: group.id,
    name: group.name,
    from: { members: members.map((m) => m.userId) },
  });
  return {};
}

/** The one row saying this person is in this group of the actor's account. */
const membership = (actor: Actor, groupId: string, userId: string) =>
  and(eq(groupMembers.accountId, actor.accountId), eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId));

export async function addGroupMember(tx: Database, actor: Actor, input: GroupMember): Promise<object> {
  const { groupId, userId } = input;
  const group = await lockGroup(tx, actor, groupId);
  // Only an active admin or seller of this same account; any other id is refused, not ignored.
  const added = await tx
    .insert(groupMembers)
    .select(
      tx
        .select({ accountId: users.accountId, groupId: sql<string>`${group.id}::uuid`.as("group_id"), userId: users.id })
        .from(users)
        .where(
          and(
            eq(users.accountId, actor.accountId),
            eq(users.id, userId),
            eq(users.active, true),
            inArray(users.role, [...ASSIGNABLE_ROLES]),
          ),
        ),
    )
    .onConflictDoNothing()
    .returning({ userId: groupMembers.userId });
  if (added.length === 0) {
    const [already] = await tx
      .select({ userId: groupMembers.userId })
      .from(groupMembers)
      .where(membership(actor, group.id, userId));
    if (already) return {};
    fail("invalid_target");
  }
  await recordAccountChange(tx, actor, "group.changed", { change: "member_added", groupId: group.id, name: group.name, userId });
  return {};
}

export async function removeGroupMember(tx: Database, actor: Actor, input: GroupMember): Promise<object> {
  const { groupId, userId } = input;
  const group = await lockGroup(tx, actor, groupId);
  const removed = await tx
    .delete(groupMembers)
    .where(membership(actor, group.id, userId))
    .returning({ userId: groupMembers.userId });
  if (removed.length === 0) fail("not_found");
  await recordAccountChange(tx, actor, "group.changed", { change: "member_removed", groupId: group.id, name: group.name, userId });
  return {};
}
