import { getDb } from "@/db/client";
import { publicRoute } from "@/lib/actions/public-route";
import { readBodyWithin } from "@/lib/whatsapp/request-body";
import { handleWebhook, TOO_LARGE, verifySubscription } from "@/lib/whatsapp/webhook";

// Meta calls this without a session: the verify token (GET) and the body's HMAC (POST) are the checks.
export const GET = publicRoute("whatsappVerify", async (request) => {
  const result = await verifySubscription(await getDb(), new URL(request.url).searchParams);
  return new Response(String(result.body), { status: result.status, headers: { "content-type": "text/plain" } });
});

export const POST = publicRoute("whatsappWebhook", async (request) => {
  // The HMAC is over the exact bytes Meta sent, so the body is read as bytes, not re-encoded text.
  const rawBody = await readBodyWithin(request);
  if (rawBody === "too_large") return Response.json(TOO_LARGE.body, { status: TOO_LARGE.status });
  const result = await handleWebhook(await getDb(), rawBody, request.headers.get("x-hub-signature-256"));
  return Response.json(result.body, { status: result.status });
});
