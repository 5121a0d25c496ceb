import { z } from "zod";
import { sessionRoute } from "@/lib/actions/session-route";
import { canSeeConversation } from "@/lib/access/visibility";
import { getSessionRef } from "@/lib/auth/session";
import type { LiveEvent } from "@/lib/live/events";
import { getHub } from "@/lib/live/hub";

export const dynamic = "force-dynamic";

/**
 * The live inbox as Server-Sent Events: what changed for this person, as it commits on any
 * instance. `?c=<id>` names the conversation on screen (for presence and "no longer yours").
 * EventSource reconnects by itself; on reconnect the page refetches what it shows.
 */
export const GET = sessionRoute(
  { name: "liveStream", permission: "seeInbox", query: (params) => z.uuid().safeParse(params.get("c")).data ?? null },
  async ({ request, db, actor, query: requestedOpen }) => {
    const session = await getSessionRef();
    if (!session) return new Response("unauthenticated", { status: 401 });
    // The browser names what it has open; whether it may see it is the server's to decide.
    const openId = requestedOpen && (await canSeeConversation(db, actor, requestedOpen)) ? requestedOpen : null;
    const hub = await getHub();
    const encoder = new TextEncoder();
    let stop = () => {};
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        let open = true;
        const write = (text: string) => {
          if (!open) return;
          try {
            controller.enqueue(encoder.encode(text));
          } catch {
            end();
          }
        };
        const end = () => {
          if (!open) return;
          open = false;
          stop();
          try {
            controller.enqueue(encoder.encode("event: end\ndata: {}\n\n"));
            controller.close();
          } catch {
            // Already gone.
          }
        };
        const subscriber = {
          userId: actor.userId,
          accountId: actor.accountId,
          session: { sessionId: session.sessionId, signedInAt: session.signedInAt },
          openId,
          send: (event: LiveEvent) => write(`data: ${JSON.stringify(event)}\n\n`),
          ping: () => write(": ping\n\n"),
          end,
        };
        request.signal.addEventListener("abort", end);
        stop = await hub.subscribe(subscriber, actor);
        // Gone while subscribing (or before): nothing will ever end this stream, so end it now.
        if (!open || request.signal.aborted) {
          stop();
          return end();
        }
        // Tells the browser the stream is live (and how soon to come back after a drop).
        write("retry: 2000\nevent: ready\ndata: {}\n\n");
      },
      cancel() {
        stop();
      },
    });
    return new Response(body, {
      headers: {
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache, no-transform",
        "x-accel-buffering": "no",
      },
    });
  },
);
