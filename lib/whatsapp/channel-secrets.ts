import { inArray } from "drizzle-orm";
import { getConnection, type Connection, type Database } from "@/db/client";
import { whatsappChannels } from "@/db/schema";

export interface ChannelSecret {
  accountId: string;
  phoneNumberId: string;
  appSecret: string;
}

/** Finds the configured channels among the numbers a delivery names. */
export type ChannelLookup = (numbers: string[]) => Promise<ChannelSecret[]>;

// Announced by a trigger on whatsapp_channels (migration 0022) whenever a channel changes.
export const CHANNELS_CHANNEL = "turno_channels";
// Forgotten after this even without an announcement: a safety net, not the mechanism.
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 5_000;

/** One query per delivery: what the webhook does without a cache (and in tests that pass a database). */
export function lookupChannels(db: Database): ChannelLookup {
  return (numbers) =>
    db
      .select({ accountId: whatsappChannels.accountId, phoneNumberId: whatsappChannels.phoneNumberId, appSecret: whatsappChannels.appSecret })
      .from(whatsappChannels)
      .where(inArray(whatsappChannels.phoneNumberId, numbers));
}

/**
 * The channels' secrets, kept in this instance's memory while it hears every change to them on
 * PostgreSQL (LISTEN): a changed or removed secret is forgotten on every instance as it commits,
 * and everything is forgotten when the listening connection drops and comes back. Numbers no
 * account has are remembered as such too — answering them slower than known ones would tell a
 * caller which numbers exist — up to MAX_ENTRIES, past which it starts over.
 */
export function cachedChannels(conn: Pick<Connection, "db" | "listen">): ChannelLookup {
  const known = new Map<string, { channel: ChannelSecret | null; at: number }>();
  const direct = lookupChannels(conn.db);
  let listening: Promise<boolean> | null = null;
  const listen = () =>
    (listening ??= conn
      .listen(CHANNELS_CHANNEL, () => known.clear(), () => known.clear())
      .then(
        () => true,
        () => {
          listening = null;
          return false;
        },
      ));
  return async (numbers) => {
    // Until the announcements are heard, nothing can be trusted to stay current: ask each time.
    if (!(await listen())) return direct(numbers);
    const now = Date.now();
    const missing = numbers.filter((n) => !((known.get(n)?.at ?? -Infinity) > now - MAX_AGE_MS));
    if (missing.length > 0) {
      const found = new Map((await direct(missing)).map((c) => [c.phoneNumberId, c]));
      if (known.size + missing.length > MAX_ENTRIES) known.clear();
      for (const n of missing) known.set(n, { channel: found.get(n) ?? null, at: now });
    }
    return numbers.flatMap((n) => {
      const channel = known.get(n)?.channel;
      return channel ? [channel] : [];
    });
  };
}

const globalForChannels = globalThis as unknown as { turnoChannels?: Promise<ChannelLookup> };

/** This instance's cache, on the app's shared connection. */
export function appChannels(): Promise<ChannelLookup> {
  globalForChannels.turnoChannels ??= getConnection().then((conn) => cachedChannels(conn));
  return globalForChannels.turnoChannels;
}
