import { after } from "next/server";
import { getDb } from "@/db/client";
import { publicRoute } from "@/lib/actions/public-route";
import { readBodyWithin } from "@/lib/whatsapp/request-body";
import { appChannels } from "@/lib/whatsapp/channel-secrets";
import { applyPendingInbound } from "@/lib/whatsapp/receive";
import { handleWebhook, TOO_LARGE, verifySubscription } from "@/lib/whatsapp/webhook";

// Meta calls this without a session: the verify token (GET) and the body's HMAC (POST) are the checks.
export const GET = publicRoute("whatsappVerify", async (request) => {
  const result = await verifySubscription(await getDb(), new URL(request.url).searchParams);
  return new Response(String(result.body), { status: result.status, headers: { "content-type": "text/plain" } });
});

export const POST = publicRoute("whatsappWebhook", async (request, log) => {
  // The HMAC is over the exact bytes Meta sent, so the body is read as bytes, not re-encoded text.
  const rawBody = await readBodyWithin(request);
  if (rawBody === "too_large") return Response.json(TOO_LARGE.body, { status: TOO_LARGE.status });
  const db = await getDb();
  const result = await handleWebhook(db, rawBody, request.headers.get("x-hub-signature-256"), await appChannels());
  // Messages are stored; a summary whose row was held is tried once more once Meta has its
  // answer, and otherwise by the worker when the row is free.
  if (result.deferred?.length) {
    after(async () => {
      for (const { accountId, conversationIds } of result.deferred!) {
        await applyPendingInbound(db, accountId, conversationIds).catch((error) => log.warn({ err: error }, "pending summary left to the worker"));
      }
    });
  }
  return Response.json(result.body, { status: result.status });
});
