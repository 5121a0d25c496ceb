import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { mayView } from "@/lib/access/visibility";
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
  /** Conversations the viewer changed themselves: their screen already follows those. */
  own: Set<string>;
}

export const nothingPending = (): Pending => ({ everything: false, ids: new Set(), involved: false, given: new Set(), own: new Set() });

/** Adds a notice of the viewer's account to what is pending for them. */
export function accumulate(pending: Pending, notice: ChangeNotice, viewerId: string): void {
  if (notice.c === null) pending.everything = true;
  else for (const id of notice.c) pending.ids.add(id);
  if (notice.u?.includes(viewerId)) pending.involved = true;
  for (const [conversationId, actorId] of notice.by ?? []) if (actorId === viewerId) pending.own.add(conversationId);
  for (const [conversationId, to] of notice.t ?? []) if (to === viewerId) pending.given.add(conversationId);
}

export type ConversationState = { accountId: string; ownerId: string | null; status: string };

/** The conversations whose current state a delivery needs for this screen. */
export function namedBy(pending: Pending, openId: string | null): string[] {
  const ids = [...pending.ids, ...pending.given];
  if (openId && (pending.everything || pending.ids.has(openId))) ids.push(openId);
  return ids;
}

/**
 * What this viewer may be told, decided from the database as it is now (the person re-read, the
 * conversations' current owner and status) — never from what the browser asked for: only
 * conversations they can see at this moment, nothing at all without the inbox (editor, locked
 * plan). `openId` is the conversation on their screen: if they can no longer see it, they are
 * told so in place — unless they gave it away themselves, and their own action takes them back.
 */
export function eventsFor(actor: Actor, pending: Pending, openId: string | null, now: Map<string, ConversationState>): LiveEvent[] {
  if (denial(actor, "seeInbox")) return [];
  const visible = (id: string) => {
    const state = now.get(id);
    return state !== undefined && mayView(actor, state);
  };
  const events: LiveEvent[] = [];
  const openTouched = openId !== null && !pending.own.has(openId) && (pending.everything || pending.ids.has(openId));
  // First, so the screen shows the notice before it would refetch a page it may no longer see.
  if (openTouched && !visible(openId)) events.push({ type: "lost", id: openId });
  const changed = [...pending.ids].filter(visible);
  if (pending.everything) events.push({ type: "refresh" });
  else if (changed.length > 0) events.push({ type: "changed", ids: changed });
  // A seller whose conversations were all taken away sees none of the ids, yet their list changed.
  else if (pending.involved) events.push({ type: "refresh" });
  for (const id of pending.given) if (visible(id)) events.push({ type: "assigned", id });
  return events;
}
