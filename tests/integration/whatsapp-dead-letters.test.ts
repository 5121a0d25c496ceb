import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadActor, type Actor } from "@/lib/access/actor";
import { keepDeadLetter, listDeadLetters, SHOWN_PAYLOAD } from "@/lib/whatsapp/dead-letters";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { createAccount, createUser } from "@/tests/support/factories";
import { snapshotAccount } from "@/tests/support/snapshot";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const phone = () => `57310${Math.floor(1e6 + Math.random() * 8e6)}`;
const nested = (depth: number): unknown => (depth === 0 ? "fondo" : { more: nested(depth - 1) });

async function setup() {
  const account = await createAccount(conn.db);
  const channel = await createChannel(conn.db, account.id);
  const deliver = (body: string) => handleWebhook(conn.db, Buffer.from(body), signBody(body, channel.appSecret));
  return { account, channel, deliver };
}

// What Meta has sent, or could, that can't be stored as a message: each one between two good ones.
const POISON: Record<string, (from: string) => { message: Record<string, unknown>; contact?: { wa_id: string; profile: { name: string } } }> = {
  "a timestamp past year 9999": (from) => ({ message: { ...textMessage(from, "del futuro"), timestamp: "253402300800" } }),
  "a timestamp of twelve nines": (from) => ({ message: { ...textMessage(from, "del futuro"), timestamp: "999999999999" } }),
  "a NUL in the text": (from) => ({ message: textMessage(from, "ho\u0000la") }),
  "a NUL in the profile name": (from) => ({ message: textMessage(from, "hola"), contact: { wa_id: from, profile: { name: "An\u0000a" } } }),
  "a NUL in the message id": (from) => ({ message: textMessage(from, "hola", "wamid.\u0000bad") }),
  "a lone surrogate in the text": (from) => ({ message: textMessage(from, "hola \ud83d") }),
  "a lone surrogate in the profile name": (from) => ({ message: textMessage(from, "hola"), contact: { wa_id: from, profile: { name: "Ana \udc00" } } }),
  "an unknown type with odd fields": (from) => ({
    message: { from, id: `wamid.${randomUUID()}`, timestamp: "1700000000", type: "hologram", hologram: { layers: nested(30), "\u0000": "\udfff" } },
  }),
  "no sender": () => ({ message: { id: `wamid.${randomUUID()}`, timestamp: "1700000000", type: "text", text: { body: "¿de quién?" } } }),
};

describe("a delivery with a message that can't be stored", () => {
  for (const [variant, make] of Object.entries(POISON)) {
    it(`stores the messages around ${variant}, keeps that one whole as a dead letter, and a redelivery adds nothing`, async () => {
      const s = await setup();
      const good1 = textMessage(phone(), "primero");
      const good2 = textMessage(phone(), "tercero");
      const bad = make(phone());
      const body = webhookBody(s.channel.phoneNumberId, [good1, bad.message, good2], { contacts: bad.contact ? [bad.contact] : [] });

      expect(await s.deliver(body)).toEqual({ status: 200, body: { stored: 2, duplicates: 0, statuses: 0, deadLetters: 1 } });
      const after = await snapshotAccount(conn.db, s.account.id);
      expect(after.messages.map((m) => m.waMessageId).sort()).toEqual([good1.id, good2.id].sort());
      expect(after.deadLetters).toHaveLength(1);
      const [letter] = after.deadLetters;
      expect(letter).toMatchObject({ kind: "message", reason: expect.stringMatching(/\S/) });
      expect(JSON.parse(letter!.payload)).toEqual({ message: bad.message, ...(bad.contact ? { contact: bad.contact } : {}) });

      expect(await s.deliver(body)).toEqual({ status: 200, body: { stored: 0, duplicates: 2, statuses: 0, deadLetters: 1 } });
      expect(await snapshotAccount(conn.db, s.account.id)).toEqual(after);
    });
  }

  it("keeps a status that can't be applied, and applies the others", async () => {
    const s = await setup();
    const body = webhookBody(s.channel.phoneNumberId, [], {
      statuses: [
        { id: "wamid.out.1", status: "read", timestamp: "1700000000" },
        { id: "wamid.out.2", status: "read", timestamp: "999999999999" },
        { id: "wamid.out.\u0000", status: "delivered" },
      ],
    });
    expect(await s.deliver(body)).toMatchObject({ status: 200, body: { statuses: 1, deadLetters: 2 } });
    const letters = (await snapshotAccount(conn.db, s.account.id)).deadLetters;
    expect(letters.map((l) => [l.kind, JSON.parse(l.payload).id])).toEqual([
      ["status", "wamid.out.2"],
      ["status", "wamid.out.\u0000"],
    ]);
  });

  it("a message whose storing fails in the database is kept as a dead letter with the error, and the next one stored", async () => {
    const s = await setup();
    const marker = `explota-${randomUUID()}`;
    const trigger = `refuse_${marker.replace(/\W/g, "_")}`;
    // A real failure inside the transaction, for this test's message only (the database may be shared).
    await conn.db.execute(
      sql.raw(`create function ${trigger}() returns trigger language plpgsql as $$
        begin if new.body = '${marker}' then raise exception 'refused by test trigger'; end if; return new; end $$`),
    );
    await conn.db.execute(sql.raw(`create trigger ${trigger} before insert on messages for each row execute function ${trigger}()`));
    try {
      const body = webhookBody(s.channel.phoneNumberId, [textMessage(phone(), marker), textMessage(phone(), "después")]);
      expect(await s.deliver(body)).toMatchObject({ status: 200, body: { stored: 1, deadLetters: 1 } });
      const after = await snapshotAccount(conn.db, s.account.id);
      expect(after.messages.map((m) => m.body)).toEqual(["después"]);
      expect(after.contacts).toHaveLength(1);
      expect(after.deadLetters[0]!.reason).toMatch(/^could not be stored: P0001 .*refused by test trigger/);
    } finally {
      await conn.db.execute(sql.raw(`drop trigger ${trigger} on messages`));
      await conn.db.execute(sql.raw(`drop function ${trigger}()`));
    }
  });
});

describe("Configuración → WhatsApp: the dead letters", () => {
  it("the account's admins see its dead letters, newest first, a page at a time; another account's admin and a seller don't", async () => {
    const s = await setup();
    const admin = (await loadActor(conn.db, (await createUser(conn.db, s.account.id, { role: "admin" })).id)) as Actor;
    const seller = (await loadActor(conn.db, (await createUser(conn.db, s.account.id, { role: "seller" })).id)) as Actor;
    const other = await createAccount(conn.db);
    const otherAdmin = (await loadActor(conn.db, (await createUser(conn.db, other.id, { role: "admin" })).id)) as Actor;
    for (let i = 0; i < 5; i++) await keepDeadLetter(conn.db, s.account.id, "message", `motivo ${i}`, JSON.stringify({ i }));

    const first = await listDeadLetters(conn.db, admin, undefined, 3);
    expect(first).toMatchObject({ ok: true, total: 5 });
    if (!first.ok) throw new Error("refused");
    expect(first.rows.map((r) => r.reason)).toEqual(["motivo 4", "motivo 3", "motivo 2"]);
    const second = await listDeadLetters(conn.db, admin, first.nextBefore!, 3);
    expect(second.ok && second.rows.map((r) => r.reason)).toEqual(["motivo 1", "motivo 0"]);
    expect(second.ok && second.nextBefore).toBeNull();

    expect(await listDeadLetters(conn.db, seller)).toEqual({ ok: false, error: "forbidden" });
    expect(await listDeadLetters(conn.db, otherAdmin)).toMatchObject({ ok: true, rows: [], total: 0 });
    // A cursor of another account's row shows nothing of it.
    expect(await listDeadLetters(conn.db, otherAdmin, String(first.rows[0]!.id))).toMatchObject({ ok: true, rows: [] });
    // Anything else in the address starts from the newest.
    expect(await listDeadLetters(conn.db, admin, "1; drop table", 3)).toMatchObject({ ok: true, rows: first.rows });
  });

  it("a long payload is shown by its start, and says how long it is", async () => {
    const s = await setup();
    const admin = (await loadActor(conn.db, (await createUser(conn.db, s.account.id, { role: "admin" })).id)) as Actor;
    await keepDeadLetter(conn.db, s.account.id, "delivery", "grande", JSON.stringify({ body: "x".repeat(SHOWN_PAYLOAD + 100) }));
    const page = await listDeadLetters(conn.db, admin);
    expect(page.ok && page.rows.map((r) => [r.payload.length, r.payloadLength, r.truncated])).toEqual([[SHOWN_PAYLOAD, SHOWN_PAYLOAD + 111, true]]);
  });
});
