import { z } from "zod";
import { cleanString } from "@/lib/text";

// Shared by the forms and the server actions (message keys under groups.errors.*).
export const groupNameSchema = cleanString("nameInvalid").trim().min(1, { error: "nameRequired" }).max(100, { error: "nameTooLong" });

export const createGroupSchema = z.object({ name: groupNameSchema });
export const renameGroupSchema = z.object({ groupId: z.uuid(), name: groupNameSchema });
export const groupSchema = z.object({ groupId: z.uuid() });
export const groupMemberSchema = z.object({ groupId: z.uuid(), userId: z.uuid({ error: "pickUser" }) });

export type CreateGroupInput = z.input<typeof createGroupSchema>;
export type CreateGroup = z.output<typeof createGroupSchema>;
export type RenameGroupInput = z.input<typeof renameGroupSchema>;
export type RenameGroup = z.output<typeof renameGroupSchema>;
export type GroupInput = z.input<typeof groupSchema>;
export type GroupRef = z.output<typeof groupSchema>;
export type GroupMemberInput = z.input<typeof groupMemberSchema>;
export type GroupMember = z.output<typeof groupMemberSchema>;
