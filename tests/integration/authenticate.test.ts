import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Connection } from "@/db/client";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { openTestDb } from "@/tests/support/db";
import { createAccount, createUser } from "@/tests/support/factories";

// Every password comparison the sign-in makes, counted: a throttled attempt must make none.
const checks = vi.hoisted(() => ({ count: 0 }));
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...real,
    verifyPassword: (password: string, hash: string) => {
      checks.count++;
      return real.verifyPassword(password, hash);
    },
  };
});

let conn: Connection;
let hash: string;
beforeAll(async () => {
  conn = await openTestDb();
  hash = await hashPassword("correcta-123");
});
afterAll(async () => {
  await conn.close();
});

describe("sign-in credentials", () => {
  it("the right email and password give the user with account and role", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { role: "seller", passwordHash: hash });
    const result = await authenticate(conn.db, { email: user.email, password: "correcta-123" });
    expect(result).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      accountId: account.id,
      role: "seller",
      signedInAt: expect.any(String),
    });
    // Stamped by the database, the clock a password change is compared with.
    if (!result || result === "throttled") throw new Error("expected a user");
    expect(Math.abs(new Date(result.signedInAt).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a wrong password, an unknown email and a deactivated user all get the same refusal", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { passwordHash: hash });
    const inactive = await createUser(conn.db, account.id, { passwordHash: hash, active: false });
    expect(await authenticate(conn.db, { email: user.email, password: "incorrecta" })).toBeNull();
    expect(await authenticate(conn.db, { email: "nadie@test.turno", password: "correcta-123" })).toBeNull();
    expect(await authenticate(conn.db, { email: inactive.email, password: "correcta-123" })).toBeNull();
  });

  it("after ten wrong passwords for an email, even the right one waits; other emails don't", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { passwordHash: hash });
    const neighbour = await createUser(conn.db, account.id, { passwordHash: hash });
    // A right password before the limit starts the count again.
    for (let i = 0; i < 9; i++) expect(await authenticate(conn.db, { email: user.email, password: "mala" })).toBeNull();
    expect(await authenticate(conn.db, { email: user.email, password: "correcta-123" })).toMatchObject({ id: user.id });
    // The limit is ten, written out: a change to it has to change this test too.
    for (let i = 0; i < 10; i++) expect(await authenticate(conn.db, { email: user.email, password: "mala" })).toBeNull();
    expect(await authenticate(conn.db, { email: user.email, password: "correcta-123" })).toBe("throttled");
    expect(await authenticate(conn.db, { email: neighbour.email, password: "correcta-123" })).toMatchObject({ id: neighbour.id });
    // Unknown emails are counted the same way, so the limit tells nothing about which exist.
    const nobody = `nadie.${account.id.slice(0, 8)}@ejemplo.test`;
    for (let i = 0; i < 10; i++) await authenticate(conn.db, { email: nobody, password: "x" });
    expect(await authenticate(conn.db, { email: nobody, password: "x" })).toBe("throttled");
  });

  it("a burst of forty wrong passwords at once gets ten checked and thirty refused", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id);
    // On PostgreSQL, two pools stand for two app instances sharing the database.
    const second = process.env.DATABASE_URL ? await openTestDb() : conn;
    checks.count = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => authenticate((i % 2 ? second : conn).db, { email: user.email, password: `mala-${i}` })),
    );
    if (second !== conn) await second.close();
    expect(checks.count).toBe(10);
    expect(answers.filter((a) => a === null)).toHaveLength(10);
    expect(answers.filter((a) => a === "throttled")).toHaveLength(30);
    expect(await authenticate(conn.db, { email: user.email, password: "secret-pass" })).toBe("throttled");
  });
});
