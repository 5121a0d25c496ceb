import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db/client";
import { authenticate } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { openTestDb } from "@/tests/support/db";
import { createAccount, createUser } from "@/tests/support/factories";

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
    expect(Math.abs(new Date(result!.signedInAt).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("a wrong password, an unknown email and a deactivated user all get the same refusal", async () => {
    const account = await createAccount(conn.db);
    const user = await createUser(conn.db, account.id, { passwordHash: hash });
    const inactive = await createUser(conn.db, account.id, { passwordHash: hash, active: false });
    expect(await authenticate(conn.db, { email: user.email, password: "incorrecta" })).toBeNull();
    expect(await authenticate(conn.db, { email: "nadie@test.turno", password: "correcta-123" })).toBeNull();
    expect(await authenticate(conn.db, { email: inactive.email, password: "correcta-123" })).toBeNull();
  });
});
