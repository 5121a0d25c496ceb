// The action pipeline is the one seam every change goes through: these pin its order and its
// answers with a spec of the test's own, so a change to perform() can't quietly open a door.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { queryRows, type Database } from "@/db/client";
import type { Actor } from "@/lib/access/actor";
import { defineAction, gate, perform } from "@/lib/access/pipeline";
import { fail } from "@/lib/errors";
import { createAccount, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

/** A spec that records each run and writes one row, so a test sees whether it ran and what stayed. */
function probe(behaviour: (tx: Database, marker: string) => Promise<void> = async () => {}) {
  const runs: { actor: Actor; input: { marker: string } }[] = [];
  const spec = defineAction({
    name: "probe",
    input: z.object({ marker: z.string().min(1).max(40) }),
    permission: "changeConversations",
    run: async (tx, actor, input) => {
      runs.push({ actor, input });
      await tx.execute(sql`insert into worker_heartbeats (worker_id) values (${input.marker})`);
      await behaviour(tx, input.marker);
      return { marker: input.marker };
    },
  });
  return { spec, runs };
}
const stored = async (marker: string) =>
  (await queryRows<{ n: number }>(conn.db, sql`select count(*)::int as n from worker_heartbeats where worker_id = ${marker}`))[0]!.n;

async function people() {
  const pro = await createAccount(conn.db);
  const basic = await createAccount(conn.db, { plan: "basic", addons: [] });
  const actor = (id: string) => conn.actorOf(id);
  return {
    seller: await actor((await createUser(conn.db, pro.id, { role: "seller" })).id),
    support: await actor((await createUser(conn.db, pro.id, { role: "support" })).id),
    editor: await actor((await createUser(conn.db, pro.id, { role: "editor" })).id),
    basicAdmin: await actor((await createUser(conn.db, basic.id, { role: "admin" })).id),
  };
}

describe("the action pipeline", () => {
  it("refuses before running, in order: signed out, pending password, plan, role", async () => {
    const p = await people();
    const { spec, runs } = probe();
    const marker = randomUUID();
    expect(await perform(spec, conn.db, null, { marker })).toEqual({ ok: false, error: "unauthenticated" });
    expect(await perform(spec, conn.db, { ...p.seller, mustChangePassword: true }, { marker })).toEqual({
      ok: false,
      error: "password_change_required",
    });
    // An account without the plan hears so whoever asks, even a role that never may.
    expect(await perform(spec, conn.db, p.basicAdmin, { marker })).toEqual({ ok: false, error: "plan_required" });
    expect(await perform(spec, conn.db, { ...p.editor, plan: "basic", addons: [] }, { marker })).toEqual({ ok: false, error: "plan_required" });
    expect(await perform(spec, conn.db, p.support, { marker })).toEqual({ ok: false, error: "forbidden" });
    expect(await perform(spec, conn.db, p.editor, { marker })).toEqual({ ok: false, error: "forbidden" });
    expect(runs).toEqual([]);
    expect(await stored(marker)).toBe(0);
    expect(gate(p.seller, "changeConversations")).toBeNull();
  });

  it("the permission comes before the input: garbage from a refused person is refused for who they are", async () => {
    const p = await people();
    const { spec, runs } = probe();
    for (const garbage of [undefined, null, 42, "\u0000", { marker: 7 }]) {
      expect(await perform(spec, conn.db, p.support, garbage)).toEqual({ ok: false, error: "forbidden" });
    }
    expect(runs).toEqual([]);
  });

  it("text PostgreSQL can't store and input the schema refuses are invalid_input, and nothing runs", async () => {
    const p = await people();
    const { spec, runs } = probe();
    for (const input of [{ marker: "a\u0000b" }, { marker: "x\ud800" }, { marker: "" }, { marker: "x".repeat(41) }, {}, "texto", [1]]) {
      expect(await perform(spec, conn.db, p.seller, input), JSON.stringify(input)).toEqual({ ok: false, error: "invalid_input" });
    }
    expect(runs).toEqual([]);
  });

  it("runs the domain with the parsed input and the allowed actor, and returns what it returns", async () => {
    const p = await people();
    const { spec, runs } = probe();
    const marker = randomUUID();
    expect(await perform(spec, conn.db, p.seller, { marker, extra: "ignored" })).toEqual({ ok: true, marker });
    expect(runs).toEqual([{ actor: p.seller, input: { marker } }]);
    expect(await stored(marker)).toBe(1);
  });

  it("a refusal from the domain is its typed error and rolls back every write", async () => {
    const p = await people();
    const { spec } = probe(async () => fail("conflict"));
    const marker = randomUUID();
    expect(await perform(spec, conn.db, p.seller, { marker })).toEqual({ ok: false, error: "conflict" });
    expect(await stored(marker)).toBe(0);
  });

  it("anything else is unexpected, rolled back, never thrown to the caller", async () => {
    const p = await people();
    const { spec } = probe(async (tx) => {
      await tx.execute(sql`select 1 / 0`);
    });
    const marker = randomUUID();
    expect(await perform(spec, conn.db, p.seller, { marker })).toEqual({ ok: false, error: "unexpected" });
    expect(await stored(marker)).toBe(0);
  });

  it("a deadlock is run again from the start; one that keeps happening is busy, with nothing kept", async () => {
    const p = await people();
    const deadlock = () => Object.assign(new Error("deadlock detected"), { code: "40P01" });
    let calls = 0;
    const once = probe(async () => {
      if (++calls === 1) throw deadlock();
    });
    const marker = randomUUID();
    expect(await perform(once.spec, conn.db, p.seller, { marker })).toEqual({ ok: true, marker });
    expect(once.runs).toHaveLength(2);
    expect(await stored(marker)).toBe(1);

    const always = probe(async () => {
      throw deadlock();
    });
    const other = randomUUID();
    expect(await perform(always.spec, conn.db, p.seller, { marker: other })).toEqual({ ok: false, error: "busy" });
    expect(always.runs.length).toBeGreaterThan(1);
    expect(await stored(other)).toBe(0);
  });
});
