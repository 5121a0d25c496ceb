import { and, eq, sql } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db/client";
import { historyEntries, users } from "@/db/schema";
import { loadActor } from "@/lib/access/actor";
import { authenticate } from "@/lib/auth/authenticate";
import { changeOwnPassword } from "@/lib/auth/change-password";
import { createAccount, createUser } from "@/tests/support/factories";
import { accountActions } from "@/lib/admin/actions";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;
const signedInNow = () => ({ sessionId: randomUUID(), signedInAt: new Date(Date.now() - 1000).toISOString() });
const HERE = signedInNow();

async function newPersonFromAnAdmin() {
  const account = await createAccount(conn.db);
  const admin = await createUser(conn.db, account.id, { role: "admin" });
  const email = `nuevo.${account.id.slice(0, 8)}@empresa.test`;
  const created = await conn.act(accountActions.createUser, await actorOf(admin.id), { name: "Nuevo Vendedor", email, role: "seller" });
  if (!created.ok) throw new Error(created.error);
  return { account, email, userId: created.userId, oneTime: created.password };
}

describe("choosing one's own password", () => {
  it("someone an admin created starts on the one-time password and must replace it", async () => {
    const { userId, email, oneTime } = await newPersonFromAnAdmin();
    expect(await authenticate(conn.db, { email, password: oneTime })).not.toBeNull();
    expect((await actorOf(userId)).mustChangePassword).toBe(true);

    const result = await changeOwnPassword(conn.db, await actorOf(userId), HERE.sessionId, {
      current: oneTime,
      next: "mi clave de siempre",
      confirm: "mi clave de siempre",
    });
    expect(result).toEqual({ ok: true });
    expect((await actorOf(userId)).mustChangePassword).toBe(false);
    expect(await authenticate(conn.db, { email, password: oneTime })).toBeNull();
    expect(await authenticate(conn.db, { email, password: "mi clave de siempre" })).toMatchObject({ id: userId });

    const [entry] = await conn.db
      .select()
      .from(historyEntries)
      .where(and(eq(historyEntries.kind, "user.password_changed"), eq(historyEntries.actorId, userId)));
    expect(entry!.data).toEqual({ userId, wasOneTime: true });
    expect(JSON.stringify(entry!.data)).not.toContain("mi clave");
  });

  it("ends every other session of the person, and keeps the one it was made from", async () => {
    const { userId, oneTime } = await newPersonFromAnAdmin();
    const other = signedInNow();
    const here = signedInNow();
    expect(await loadActor(conn.db, userId, other)).not.toBeNull();
    const changed = await changeOwnPassword(conn.db, await actorOf(userId), here.sessionId, {
      current: oneTime,
      next: "solo yo la conozco",
      confirm: "solo yo la conozco",
    });
    expect(changed).toEqual({ ok: true });
    expect(await loadActor(conn.db, userId, other)).toBeNull();
    expect(await loadActor(conn.db, userId, here)).not.toBeNull();
    // Signing in again afterwards works, with the database's clock.
    const [clock] = await queryRows<{ now: string }>(conn.db, sql`select now()::text as now`);
    expect(await loadActor(conn.db, userId, { sessionId: randomUUID(), signedInAt: clock!.now })).not.toBeNull();
  });

  it("refuses a wrong current password, a short or repeated one and a mismatch, and changes nothing", async () => {
    const { userId, email, oneTime } = await newPersonFromAnAdmin();
    const [before] = await conn.db.select().from(users).where(eq(users.id, userId));
    const actor = await actorOf(userId);
    const attempts = [
      [{ current: "no-es-esta", next: "otra clave larga", confirm: "otra clave larga" }, "wrong_current"],
      [{ current: oneTime, next: "corta", confirm: "corta" }, "invalid_input"],
      [{ current: oneTime, next: "          x", confirm: "          x" }, "invalid_input"],
      [{ current: oneTime, next: "otra clave larga", confirm: "otra clave largA" }, "invalid_input"],
      [{ current: oneTime, next: oneTime, confirm: oneTime }, "invalid_input"],
    ] as const;
    for (const [input, error] of attempts) {
      expect(await changeOwnPassword(conn.db, actor, HERE.sessionId, input)).toEqual({ ok: false, error });
    }
    const [after] = await conn.db.select().from(users).where(eq(users.id, userId));
    expect(after).toEqual(before);
    expect(await authenticate(conn.db, { email, password: oneTime })).not.toBeNull();
  });

  it("after ten wrong current passwords, the page stops checking for a while", async () => {
    const { userId, oneTime } = await newPersonFromAnAdmin();
    const actor = await actorOf(userId);
    const wrong = { current: "adivinando", next: "una clave nueva larga", confirm: "una clave nueva larga" };
    for (let i = 0; i < 10; i++) {
      expect(await changeOwnPassword(conn.db, actor, HERE.sessionId, wrong)).toEqual({ ok: false, error: "wrong_current" });
    }
    const right = { ...wrong, current: oneTime };
    expect(await changeOwnPassword(conn.db, actor, HERE.sessionId, right)).toEqual({ ok: false, error: "throttled" });
    expect((await actorOf(userId)).mustChangePassword).toBe(true);
  });

  it("of two changes made with the same proof, only the first is kept", async () => {
    const { userId, oneTime } = await newPersonFromAnAdmin();
    const actor = await actorOf(userId);
    const first = changeOwnPassword(conn.db, actor, HERE.sessionId, { current: oneTime, next: "primera clave nueva", confirm: "primera clave nueva" });
    const second = changeOwnPassword(conn.db, actor, HERE.sessionId, { current: oneTime, next: "segunda clave nueva", confirm: "segunda clave nueva" });
    const results = await Promise.all([first, second]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "conflict" }]);
  });
});
