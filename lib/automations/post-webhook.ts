import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from "request-filtering-agent";

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
export function webhookPoster(options: { allowPrivateAddresses?: boolean } = {}): PostWebhook {
  const filter = { allowPrivateIPAddress: options.allowPrivateAddresses ?? false, keepAlive: false };
  const agents = { http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) };
  return (url, post) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === "https:";
      const request = (secure ? https : http).request(
        target,
        {
          method: "POST",
          agent: secure ? agents.https : agents.http,
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

/** Set TURNO_WEBHOOKS_ALLOW_PRIVATE=1 to let flows call a receiver on this machine or network (development only). */
export function defaultWebhookPoster(): PostWebhook {
  return webhookPoster({ allowPrivateAddresses: process.env.TURNO_WEBHOOKS_ALLOW_PRIVATE === "1" });
}
