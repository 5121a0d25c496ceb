import type dns from "node:dns";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { webhookPoster } from "@/lib/automations/post-webhook";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function listen(handler: Parameters<typeof createServer>[1]) {
  server = createServer(handler);
  await new Promise<void>((ready) => server!.listen(0, "127.0.0.1", ready));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}/hook`;
}

const post = { headers: { "content-type": "application/json" }, body: "{}", timeoutMs: 400 };

describe("posting a flow's webhook", () => {
  it("gives up at the deadline even when the receiver keeps trickling bytes", async () => {
    const url = await listen((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write("."), 100);
      res.on("close", () => clearInterval(drip));
    });
    const started = Date.now();
    await expect(webhookPoster({ allowPrivateAddresses: true })(url, post)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("answers with the receiver's status, and does not follow a redirect", async () => {
    const url = await listen((req, res) => {
      if (req.url === "/hook") res.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
    });
    expect(await webhookPoster({ allowPrivateAddresses: true })(url, post)).toEqual({ status: 302 });
  });

  it("refuses an address inside the network unless allowed", async () => {
    const url = await listen((_req, res) => res.writeHead(204).end());
    await expect(webhookPoster()(url, post)).rejects.toThrow(/^webhook address not allowed/);
    expect(await webhookPoster({ allowPrivateAddresses: true })(url, post)).toEqual({ status: 204 });
  });

  it("refuses an IPv4 address written as IPv6, typed in or behind a name", async () => {
    const url = await listen((_req, res) => res.writeHead(204).end());
    const port = new URL(url).port;
    for (const host of ["[::127.0.0.1]", "[::7f00:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]"]) {
      await expect(webhookPoster()(`http://${host}:${port}/hook`, post), host).rejects.toThrow(/^webhook address not allowed/);
    }
    // A public-looking name whose DNS answer is the loopback in that old form.
    const resolvesToCompatible = ((_host: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) =>
      options.all ? callback(null, [{ address: "::7f00:1", family: 6 }]) : callback(null, "::7f00:1", 6)) as unknown as typeof dns.lookup;
    await expect(webhookPoster({ lookup: resolvesToCompatible })(`http://hooks.example.com:${port}/hook`, post)).rejects.toThrow(
      /^webhook address not allowed: hooks\.example\.com resolves to ::7f00:1/,
    );
  });
});
