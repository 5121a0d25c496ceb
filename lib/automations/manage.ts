import { randomBytes } from "node:crypto";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { automationJobs, automations, groups } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { findAssignees } from "@/lib/assignment/assignees";
import { fail } from "@/lib/errors";
import type { CreateAutomation } from "./input";

/** A flow: what starts it and its actions, every person and group it names checked within the account. */
export async function createAutomation(tx: Database, actor: Actor, input: CreateAutomation) {
  const { actions } = input;
  // Every person and group a flow names must be of this account (and assignable) today.
  const userIds = actions.flatMap((a) => (a.type === "assign_user" ? [a.userId] : []));
  if ((await findAssignees(tx, actor.accountId, userIds)).length !== new Set(userIds).size) fail("invalid_target");
  const groupIds = [...new Set(actions.flatMap((a) => (a.type === "assign_round_robin" ? [a.groupId] : [])))];
  if (groupIds.length) {
    const found = await tx
      .select({ id: groups.id })
      .from(groups)
      .where(and(eq(groups.accountId, actor.accountId), inArray(groups.id, groupIds)))
      // Held until commit: a group deleted meanwhile (deleteGroup refuses groups in use) waits for this flow.
      .for("share");
    if (found.length !== groupIds.length) fail("invalid_target");
  }
  const [row] = await tx
    .insert(automations)
    .values({
      accountId: actor.accountId,
      name: input.name,
      trigger: input.trigger,
      actions,
      signingSecret: randomBytes(24).toString("base64url"),
      createdById: actor.userId,
    })
    .returning({ id: automations.id });
  return { id: row!.id };
}

export async function setAutomationActive(tx: Database, actor: Actor, { id, active }: { id: string; active: boolean }) {
  const rows = await tx
    .update(automations)
    .set({ active })
    .where(and(eq(automations.accountId, actor.accountId), eq(automations.id, id)))
    .returning({ id: automations.id });
  if (rows.length === 0) fail("not_found");
  return {};
}

export async function deleteAutomation(tx: Database, actor: Actor, id: string) {
  const rows = await tx
    .delete(automations)
    .where(and(eq(automations.accountId, actor.accountId), eq(automations.id, id)))
    .returning({ id: automations.id });
  if (rows.length === 0) fail("not_found");
  return {};
}

/** The account's flows and their latest runs, for the admins' page. */
export async function listAutomations(db: Database, actor: Actor) {
  if (denial(actor, "manageAutomations")) return { flows: [], jobs: [] };
  const [flows, jobs] = await Promise.all([
    db
      .select()
      .from(automations)
      .where(eq(automations.accountId, actor.accountId))
      .orderBy(desc(automations.createdAt)),
    db
      .select({
        id: automationJobs.id,
        automationId: automationJobs.automationId,
        automationName: automations.name,
        event: automationJobs.event,
        actionIndex: automationJobs.actionIndex,
        status: automationJobs.status,
        attempts: automationJobs.attempts,
        lastError: automationJobs.lastError,
        availableAt: automationJobs.availableAt,
        createdAt: automationJobs.createdAt,
        conversationId: automationJobs.conversationId,
      })
      .from(automationJobs)
      .innerJoin(automations, and(eq(automations.accountId, automationJobs.accountId), eq(automations.id, automationJobs.automationId)))
      .where(eq(automationJobs.accountId, actor.accountId))
      .orderBy(desc(automationJobs.id))
      .limit(50),
  ]);
  return { flows, jobs };
}
