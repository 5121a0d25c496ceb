"use server";

import { z } from "zod";
import { serverAction } from "@/lib/access/action";
import type { CreateAutomationInput } from "@/lib/automations/input";
import { automationsDenial, createAutomation, deleteAutomation, setAutomationActive } from "@/lib/automations/manage";

const toggleInput = z.object({ id: z.uuid(), active: z.boolean() });
const idInput = z.uuid();
const FLOWS = { policy: automationsDenial, revalidate: "/settings/automations" };

export const createAutomationAction = serverAction(
  "createAutomation",
  FLOWS,
  (db, actor, input: CreateAutomationInput) => createAutomation(db, actor, input),
);

export const toggleAutomationAction = serverAction(
  "toggleAutomation",
  FLOWS,
  async (db, actor, input: { id: string; active: boolean }) => {
    const parsed = toggleInput.safeParse(input);
    if (!parsed.success) return { ok: false as const, error: "invalid_input" as const };
    return setAutomationActive(db, actor, parsed.data.id, parsed.data.active);
  },
);

export const deleteAutomationAction = serverAction("deleteAutomation", FLOWS, async (db, actor, id: string) => {
  if (!idInput.safeParse(id).success) return { ok: false as const, error: "invalid_input" as const };
  return deleteAutomation(db, actor, id);
});
