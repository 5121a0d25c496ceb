import { servedOverHttps } from "./app-url";

/** A fresh, unguessable nonce for one response's scripts. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(18))));
}

/**
 * The page's Content-Security-Policy. Next reads the nonce from this header on the request and
 * puts it on its own scripts; 'strict-dynamic' lets those load the chunks they need, and nothing
 * else runs: no inline script, no other origin, no plugin.
 */
export function contentSecurityPolicy(nonce: string, options: { development?: boolean } = {}): string {
  const dev = options.development ?? process.env.NODE_ENV === "development";
  return [
    "default-src 'self'",
    // React's development build rebuilds server error stacks with eval; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Next's development overlay adds <style> elements without the nonce.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(servedOverHttps() ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** Over HTTPS, browsers are told to come back on it only, for two years. */
export function transportSecurity(): Record<string, string> {
  return servedOverHttps() ? { "Strict-Transport-Security": "max-age=63072000; includeSubDomains" } : {};
}
