import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentSecurityPolicy } from "@/lib/web/security-headers";
import proxy from "@/proxy";

afterEach(() => {
  vi.unstubAllEnvs();
});

const open = (url: string) => proxy(new NextRequest(url));

describe("the headers the request gate puts on every page", () => {
  it("a policy with a fresh nonce on each answer, redirects included", async () => {
    const [login, inbox] = await Promise.all([open("http://127.0.0.1:3000/login"), open("http://127.0.0.1:3000/inbox")]);
    expect(inbox.headers.get("location")).toMatch(/\/login\?callbackUrl=%2Finbox$/);
    const policies = [login, inbox].map((r) => r.headers.get("content-security-policy")!);
    for (const policy of policies) {
      expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]{24}' 'strict-dynamic'(;|$)/);
      expect(policy).toContain("frame-ancestors 'none'");
    }
    expect(policies[0]!.match(/nonce-([^']+)/)![1]).not.toBe(policies[1]!.match(/nonce-([^']+)/)![1]);
  });

  it("over plain HTTP, no HSTS and no upgrading of requests", async () => {
    vi.stubEnv("APP_URL", "http://127.0.0.1:3000");
    const response = await open("http://127.0.0.1:3000/login");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("content-security-policy")).not.toContain("upgrade-insecure-requests");
  });

  it("served over HTTPS (APP_URL https), browsers are told to stay on it", async () => {
    vi.stubEnv("APP_URL", "https://turno.example.com");
    const response = await open("https://turno.example.com/login");
    expect(response.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });
});

describe("the policy outside development", () => {
  it("allows no eval and no inline code; only next dev's overlay gets them", () => {
    const production = contentSecurityPolicy("n0nce", { development: false });
    expect(production).not.toMatch(/unsafe-/);
    expect(production).toContain("style-src 'self' 'nonce-n0nce'");
    const development = contentSecurityPolicy("n0nce", { development: true });
    expect(development).toContain("'unsafe-eval'");
    expect(development).toContain("style-src 'self' 'unsafe-inline'");
  });
});
