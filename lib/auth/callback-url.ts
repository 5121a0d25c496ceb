/** Where a sign-in goes when it was not asked for a place of ours. */
export const DEFAULT_DESTINATION = "/inbox";

/**
 * The path (with query and fragment) that `value` names on `origin`, or /inbox when it names any
 * other place. Resolved the way a browser resolves it, so `/\evil.example` and `//evil.example`
 * count as the other host they are, whatever a prefix check would say.
 */
export function sameOriginPath(value: unknown, origin: string): string {
  if (typeof value !== "string" || value === "") return DEFAULT_DESTINATION;
  let own: URL;
  let target: URL;
  try {
    own = new URL(origin);
    target = new URL(value, own);
  } catch {
    return DEFAULT_DESTINATION;
  }
  if (target.origin !== own.origin) return DEFAULT_DESTINATION;
  // `/.//evil.example` resolves on our origin to the path `//evil.example`, which a browser given
  // it as a Location reads as a host again; so does an encoded `\` that something decodes later.
  if (/^[/\\]{2}|\\/.test(decodedPath(target.pathname))) return DEFAULT_DESTINATION;
  return target.pathname + target.search + target.hash;
}

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    // Broken escapes can't be decoded into a host either: judge the path as it is.
    return path;
  }
}
