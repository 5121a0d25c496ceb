import { setNonce } from "get-nonce";
import { config } from "zod/v4/core";

// Runs in the browser before the app, under the page's Content-Security-Policy (no eval, no
// inline style without the nonce).

// zod probes once for eval (`Function("")`) to pick a faster parser: the browser reports the
// probe as a violation on every page with a form. Parse without it.
config({ jitless: true });

// Radix's dialogs lock scrolling with a <style> they add; it takes the nonce from get-nonce. The
// document's own nonce is the one its policy accepts (each later RSC answer carries a new one),
// and the browser keeps it readable on the scripts Next gave it to.
const nonce = document.querySelector<HTMLScriptElement>("script[nonce]")?.nonce;
if (nonce) setNonce(nonce);
