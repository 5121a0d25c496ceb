import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { decode, encode } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows } from "@/db/client";
import { loadActor } from "@/lib/access/actor";
import { revokeSession } from "@/lib/auth/revoke-session";
import { useConnection } from "@/tests/support/actions";
import { createAccount, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

// Auth.js reads its secret when the module is set up, before any test runs.
const SECRET = vi.hoisted(() => (process.env.AUTH_SECRET = "sessions-test-secret-0123456789abcdef"));
const COOKIE = "authjs.session-token";
const HOUR = 60 * 60 * 1000;

const { handlers } = await import("@/lib/auth/auth");
const { default: proxy } = await import("@/proxy");

const conn = useTestDb();
// The app's own connection (the proxy and Auth.js callbacks read it) is the test's.
beforeAll(() => useConnection(conn));

async function signedInSeller() {
  const account = await createAccount(conn.db);
  const user = await createUser(conn.db, account.id, { role: "seller" });
  return { account, user };
}

/** A session cookie as sign-in issues it, for a sign-in `signedInAgo` ms ago, its token issued just now. */
async function cookieFor(user: { id: string; accountId: string }, signedInAgo: number) {
  const sessionId = randomUUID();
  const signedInAt = new Date(Date.now() - signedInAgo).toISOString();
  const token = await encode({
    token: { sid: sessionId, uid: user.id, accountId: user.accountId, role: "seller", sat: signedInAt },
    secret: SECRET,
    salt: COOKIE,
    maxAge: 12 * 60 * 60,
  });
  return { sessionId, signedInAt, cookie: `${COOKIE}=${token}` };
}

/** The session cookies a response sets with a value (a cleared one has none). */
const renewedCookies = (response: Response) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0]!)
    .filter((pair) => pair.startsWith(`${COOKIE}=`) && pair.length > COOKIE.length + 1)
    .map((pair) => pair.slice(COOKIE.length + 1));

const askSession = (cookie: string) =>
  handlers.GET(new NextRequest("http://localhost:3000/api/auth/session", { headers: { cookie } }));
const openPage = (cookie: string, path = "/inbox") =>
  proxy(new NextRequest(`http://localhost:3000${path}`, { headers: { cookie } }));

describe("signing out", () => {
  it("kills that session for good, and only that one", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { role: "seller" });
    const signedInAt = new Date().toISOString();
    const laptop = { sessionId: randomUUID(), signedInAt };
    const phone = { sessionId: randomUUID(), signedInAt };
    expect(await loadActor(conn.db, user.id, laptop)).not.toBeNull();
    await revokeSession(conn.db, { accountId: account.id, userId: user.id }, laptop.sessionId);
    await revokeSession(conn.db, { accountId: account.id, userId: user.id }, laptop.sessionId);
    expect(await loadActor(conn.db, user.id, laptop)).toBeNull();
    expect(await loadActor(conn.db, user.id, phone)).not.toBeNull();
  });

  it("a signed-out session's cookie is neither accepted nor renewed, wherever it is sent", async () => {
    const { user } = await signedInSeller();
    const copied = await cookieFor(user, HOUR);
    const before = await askSession(copied.cookie);
    expect((await before.json()).user.id).toBe(user.id);
    expect(renewedCookies(before)).toHaveLength(1);

    await revokeSession(conn.db, { accountId: user.accountId, userId: user.id }, copied.sessionId);
    const after = await askSession(copied.cookie);
    expect(await after.json()).toBeNull();
    expect(renewedCookies(after)).toEqual([]);
    // The request gate lets the page refuse it (it has no database), and renews nothing either.
    const page = await openPage(copied.cookie);
    expect(renewedCookies(page)).toEqual([]);
    expect(page.headers.getSetCookie()).toEqual([]);
  });
});

describe("a session's lifetime", () => {
  it("is twelve hours from sign-in: renewing the cookie never moves the end", async () => {
    const { user } = await signedInSeller();
    const session = await cookieFor(user, 11 * HOUR);
    const response = await askSession(session.cookie);
    const ends = Date.parse(session.signedInAt) + 12 * HOUR;
    expect(Date.parse((await response.json()).expires)).toBe(ends);
    const [renewed] = renewedCookies(response);
    const payload = await decode({ token: renewed, secret: SECRET, salt: COOKIE });
    expect(payload?.sid).toBe(session.sessionId);
    expect(payload!.exp! * 1000).toBeLessThanOrEqual(ends);
    expect(payload!.exp! * 1000).toBeGreaterThan(ends - 5_000);
  });

  it("a session signed in 12 h 1 min ago is over, even with a token renewed a moment ago", async () => {
    const { user } = await signedInSeller();
    const stale = await cookieFor(user, 12 * HOUR + 60_000);
    const response = await askSession(stale.cookie);
    expect(await response.json()).toBeNull();
    expect(renewedCookies(response)).toEqual([]);
    const page = await openPage(stale.cookie);
    expect(page.headers.get("location")).toMatch(/^http:\/\/localhost:3000\/login\?callbackUrl=%2Finbox$/);
    expect(page.headers.getSetCookie()).toEqual([]);
    // A minute younger, the same cookie still works.
    const fresh = await cookieFor(user, 12 * HOUR - 60_000);
    expect((await (await askSession(fresh.cookie)).json()).user.id).toBe(user.id);
    expect((await openPage(fresh.cookie)).headers.get("location")).toBeNull();
  });

  it("a sign-out is remembered for longer than any session it names can live", async () => {
    const { user } = await signedInSeller();
    const actor = { accountId: user.accountId, userId: user.id };
    const old = randomUUID();
    await revokeSession(conn.db, actor, old);
    const isRemembered = async () =>
      (await queryRows(conn.db, sql`select 1 from revoked_sessions where session_id = ${old}`)).length === 1;
    const age = async (hours: number) => {
      await conn.db.execute(sql`update revoked_sessions set revoked_at = now() - make_interval(mins => ${Math.round(hours * 60)}) where session_id = ${old}`);
      // Any later sign-out sweeps the sign-outs that are old enough to forget.
      await revokeSession(conn.db, actor, randomUUID());
    };
    for (const hours of [12, 13, 23.9]) {
      await age(hours);
      expect(await isRemembered(), `${hours} h after`).toBe(true);
      expect(await loadActor(conn.db, user.id, { sessionId: old, signedInAt: new Date().toISOString() })).toBeNull();
    }
    await age(24.1);
    expect(await isRemembered()).toBe(false);
  });
});

describe("served over HTTPS (APP_URL https)", () => {
  it("the session cookie is Secure, and only the Secure one is read", async () => {
    vi.stubEnv("APP_URL", "https://turno.example.com");
    vi.resetModules();
    try {
      const { handlers: secured } = await import("@/lib/auth/auth");
      const { default: securedGate } = await import("@/proxy");
      const { user } = await signedInSeller();
      const name = "__Secure-authjs.session-token";
      const claims = { sid: randomUUID(), uid: user.id, accountId: user.accountId, role: "seller", sat: new Date().toISOString() };
      const token = await encode({ token: claims, secret: SECRET, salt: name, maxAge: 60 });
      const response = await secured.GET(
        new NextRequest("https://turno.example.com/api/auth/session", { headers: { cookie: `${name}=${token}` } }),
      );
      expect((await response.json()).user.id).toBe(user.id);
      const renewed = response.headers.getSetCookie().find((line) => line.startsWith(`${name}=`));
      expect(renewed).toMatch(/; Secure/i);
      const page = (cookie: string) => securedGate(new NextRequest("https://turno.example.com/inbox", { headers: { cookie } }));
      expect((await page(`${name}=${token}`)).headers.get("location")).toBeNull();
      expect((await page(`${COOKIE}=${token}`)).headers.get("location")).toMatch(/\/login/);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});
