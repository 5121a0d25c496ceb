import { sql } from "drizzle-orm";
import { bigserial, boolean, check, index, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { primaryId, accountRef, createdAt, sameAccountKey } from "./columns";

export const PLANS = ["basic", "pro", "enterprise"] as const;
export type Plan = (typeof PLANS)[number];

export const ADDONS = ["whatsapp"] as const;
export type Addon = (typeof ADDONS)[number];

export const ROLES = ["admin", "seller", "editor", "support"] as const;
export type Role = (typeof ROLES)[number];

export const accounts = pgTable(
  "accounts",
  {
    id: primaryId(),
    name: text("name").notNull(),
    plan: text("plan", { enum: PLANS }).notNull().default("basic"),
    createdAt: createdAt(),
  },
  (t) => [
    check("accounts_plan_check", sql`${t.plan} in ('basic', 'pro', 'enterprise')`),
    check("accounts_name_check", sql`length(trim(${t.name})) between 1 and 200`),
  ],
);

export const accountAddons = pgTable(
  "account_addons",
  {
    accountId: accountRef(),
    addon: text("addon", { enum: ADDONS }).notNull(),
    activatedAt: timestamp("activated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.accountId, t.addon] }),
    check("account_addons_addon_check", sql`${t.addon} in ('whatsapp')`),
  ],
);

export const users = pgTable(
  "users",
  {
    id: primaryId(),
    accountId: accountRef(),
    name: text("name").notNull(),
    // Sign-in is by email alone, so an address belongs to one account only.
    email: text("email").notNull().unique(),
    role: text("role", { enum: ROLES }).notNull(),
    active: boolean("active").notNull().default(true),
    passwordHash: text("password_hash").notNull(),
    // Set when an admin created the account with a one-time password: until the person picks
    // their own, every page sends them to /password and every action is refused.
    mustChangePassword: boolean("must_change_password").notNull().default(false),
    // A password change ends every other session: sessions signed in before this moment are
    // refused, except the one the change was made from.
    passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }),
    passwordChangedInSession: uuid("password_changed_in_session"),
    createdAt: createdAt(),
  },
  (t) => [
    // Target of the composite foreign keys that keep every owner inside its own tenant.
    unique("users_account_id_id_key").on(t.accountId, t.id),
    index("users_account_role_idx").on(t.accountId, t.role),
    check("users_role_check", sql`${t.role} in ('admin', 'seller', 'editor', 'support')`),
    check("users_email_check", sql`${t.email} = lower(${t.email}) and position('@' in ${t.email}) > 1`),
    check("users_name_check", sql`length(trim(${t.name})) between 1 and 200`),
  ],
);

export const groups = pgTable(
  "groups",
  {
    id: primaryId(),
    accountId: accountRef(),
    name: text("name").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("groups_account_id_id_key").on(t.accountId, t.id),
    unique("groups_account_name_key").on(t.accountId, t.name),
    check("groups_name_check", sql`length(trim(${t.name})) between 1 and 100`),
  ],
);

export const groupMembers = pgTable(
  "group_members",
  {
    accountId: uuid("account_id").notNull(),
    groupId: uuid("group_id").notNull(),
    userId: uuid("user_id").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.groupId, t.userId] }),
    index("group_members_user_idx").on(t.accountId, t.userId),
    sameAccountKey("group_members_group_fk", [t.accountId, t.groupId], groups, "cascade"),
    sameAccountKey("group_members_user_fk", [t.accountId, t.userId], users, "cascade"),
  ],
);

export type Account = typeof accounts.$inferSelect;
export type User = typeof users.$inferSelect;
export type Group = typeof groups.$inferSelect;

/**
 * Signed-out sessions. Sessions are JWT cookies, and a request still in flight when someone signs
 * out comes back with a renewed cookie; listing the session id here keeps it dead anyway.
 */
export const revokedSessions = pgTable(
  "revoked_sessions",
  {
    sessionId: uuid("session_id").primaryKey(),
    accountId: uuid("account_id").notNull(),
    userId: uuid("user_id").notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("revoked_sessions_revoked_at_idx").on(t.revokedAt),
    sameAccountKey("revoked_sessions_user_fk", [t.accountId, t.userId], users, "cascade"),
  ],
);

/**
 * Failed password checks, kept for a short window to slow down guessing: by email at sign-in
 * ("email:…") and by person on the change-password page ("password:…"). No foreign key: an
 * unknown email is counted too, or the limit would tell which emails exist.
 */
export const passwordFailures = pgTable(
  "password_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    key: text("key").notNull(),
    failedAt: timestamp("failed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("password_failures_key_idx").on(t.key, t.failedAt)],
);
