import { and, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import { conversations } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { visibleConversations } from "@/lib/access/visibility";
import type { ChangeNotice, LiveEvent } from "./events";

/** What piled up for one open screen since its last delivery. */
export interface Pending {
  /** Some notice named no conversations (too many): everyone who may see the inbox refetches. */
  everything: boolean;
  ids: Set<string>;
  /** The viewer was among the people a change moved conversations from or to. */
  involved: boolean;
  /** Conversations someone else gave the viewer. */
  given: Set<string>;
  /** The viewer made one of these changes themselves: their screen already follows it. */
  own: boolean;
}

export const nothingPending = (): Pending => ({ everything: false, ids: new Set(), involved: false, given: new Set(), own: false });

/** Adds a notice of the viewer's account to what is pending for them. */
export function accumulate(pending: Pending, notice: ChangeNotice, viewerId: string): void {
  if (notice.c === null) pending.everything = true;
  else for (const id of notice.c) pending.ids.add(id);
  if (notice.u?.includes(viewerId)) pending.involved = true;
  if (notice.by?.includes(viewerId)) pending.own = true;
  for (const [conversationId, to] of notice.t ?? []) if (to === viewerId) pending.given.add(conversationId);
}

/**
 * What this viewer may be told, decided now from the database — never from what the browser
 * asked for: only conversations they can see at this moment, nothing at all without the inbox
 * (editor, locked plan). `openId` is the conversation on their screen: if they can no longer
 * see it, they are told so in place.
 */
export async function eventsFor(db: Database, actor: Actor, pending: Pending, openId: string | null): Promise<LiveEvent[]> {
  if (denial(actor, "seeInbox")) return [];
  // Whoever gave their own open conversation away is already being taken back to the list.
  const openTouched = openId !== null && !pending.own && (pending.everything || pending.ids.has(openId));
  const named = [...new Set([...pending.ids, ...pending.given, ...(openTouched ? [openId] : [])])];
  const visible = new Set(
    named.length === 0
      ? []
      : (
          await db
            .select({ id: conversations.id })
            .from(conversations)
            .where(and(visibleConversations(actor), inArray(conversations.id, named)))
        ).map((r) => r.id),
  );
  const events: LiveEvent[] = [];
  // First, so the screen shows the notice before it would refetch a page it may no longer see.
  if (openTouched && !visible.has(openId)) events.push({ type: "lost", id: openId });
  const changed = [...pending.ids].filter((id) => visible.has(id));
  if (pending.everything) events.push({ type: "refresh" });
  else if (changed.length > 0) events.push({ type: "changed", ids: changed });
  // A seller whose conversations were all taken away sees none of the ids, yet their list changed.
  else if (pending.involved) events.push({ type: "refresh" });
  for (const id of pending.given) if (visible.has(id)) events.push({ type: "assigned", id });
  return events;
}
