import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";
import { isPublicAddress } from "./public-address";

export interface WebhookPost {
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

export type PostWebhook = (url: string, post: WebhookPost) => Promise<{ status: number }>;

/**
 * The account's URL is typed by a customer, and the request leaves from inside our network: it
 * must not reach private, loopback, link-local or metadata addresses (SSRF). The agents check the
 * address each connection actually goes to, after DNS, so a public name that resolves inward (or
 * starts to, between checks) is refused too; redirects are not followed.
 */
export function webhookPoster(options: { allowPrivateAddresses?: boolean; lookup?: typeof dns.lookup } = {}): PostWebhook {
  const allowPrivate = options.allowPrivateAddresses ?? false;
  const filter = { allowPrivateIPAddress: allowPrivate, keepAlive: false };
  const agents = { http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) };
  const lookup = allowPrivate ? undefined : publicOnlyLookup(options.lookup ?? dns.lookup);
  return (url, post) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      // The agents take `::7f00:1` for a public address (ipaddr.js's unicast): our own rule, on
      // the literal address and on every address a name resolves to, goes first.
      const literal = target.hostname.replace(/^\[|\]$/g, "");
      if (!allowPrivate && isIP(literal) !== 0 && !isPublicAddress(literal)) {
        reject(new Error(`webhook address not allowed: ${literal} is not a public address`));
        return;
      }
      const request = (secure ? https : http).request(
        target,
        {
          method: "POST",
          agent: secure ? agents.https : agents.http,
          lookup,
          headers: { ...post.headers, "content-length": Buffer.byteLength(post.body) },
          timeout: post.timeoutMs,
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve({ status: response.statusCode ?? 0 }));
          response.on("error", reject);
        },
      );
      // `timeout` above is for a silent socket; this caps the whole exchange, so a receiver that
      // trickles bytes can't hold the worker (and its transaction) past the deadline.
      const deadline = setTimeout(
        () => request.destroy(new Error(`webhook did not answer within ${post.timeoutMs / 1000} s`)),
        post.timeoutMs,
      );
      request.on("close", () => clearTimeout(deadline));
      request.on("timeout", () => request.destroy(new Error(`webhook did not answer within ${post.timeoutMs / 1000} s`)));
      request.on("error", (error) =>
        reject(/is not allowed/.test(error.message) ? new Error(`webhook address not allowed: ${error.message}`) : error),
      );
      request.end(post.body);
    });
}

/** dns.lookup, refusing a name that resolves to any address that is not public. */
function publicOnlyLookup(base: typeof dns.lookup): LookupFunction {
  return (hostname, options, callback) =>
    base(hostname, options, (error, address, family) => {
      if (error) return callback(error, address, family);
      const addresses = typeof address === "string" ? [address] : address.map((a) => a.address);
      const inside = addresses.find((a) => !isPublicAddress(a));
      if (inside === undefined) return callback(null, address, family);
      callback(Object.assign(new Error(`webhook address not allowed: ${hostname} resolves to ${inside}`), { code: "EADDRNOTALLOWED" }), address, family);
    });
}

/** Set TURNO_WEBHOOKS_ALLOW_PRIVATE=1 to let flows call a receiver on this machine or network (development only). */
export function defaultWebhookPoster(): PostWebhook {
  return webhookPoster({ allowPrivateAddresses: process.env.TURNO_WEBHOOKS_ALLOW_PRIVATE === "1" });
}
