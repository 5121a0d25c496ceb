import { foreignKey, timestamp, uuid, type PgColumn } from "drizzle-orm/pg-core";
import { accounts } from "./accounts";

// The columns nearly every table starts with, written once. `accounts` is reached inside the
// reference callback only, so the cycle with accounts.ts is harmless.

/** A random uuid primary key. */
export const primaryId = () => uuid("id").primaryKey().defaultRandom();

/** The tenant: every row belongs to one account and goes when the account goes. */
export const accountRef = () =>
  uuid("account_id")
    .notNull()
    .references(() => accounts.id, { onDelete: "cascade" });

/** When the row was made. */
export const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();

/**
 * A reference that stays inside one account: (account_id, column) → the target's (account_id,
 * id), so a row can never point at another tenant's row, whatever the ids say.
 */
export function sameAccountKey(
  name: string,
  columns: [PgColumn, PgColumn],
  target: { accountId: PgColumn; id: PgColumn },
  onDelete?: "cascade",
) {
  const key = foreignKey({ name, columns, foreignColumns: [target.accountId, target.id] });
  return onDelete ? key.onDelete(onDelete) : key;
}
