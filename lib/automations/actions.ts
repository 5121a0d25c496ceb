import { z } from "zod";
import { defineAction } from "@/lib/access/pipeline";
import { createAutomationSchema } from "./input";
import { createAutomation, deleteAutomation, setAutomationActive } from "./manage";

const flows = { permission: "manageAutomations", revalidate: "/settings/automations" } as const;

/** Configuración → Automatizaciones. */
export const automationActions = {
  create: defineAction({ name: "createAutomation", input: createAutomationSchema, ...flows, run: createAutomation }),
  setActive: defineAction({ name: "toggleAutomation", input: z.object({ id: z.uuid(), active: z.boolean() }), ...flows, run: setAutomationActive }),
  remove: defineAction({ name: "deleteAutomation", input: z.uuid(), ...flows, run: deleteAutomation }),
};
