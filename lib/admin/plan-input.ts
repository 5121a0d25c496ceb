import { z } from "zod";
import { ADDONS, PLANS } from "@/db/schema";

export const changePlanSchema = z.object({ plan: z.enum(PLANS) });
export const setAddonSchema = z.object({ addon: z.enum(ADDONS), active: z.boolean() });

export type ChangePlanInput = z.input<typeof changePlanSchema>;
export type ChangePlan = z.output<typeof changePlanSchema>;
export type SetAddonInput = z.input<typeof setAddonSchema>;
export type SetAddon = z.output<typeof setAddonSchema>;
