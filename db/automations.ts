import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { primaryId, accountRef, createdAt, sameAccountKey } from "./columns";

export const AUTOMATION_TRIGGERS = ["conversation.opened_by_whatsapp", "conversation.assigned", "conversation.closed"] as const;
export type AutomationTrigger = (typeof AUTOMATION_TRIGGERS)[number];

export type AutomationAction =
  | { type: "reply"; text: string }
  | { type: "assign_user"; userId: string }
  | { type: "assign_round_robin"; groupId: string }
  | { type: "webhook"; url: string };

/** A flow: when its trigger happens in the account, each of its actions runs (through the outbox). */
export const automations = pgTable(
  "automations",
  {
    id: primaryId(),
    accountId: accountRef(),
    name: text("name").notNull(),
    trigger: text("trigger", { enum: AUTOMATION_TRIGGERS }).notNull(),
    actions: jsonb("actions").$type<AutomationAction[]>().notNull(),
    active: boolean("active").notNull().default(true),
    // Signs the JSON bodies of webhook actions (X-Turno-Signature-256), so receivers can trust them.
    signingSecret: text("signing_secret").notNull(),
    createdById: uuid("created_by_id"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("automations_account_id_id_key").on(t.accountId, t.id),
    index("automations_trigger_idx").on(t.accountId, t.trigger).where(sql`${t.active}`),
    sameAccountKey("automations_created_by_fk", [t.accountId, t.createdById], users),
    check(
      "automations_trigger_check",
      sql`${t.trigger} in ('conversation.opened_by_whatsapp', 'conversation.assigned', 'conversation.closed')`,
    ),
    check("automations_name_check", sql`length(trim(${t.name})) between 1 and 120`),
    check("automations_actions_check", sql`jsonb_typeof(${t.actions}) = 'array' and jsonb_array_length(${t.actions}) between 1 and 10`),
  ],
);

export const JOB_STATUSES = ["pending", "done", "failed"] as const;

/**
 * The durable outbox: one row per (event, automation action), written in the same transaction as
 * the change that caused the event, and delivered at least once by the worker.
 */
export const automationJobs = pgTable(
  "automation_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    accountId: uuid("account_id").notNull(),
    automationId: uuid("automation_id").notNull(),
    actionIndex: integer("action_index").notNull(),
    event: text("event").notNull(),
    conversationId: uuid("conversation_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    availableAt: timestamp("available_at", { withTimezone: true }).notNull().defaultNow(),
    lastError: text("last_error"),
    createdAt: createdAt(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    index("automation_jobs_due_idx").on(t.availableAt, t.id).where(sql`${t.status} = 'pending'`),
    index("automation_jobs_account_idx").on(t.accountId, t.createdAt),
    sameAccountKey("automation_jobs_automation_fk", [t.accountId, t.automationId], automations, "cascade"),
    check("automation_jobs_status_check", sql`${t.status} in ('pending', 'done', 'failed')`),
    check("automation_jobs_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

export type Automation = typeof automations.$inferSelect;
export type AutomationJob = typeof automationJobs.$inferSelect;
