import { getDb } from "@/db/client";
import { readBodyWithin } from "@/lib/whatsapp/request-body";
import { handleWebhook, TOO_LARGE, verifySubscription } from "@/lib/whatsapp/webhook";

// Meta calls this without a session: the verify token (GET) and the body's HMAC (POST) are the checks.
export async function GET(request: Request) {
  const result = await verifySubscription(await getDb(), new URL(request.url).searchParams);
  return new Response(String(result.body), { status: result.status, headers: { "content-type": "text/plain" } });
}

export async function POST(request: Request) {
  // The HMAC is over the exact bytes Meta sent, so the body is read as bytes, not re-encoded text.
  const rawBody = await readBodyWithin(request);
  if (rawBody === "too_large") return Response.json(TOO_LARGE.body, { status: TOO_LARGE.status });
  try {
    const result = await handleWebhook(await getDb(), rawBody, request.headers.get("x-hub-signature-256"));
    return Response.json(result.body, { status: result.status });
  } catch (error) {
    // The database is unavailable: a 500 makes Meta deliver again later, and nothing is lost.
    console.error("[whatsapp] webhook delivery failed", error);
    return Response.json({ error: "retry_later" }, { status: 500 });
  }
}
