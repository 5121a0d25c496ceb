import { sql } from "drizzle-orm";
import { check, index, numeric, pgTable, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { primaryId, accountRef, createdAt, sameAccountKey } from "./columns";

export const OPPORTUNITY_STATUSES = ["open", "won", "lost"] as const;
export const WORK_ITEM_STATUSES = ["pending", "done"] as const;

export const contacts = pgTable(
  "contacts",
  {
    id: primaryId(),
    accountId: accountRef(),
    name: text("name").notNull(),
    // The name as the search box compares it (turno_fold, migration 0017), kept by the database:
    // a search rechecks every candidate row the trigram index returns, and folding each name at
    // that moment cost most of a common fragment's time (28,000 candidates: 120 ms against 33 ms).
    nameFolded: text("name_folded").generatedAlwaysAs(sql`turno_fold(name)`),
    // E.164 as shown to people ("+573001234567"); waId is the same number as WhatsApp sends it.
    phone: text("phone").notNull(),
    waId: text("wa_id").notNull(),
    email: text("email"),
    company: text("company"),
    ownerId: uuid("owner_id"),
    createdAt: createdAt(),
  },
  (t) => [
    unique("contacts_account_id_id_key").on(t.accountId, t.id),
    unique("contacts_account_wa_id_key").on(t.accountId, t.waId),
    index("contacts_account_owner_idx").on(t.accountId, t.ownerId),
    // The search box (lib/sql.ts foldedContains, lib/inbox contactMatches): fragments anywhere in
    // the folded name or in the phone's digits, served by trigrams (pg_trgm, migration 0017).
    index("contacts_name_folded_trgm_idx").using("gin", sql`${t.nameFolded} gin_trgm_ops`),
    index("contacts_phone_trgm_idx").using("gin", sql`${t.phone} gin_trgm_ops`),
    sameAccountKey("contacts_owner_fk", [t.accountId, t.ownerId], users),
    check("contacts_wa_id_check", sql`${t.waId} ~ '^[0-9]{6,20}$'`),
    check("contacts_phone_check", sql`${t.phone} ~ '^\\+[0-9]{6,20}$'`),
    check("contacts_name_check", sql`length(trim(${t.name})) between 1 and 200`),
  ],
);

export const opportunities = pgTable(
  "opportunities",
  {
    id: primaryId(),
    accountId: uuid("account_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    ownerId: uuid("owner_id"),
    title: text("title").notNull(),
    amount: numeric("amount", { precision: 14, scale: 2 }).notNull().default("0"),
    status: text("status", { enum: OPPORTUNITY_STATUSES }).notNull().default("open"),
    createdAt: createdAt(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
  },
  (t) => [
    index("opportunities_contact_idx").on(t.accountId, t.contactId),
    sameAccountKey("opportunities_contact_fk", [t.accountId, t.contactId], contacts, "cascade"),
    // Owner: a user of the same account, checked once per statement by a trigger (migration 0007).
    check("opportunities_status_check", sql`${t.status} in ('open', 'won', 'lost')`),
    check("opportunities_closed_check", sql`(${t.status} = 'open') = (${t.closedAt} is null)`),
    check("opportunities_amount_check", sql`${t.amount} >= 0`),
  ],
);

export const activities = pgTable(
  "activities",
  {
    id: primaryId(),
    accountId: uuid("account_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    ownerId: uuid("owner_id"),
    // A meeting, call or visit on the calendar, as opposed to a to-do (tasks).
    kind: text("kind", { enum: ["call", "meeting", "visit"] }).notNull().default("call"),
    title: text("title").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    status: text("status", { enum: WORK_ITEM_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [
    index("activities_contact_idx").on(t.accountId, t.contactId),
    sameAccountKey("activities_contact_fk", [t.accountId, t.contactId], contacts, "cascade"),
    // Owner: a user of the same account, checked once per statement by a trigger (migration 0007).
    check("activities_status_check", sql`${t.status} in ('pending', 'done')`),
    check("activities_kind_check", sql`${t.kind} in ('call', 'meeting', 'visit')`),
  ],
);

export const tasks = pgTable(
  "tasks",
  {
    id: primaryId(),
    accountId: uuid("account_id").notNull(),
    contactId: uuid("contact_id").notNull(),
    ownerId: uuid("owner_id"),
    title: text("title").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }),
    status: text("status", { enum: WORK_ITEM_STATUSES }).notNull().default("pending"),
    createdAt: createdAt(),
  },
  (t) => [
    index("tasks_contact_idx").on(t.accountId, t.contactId),
    sameAccountKey("tasks_contact_fk", [t.accountId, t.contactId], contacts, "cascade"),
    // Owner: a user of the same account, checked once per statement by a trigger (migration 0007).
    check("tasks_status_check", sql`${t.status} in ('pending', 'done')`),
  ],
);

export type Contact = typeof contacts.$inferSelect;
export type Opportunity = typeof opportunities.$inferSelect;
export type Activity = typeof activities.$inferSelect;
export type Task = typeof tasks.$inferSelect;
