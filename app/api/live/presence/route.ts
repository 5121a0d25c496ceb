import { z } from "zod";
import { sessionRoute } from "@/lib/actions/session-route";
import { canSeeConversation } from "@/lib/access/visibility";
import { PRESENCE_STATES } from "@/lib/live/events";
import { publishPresence } from "@/lib/live/presence";
import { readBodyWithin } from "@/lib/whatsapp/request-body";

const MIN_INTERVAL_MS = 500;
const lastSeen = new Map<string, number>();

/** At most one notice of a kind per person and conversation every half second, on this instance. */
function presenceAllowed(key: string, now = Date.now()): boolean {
  if (lastSeen.size > 10_000) for (const [k, at] of lastSeen) if (now - at > MIN_INTERVAL_MS) lastSeen.delete(k);
  const previous = lastSeen.get(key);
  if (previous !== undefined && now - previous < MIN_INTERVAL_MS) return false;
  lastSeen.set(key, now);
  return true;
}

const presenceInput = z.object({ conversationId: z.uuid(), state: z.enum(PRESENCE_STATES) });

/** "Laura está viendo / escribiendo…": a short notice to the others on the conversation; nothing is written. */
export const POST = sessionRoute({ name: "presence", permission: "seeInbox", query: () => null }, async ({ request, db, actor }) => {
  // A presence notice is a few dozen bytes; anything larger is not one, declared or not.
  const body = await readBodyWithin(request, 1_000);
  if (body === "too_large") return new Response("too_large", { status: 413 });
  let json: unknown = null;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    // Stays null: refused below.
  }
  const parsed = presenceInput.safeParse(json);
  if (!parsed.success) return new Response("invalid_input", { status: 400 });
  // The client sends a few a minute; more than that from one person is noise every instance would fan out.
  if (!presenceAllowed(`${actor.userId}:${parsed.data.conversationId}:${parsed.data.state}`)) return new Response(null, { status: 429 });
  if (!(await canSeeConversation(db, actor, parsed.data.conversationId))) return new Response("not_found", { status: 404 });
  await publishPresence(db, actor, parsed.data.conversationId, parsed.data.state);
  return new Response(null, { status: 204 });
});
