"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db/client";
import { getActor } from "@/lib/access/session";
import type { CreateAutomationInput } from "@/lib/automations/input";
import { createAutomation, deleteAutomation, setAutomationActive } from "@/lib/automations/manage";
import type { DomainError } from "@/lib/errors";

type Result = { ok: true } | { ok: false; error: DomainError };

async function run(work: (db: Awaited<ReturnType<typeof getDb>>, actor: NonNullable<Awaited<ReturnType<typeof getActor>>>) => Promise<{ ok: boolean; error?: DomainError }>): Promise<Result> {
  const actor = await getActor();
  if (!actor) return { ok: false, error: "unauthenticated" };
  try {
    const result = await work(await getDb(), actor);
    if (!result.ok) return { ok: false, error: result.error ?? "unexpected" };
    revalidatePath("/settings/automations");
    return { ok: true };
  } catch (error) {
    console.error("automation action failed", { userId: actor.userId, error });
    return { ok: false, error: "unexpected" };
  }
}

const id = z.uuid();

export async function createAutomationAction(input: CreateAutomationInput) {
  return run((db, actor) => createAutomation(db, actor, input));
}

export async function toggleAutomationAction(automationId: string, active: boolean) {
  if (!id.safeParse(automationId).success || typeof active !== "boolean") return { ok: false as const, error: "invalid_input" as const };
  return run((db, actor) => setAutomationActive(db, actor, automationId, active));
}

export async function deleteAutomationAction(automationId: string) {
  if (!id.safeParse(automationId).success) return { ok: false as const, error: "invalid_input" as const };
  return run((db, actor) => deleteAutomation(db, actor, automationId));
}
