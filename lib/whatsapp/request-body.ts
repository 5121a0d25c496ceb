/** Meta's deliveries are a few KB; anything much larger is refused before it is read whole. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

/**
 * The request's body as bytes, or "too_large" as soon as it is known to pass `limit`: from its
 * Content-Length without reading anything, else while streaming (a chunked body has none), so
 * a huge body never sits in memory.
 */
export async function readBodyWithin(request: Request, limit = MAX_WEBHOOK_BYTES): Promise<Buffer | "too_large"> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= limit)) return "too_large";
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(value);
  }
}
