import { getDb } from "@/db/client";
import { handleWebhook, verifySubscription } from "@/lib/whatsapp/webhook";

// Meta calls this without a session: the verify token (GET) and the body's HMAC (POST) are the checks.
export async function GET(request: Request) {
  const result = await verifySubscription(await getDb(), new URL(request.url).searchParams);
  return new Response(String(result.body), { status: result.status, headers: { "content-type": "text/plain" } });
}

export async function POST(request: Request) {
  // The HMAC is over the exact bytes Meta sent, so the body is read as bytes, not re-encoded text.
  const rawBody = Buffer.from(await request.arrayBuffer());
  const result = await handleWebhook(await getDb(), rawBody, request.headers.get("x-hub-signature-256"));
  return Response.json(result.body, { status: result.status });
}
