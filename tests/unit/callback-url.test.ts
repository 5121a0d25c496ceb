import { describe, expect, it } from "vitest";
import { sameOriginPath } from "@/lib/auth/callback-url";

const ORIGIN = "https://turno.example.com";

describe("where sign-in sends the browser", () => {
  it("anything naming another host, or not a place at all, goes to the inbox", () => {
    for (const value of [
      "/\\evil.example/x", // what `/login?callbackUrl=/%5Cevil.example/x` hands the form
      "/%5Cevil.example/x",
      "/\\evil.example",
      "//evil.example",
      "https://evil.example",
      "javascript:alert(1)",
      "/.//evil.example",
      "/\t/evil.example",
      "/%2F/evil.example",
      "http://turno.example.com/inbox", // our host, but not our origin
      "",
      null,
    ]) {
      expect(sameOriginPath(value, ORIGIN), String(value)).toBe("/inbox");
    }
  });

  it("a path of ours is kept with its query and fragment", () => {
    expect(sameOriginPath("/inbox?x=1", ORIGIN)).toBe("/inbox?x=1");
    expect(sameOriginPath("/inbox/abc", ORIGIN)).toBe("/inbox/abc");
    expect(sameOriginPath("/audit?from=2026-01-01#top", ORIGIN)).toBe("/audit?from=2026-01-01#top");
    expect(sameOriginPath("https://turno.example.com/settings", ORIGIN)).toBe("/settings");
  });
});
