import { z } from "zod";

/** Channel of committed changes (published by the database's triggers, migration 0016). */
export const CHANGES_CHANNEL = "turno_live";
/** Channel of who is looking at or typing in a conversation: never stored. */
export const PRESENCE_CHANNEL = "turno_presence";

const id = z.uuid();

/** What a change announces: the account, and — unless it touched too many — which conversations and people. */
export const changeNotice = z.object({
  a: id,
  k: z.enum(["change", "message"]),
  c: z.array(id).nullable(),
  u: z.array(id).optional(),
  by: z.array(z.tuple([id, id])).optional(),
  t: z.array(z.tuple([id, id])).optional(),
});
export type ChangeNotice = z.infer<typeof changeNotice>;

export const PRESENCE_STATES = ["join", "viewing", "typing", "left"] as const;
export type PresenceState = (typeof PRESENCE_STATES)[number];

export const presenceNotice = z.object({
  a: id,
  c: id,
  u: id,
  n: z.string().max(200),
  s: z.enum(PRESENCE_STATES),
});
export type PresenceNotice = z.infer<typeof presenceNotice>;

/** What a browser receives. Ids and kinds only: the page fetches what it may see. */
export type LiveEvent =
  /** These conversations the viewer may see changed: refetch the list, and the thread if it is one of them. */
  | { type: "changed"; ids: string[] }
  /** Something changed that the viewer's list may show, too much to name: refetch. */
  | { type: "refresh" }
  /** The conversation the viewer has open is no longer theirs to see. */
  | { type: "lost"; id: string }
  /** Someone else gave the viewer this conversation. */
  | { type: "assigned"; id: string }
  | { type: "presence"; userId: string; name: string; state: PresenceState };

export function parseNotice<T>(schema: z.ZodType<T>, payload: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(payload));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
