import { z } from "zod";
import { cleanString } from "@/lib/text";
import { ROLES } from "@/db/schema";

// Shared by the forms (client) and the server actions: same rules, same message keys (users.errors.*).
export const userNameSchema = cleanString("nameInvalid").trim().min(1, { error: "nameRequired" }).max(200, { error: "nameTooLong" });

export const createUserSchema = z.object({
  name: userNameSchema,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, { error: "emailInvalid" })
    .pipe(z.email({ error: "emailInvalid" })),
  role: z.enum(ROLES, { error: "pickRole" }),
});
export type CreateUserInput = z.input<typeof createUserSchema>;
export type CreateUser = z.output<typeof createUserSchema>;

export const changeRoleSchema = z.object({ userId: z.uuid(), role: z.enum(ROLES, { error: "pickRole" }) });
export type ChangeRoleInput = z.input<typeof changeRoleSchema>;
export type ChangeRole = z.output<typeof changeRoleSchema>;

export const setUserActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export type SetUserActiveInput = z.input<typeof setUserActiveSchema>;
export type SetUserActive = z.output<typeof setUserActiveSchema>;
