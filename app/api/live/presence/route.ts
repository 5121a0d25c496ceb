import { z } from "zod";
import { sessionRoute } from "@/lib/actions/session-route";
import { canSeeConversation } from "@/lib/access/visibility";
import { PRESENCE_STATES } from "@/lib/live/events";
import { publishPresence } from "@/lib/live/presence";

const presenceInput = z.object({ conversationId: z.uuid(), state: z.enum(PRESENCE_STATES) });

/** "Laura está viendo / escribiendo…": a short notice to the others on the conversation; nothing is written. */
export const POST = sessionRoute({ name: "presence", permission: "seeInbox", query: () => null }, async ({ request, db, actor }) => {
  // A presence notice is a few dozen bytes; anything larger is not one.
  if (Number(request.headers.get("content-length") ?? 0) > 1_000) return new Response("too_large", { status: 413 });
  const parsed = presenceInput.safeParse(await request.json().catch(() => null));
  if (!parsed.success) return new Response("invalid_input", { status: 400 });
  if (!(await canSeeConversation(db, actor, parsed.data.conversationId))) return new Response("not_found", { status: 404 });
  await publishPresence(db, actor, parsed.data.conversationId, parsed.data.state);
  return new Response(null, { status: 204 });
});
