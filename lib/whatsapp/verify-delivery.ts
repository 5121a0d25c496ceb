import type { Database } from "@/db/client";
import { lookupChannels, type ChannelLookup } from "./channel-secrets";
import { isValidSignature } from "./signature";

// More distinct numbers than this in one delivery is not something Meta sends.
const MAX_NUMBERS = 20;

// A quoted key can't occur inside a JSON string (its quotes would be escaped), so every match is a
// real "phone_number_id" key. One written with escapes is missed here and caught after parsing.
const PHONE_NUMBER_ID = /"phone_number_id"\s*:\s*"([0-9]{1,30})"/g;

// Stands in for the secret of a number no account has, so both refusals cost the same HMAC.
const NO_SECRET = "no-such-number";

/** The phone_number_id values a raw body names, read without parsing it; null past MAX_NUMBERS. */
export function namedNumbers(rawBody: Buffer): string[] | null {
  const found = new Set<string>();
  // latin1 maps byte for byte: the pattern is ASCII, and UTF-8 never hides an ASCII byte in a sequence.
  for (const match of rawBody.toString("latin1").matchAll(PHONE_NUMBER_ID)) {
    found.add(match[1]!);
    if (found.size > MAX_NUMBERS) return null;
  }
  return [...found];
}

/**
 * The accounts a delivery is from, by phone_number_id, when every number it names is configured
 * and the signature is the HMAC of the raw bytes with each one's app secret; null otherwise.
 * Checked before the body is parsed, so an unsigned body costs no parsing.
 */
export async function verifyDelivery(
  db: Database,
  rawBody: Buffer,
  signature: string | null,
  channels: ChannelLookup = lookupChannels(db),
): Promise<Map<string, string> | null> {
  if (!signature) return null;
  const numbers = namedNumbers(rawBody);
  if (!numbers?.length) return null;
  const found = await channels(numbers);
  const secrets = new Map(found.map((c) => [c.phoneNumberId, c.appSecret]));
  const valid = numbers.map((n) => isValidSignature(rawBody, signature, secrets.get(n) ?? NO_SECRET) && secrets.has(n));
  if (!valid.every(Boolean)) return null;
  return new Map(found.map((c) => [c.phoneNumberId, c.accountId]));
}
