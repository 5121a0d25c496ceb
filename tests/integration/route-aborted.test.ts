import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/access/actor";
import { session, useConnection } from "@/tests/support/actions";
import { createAccount, createConversation, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

describe("a route whose browser left mid-request", () => {
  it("answers quietly instead of failing: a presence beat cut off by a page change", async () => {
    useConnection(conn);
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const conversation = await createConversation(conn.db, account.id);
    session.actor = await loadActor(conn.db, admin.id);
    const { POST } = await import("@/app/api/live/presence/route");

    const abort = new AbortController();
    // The body never finishes: the browser closed the connection while sending it.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`{"conversationId":"${conversation.id}",`));
        abort.signal.addEventListener("abort", () => controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" })));
      },
    });
    const request = new Request("http://turno.test/api/live/presence", { method: "POST", body, signal: abort.signal, duplex: "half" } as RequestInit);
    const answered = POST(request);
    abort.abort();
    expect((await answered).status).toBe(499);

    // A whole beat from the same person is still answered as before.
    const ok = await POST(new Request("http://turno.test/api/live/presence", { method: "POST", body: JSON.stringify({ conversationId: conversation.id, state: "viewing" }) }));
    expect(ok.status).toBeLessThan(300);
  });
});
