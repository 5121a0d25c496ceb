import { randomInt } from "node:crypto";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { groupMembers, users, type Role } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { ASSIGNABLE_ROLES } from "@/lib/access/policy";
import { hashPassword } from "@/lib/auth/password";
import { fail, unlessTaken } from "@/lib/errors";
import { recordAccountChange } from "@/lib/history/account";
import type { ChangeRole, CreateUser, SetUserActive } from "./user-input";

// No look-alike characters (0/O, 1/l/I): the admin may have to read it out to the person.
const PASSWORD_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
const PASSWORD_LENGTH = 18; // ~103 bits from a CSPRNG

export function generatePassword(): string {
  return Array.from({ length: PASSWORD_LENGTH }, () => PASSWORD_ALPHABET[randomInt(PASSWORD_ALPHABET.length)]).join("");
}

/** The account's people for the admins' page, active first, with how many open conversations each owns. */
export async function listUsers(db: Database, actor: Actor) {
  if (denial(actor, "manageAccount")) return [];
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      active: users.active,
      createdAt: users.createdAt,
      openConversations: sql<number>`(select count(*)::int from conversations c
        where c.account_id = ${users.accountId} and c.owner_id = ${users.id} and c.status = 'open')`,
    })
    .from(users)
    .where(eq(users.accountId, actor.accountId))
    .orderBy(desc(users.active), asc(users.name));
}

export type AccountUser = Awaited<ReturnType<typeof listUsers>>[number];

/**
 * A new person of the account with a strong random one-time password, returned once (only its
 * hash is kept); they choose their own at first sign-in.
 */
export async function createAccountUser(tx: Database, actor: Actor, input: CreateUser) {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  // Sign-in is by email alone, so the address may belong to someone in any account.
  const [created] = await unlessTaken(
    "email_taken",
    tx.insert(users).values({ accountId: actor.accountId, ...input, passwordHash, mustChangePassword: true }).returning({ id: users.id }),
  );
  await recordAccountChange(tx, actor, "user.created", { userId: created!.id, ...input });
  return { userId: created!.id, password };
}

/**
 * Locks the account's active admins and the target, always in id order so two admins changing
 * each other at once queue instead of deadlocking, and re-read after the wait, so the last
 * admin can't be removed by two concurrent changes that each saw another admin left.
 */
async function lockTargetAndAdmins(tx: Database, actor: Actor, userId: string) {
  const rows = await queryRows<{ id: string; name: string; role: Role; active: boolean }>(
    tx,
    sql`select id, name, role, active from ${users}
        where account_id = ${actor.accountId} and ((role = 'admin' and active) or id = ${userId})
        order by id for update`,
  );
  const target = rows.find((r) => r.id === userId);
  if (!target) fail("not_found");
  const activeAdmins = rows.filter((r) => r.role === "admin" && r.active).length;
  const isLastAdmin = target.role === "admin" && target.active && activeAdmins <= 1;
  return { target, isLastAdmin };
}

export async function changeUserRole(tx: Database, actor: Actor, input: ChangeRole): Promise<{ changed: boolean }> {
  const { userId, role } = input;
  const { target, isLastAdmin } = await lockTargetAndAdmins(tx, actor, userId);
  if (target.role === role) return { changed: false };
  if (isLastAdmin) fail("last_admin");
  await tx.update(users).set({ role }).where(and(eq(users.accountId, actor.accountId), eq(users.id, userId)));
  // Groups are for dealing conversations: only admins and sellers may stay in them.
  const removed = (ASSIGNABLE_ROLES as readonly Role[]).includes(role)
    ? []
    : await tx
        .delete(groupMembers)
        .where(and(eq(groupMembers.accountId, actor.accountId), eq(groupMembers.userId, userId)))
        .returning({ groupId: groupMembers.groupId });
  await recordAccountChange(tx, actor, "user.role_changed", {
    userId,
    name: target.name,
    from: target.role,
    to: role,
    removedFromGroups: removed.map((r) => r.groupId),
  });
  return { changed: true };
}

/**
 * Deactivating ends the person's sessions at their next request (the actor is read from the
 * database each time) and keeps what they own assigned to them until someone reassigns it.
 */
export async function setUserActive(tx: Database, actor: Actor, input: SetUserActive): Promise<{ changed: boolean }> {
  const { userId, active } = input;
  const { target, isLastAdmin } = await lockTargetAndAdmins(tx, actor, userId);
  if (target.active === active) return { changed: false };
  if (!active && isLastAdmin) fail("last_admin");
  // Signing oneself out of the account for good is never what an admin meant to click.
  if (!active && userId === actor.userId) fail("self_deactivation");
  await tx.update(users).set({ active }).where(and(eq(users.accountId, actor.accountId), eq(users.id, userId)));
  await recordAccountChange(tx, actor, active ? "user.reactivated" : "user.deactivated", {
    userId,
    name: target.name,
    role: target.role,
    from: { active: target.active },
    to: { active },
  });
  return { changed: true };
}
