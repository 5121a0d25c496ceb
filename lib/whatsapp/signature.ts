import { createHmac, timingSafeEqual } from "node:crypto";

/** Meta's X-Hub-Signature-256 value for a body: "sha256=" and the hex HMAC-SHA256 with the app secret. */
export function signBody(body: string | Buffer, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

/** Compares in constant time, so the response time tells nothing about how much of a forgery matched. */
export function isValidSignature(body: string | Buffer, header: string | null, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header.trim());
  return expected.length === given.length && timingSafeEqual(expected, given);
}
