import { describe, expect, it } from "vitest";
import { loadActor } from "@/lib/access/actor";
import { pageAccess } from "@/lib/access/policy";
import { getConversation } from "@/lib/inbox/get-conversation";
import { resolveFilters } from "@/lib/inbox/filters";
import { listConversations } from "@/lib/inbox/list-conversations";
import { createAccount, createActivity, createConversation, createGroup, createOpportunity, createTask, createUser } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";

const conn = useTestDb();

const { actorOf } = conn;

/** An account with an admin, two sellers, support, editor and conversations of each kind. */
async function buildAccount() {
  const { db } = conn;
  const account = await createAccount(db);
  const admin = await createUser(db, account.id, { role: "admin", name: "Admin" });
  const seller1 = await createUser(db, account.id, { role: "seller", name: "Vendedor Uno" });
  const seller2 = await createUser(db, account.id, { role: "seller", name: "Vendedor Dos" });
  const support = await createUser(db, account.id, { role: "support" });
  const editor = await createUser(db, account.id, { role: "editor" });
  const minute = 60_000;
  const base = Date.now() - 60 * minute;
  const mineOpen = await createConversation(db, account.id, { ownerId: seller1.id, contactName: "Ana Pérez", lastMessageAt: new Date(base + 5 * minute) });
  const mineClosed = await createConversation(db, account.id, { ownerId: seller1.id, status: "closed", contactName: "Bruno Díaz", lastMessageAt: new Date(base + 4 * minute) });
  const theirs = await createConversation(db, account.id, { ownerId: seller2.id, contactName: "Carla Ruiz", unread: false, lastMessageAt: new Date(base + 3 * minute) });
  const unassigned = await createConversation(db, account.id, { ownerId: null, contactName: "Diego Mora", lastMessageAt: new Date(base + 2 * minute), lastInboundAt: new Date(Date.now() - 30 * 60 * minute) });
  return {
    account,
    users: { admin, seller1, seller2, support, editor },
    conversations: { mineOpen, mineClosed, theirs, unassigned },
  };
}

describe("who may open the inbox", () => {
  it("admin, seller and support of a Pro account with WhatsApp may; an editor may not", async () => {
    const { users } = await buildAccount();
    expect(pageAccess(await actorOf(users.admin.id), "seeInbox")).toBe("ok");
    expect(pageAccess(await actorOf(users.seller1.id), "seeInbox")).toBe("ok");
    expect(pageAccess(await actorOf(users.support.id), "seeInbox")).toBe("ok");
    expect(pageAccess(await actorOf(users.editor.id), "seeInbox")).toBe("not_found");
  });

  it("an account on Basic, or on Pro without the WhatsApp add-on, gets plan_required", async () => {
    const basic = await createAccount(conn.db, { plan: "basic", addons: [] });
    const proNoAddon = await createAccount(conn.db, { plan: "pro", addons: [] });
    const basicAdmin = await createUser(conn.db, basic.id, { role: "admin" });
    const proAdmin = await createUser(conn.db, proNoAddon.id, { role: "admin" });
    expect(pageAccess(await actorOf(basicAdmin.id), "seeInbox")).toBe("locked");
    expect(pageAccess(await actorOf(proAdmin.id), "seeInbox")).toBe("locked");
  });

  it("Enterprise with WhatsApp unlocks the inbox too", async () => {
    const account = await createAccount(conn.db, { plan: "enterprise" });
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    expect(pageAccess(await actorOf(admin.id), "seeInbox")).toBe("ok");
  });

  it("a deactivated user is no actor at all", async () => {
    const account = await createAccount(conn.db);
    const gone = await createUser(conn.db, account.id, { role: "admin", active: false });
    expect(await loadActor(conn.db, gone.id)).toBeNull();
  });
});

describe("what each role sees in the list", () => {
  it("admin sees every open conversation of the account, newest first, and nothing of another account", async () => {
    const { users, conversations } = await buildAccount();
    await buildAccount(); // another tenant's conversations must not appear
    const admin = await actorOf(users.admin.id);
    const page = await listConversations(conn.db, admin, resolveFilters({}, "admin"));
    expect(page.rows.map((r) => r.id)).toEqual([
      conversations.mineOpen.id,
      conversations.theirs.id,
      conversations.unassigned.id,
    ]);
    expect(page.rows.find((r) => r.id === conversations.unassigned.id)?.ownerName).toBeNull();
    expect(page.rows.find((r) => r.id === conversations.theirs.id)?.ownerName).toBe("Vendedor Dos");
  });

  it("a seller sees only their own, open and closed, whatever owner filter the URL asks for", async () => {
    const { users, conversations } = await buildAccount();
    const seller = await actorOf(users.seller1.id);
    const all = await listConversations(conn.db, seller, resolveFilters({ status: "all", owner: "all" }, "seller"));
    expect(all.rows.map((r) => r.id).sort()).toEqual([conversations.mineOpen.id, conversations.mineClosed.id].sort());
    const forced = await listConversations(
      conn.db,
      seller,
      resolveFilters({ status: "all", owner: users.seller2.id }, "seller"),
    );
    expect(forced.rows.map((r) => r.id)).not.toContain(conversations.theirs.id);
  });

  it("support sees closed conversations only, even when asking for open ones", async () => {
    const { users, conversations } = await buildAccount();
    const support = await actorOf(users.support.id);
    const page = await listConversations(conn.db, support, resolveFilters({ status: "open" }, "support"));
    expect(page.rows.map((r) => r.id)).toEqual([conversations.mineClosed.id]);
  });

  it("an editor sees nothing", async () => {
    const { users } = await buildAccount();
    const editor = await actorOf(users.editor.id);
    const page = await listConversations(conn.db, editor, resolveFilters({ status: "all" }, "editor"));
    expect(page.rows).toEqual([]);
  });
});

describe("list filters", () => {
  it("filters by owner, unassigned, unread, group and text", async () => {
    const { account, users, conversations } = await buildAccount();
    const admin = await actorOf(users.admin.id);
    const ids = async (params: Record<string, string>) =>
      (await listConversations(conn.db, admin, resolveFilters(params, "admin"))).rows.map((r) => r.id);

    expect(await ids({ owner: "unassigned" })).toEqual([conversations.unassigned.id]);
    expect(await ids({ owner: users.seller2.id })).toEqual([conversations.theirs.id]);
    expect(await ids({ status: "closed" })).toEqual([conversations.mineClosed.id]);
    expect(await ids({ unread: "1" })).not.toContain(conversations.theirs.id);
    expect(await ids({ q: "carla" })).toEqual([conversations.theirs.id]);
    expect(await ids({ q: "Ana%" })).toEqual([]);
    expect(await ids({ q: "ana" })).toEqual([conversations.mineOpen.id]);
    // Accents and case do not matter: "perez" and "ANA PÉREZ" both find "Ana Pérez".
    expect(await ids({ q: "perez" })).toEqual([conversations.mineOpen.id]);
    expect(await ids({ q: "ANA PÉREZ" })).toEqual([conversations.mineOpen.id]);
    // Several words match as typed, in that order and side by side; a short one works too.
    expect(await ids({ q: "ana pér" })).toEqual([conversations.mineOpen.id]);
    expect(await ids({ q: "na pe" })).toEqual([conversations.mineOpen.id]);
    expect(await ids({ q: "ana p." })).toEqual([]);
    expect(await ids({ q: "pérez ana" })).toEqual([]);
    expect(await ids({ q: "ana  pérez" })).toEqual([]);

    const group = await createGroup(conn.db, account.id, "Equipo Norte", [users.seller2.id]);
    expect(await ids({ group: group.id })).toEqual([conversations.theirs.id]);
  });

  it("finds a contact by the digits of their phone", async () => {
    const { account, users } = await buildAccount();
    const conversation = await createConversation(conn.db, account.id, { ownerId: users.seller1.id });
    const admin = await actorOf(users.admin.id);
    const [row] = (await listConversations(conn.db, admin, resolveFilters({}, "admin"))).rows.filter(
      (r) => r.id === conversation.id,
    );
    const digits = row!.contactPhone.slice(-7);
    const page = await listConversations(conn.db, admin, resolveFilters({ q: digits }, "admin"));
    expect(page.rows.map((r) => r.id)).toEqual([conversation.id]);
  });

  it("folds a capital accented letter as it folds a small one: \"oscar\" finds \"Óscar Ángel\"", async () => {
    const { account, users } = await buildAccount();
    const conversation = await createConversation(conn.db, account.id, { ownerId: users.seller1.id, contactName: "Óscar Ángel Núñez" });
    const admin = await actorOf(users.admin.id);
    const ids = async (q: string) => (await listConversations(conn.db, admin, resolveFilters({ q }, "admin"))).rows.map((r) => r.id);
    for (const q of ["oscar", "ÓSCAR", "angel nun", "Ángel Núñ"]) expect(await ids(q)).toEqual([conversation.id]);
  });

  it("shows whether the 24-hour window is open", async () => {
    const { users, conversations } = await buildAccount();
    const admin = await actorOf(users.admin.id);
    const page = await listConversations(conn.db, admin, resolveFilters({}, "admin"));
    expect(page.rows.find((r) => r.id === conversations.mineOpen.id)?.windowOpen).toBe(true);
    expect(page.rows.find((r) => r.id === conversations.unassigned.id)?.windowOpen).toBe(false);
  });
});

describe("keyset pagination", () => {
  it("walks every conversation exactly once, including rows that share a timestamp", async () => {
    const account = await createAccount(conn.db);
    const admin = await createUser(conn.db, account.id, { role: "admin" });
    const sameMoment = new Date(Date.now() - 10_000);
    const created: string[] = [];
    for (let i = 0; i < 70; i++) {
      const at = i % 3 === 0 ? sameMoment : new Date(sameMoment.getTime() - i * 1000);
      created.push((await createConversation(conn.db, account.id, { lastMessageAt: at, messages: [] })).id);
    }
    const actor = await actorOf(admin.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listConversations(conn.db, actor, resolveFilters({}, "admin"), cursor);
      seen.push(...page.rows.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(70);
    expect(seen.sort()).toEqual(created.sort());
  });

  it("a forged cursor starts from the top instead of failing", async () => {
    const { users } = await buildAccount();
    const admin = await actorOf(users.admin.id);
    const page = await listConversations(conn.db, admin, resolveFilters({}, "admin"), "bm90LWEtY3Vyc29y");
    expect(page.rows.length).toBe(3);
  });
});

describe("opening one conversation", () => {
  it("returns history and the contact panel: open deals, pending activities and tasks only", async () => {
    const { account, users } = await buildAccount();
    const conversation = await createConversation(conn.db, account.id, {
      ownerId: users.seller1.id,
      messages: [
        { direction: "inbound", body: "Hola, ¿precio?", at: new Date(Date.now() - 2000) },
        { direction: "outbound", body: "Con gusto", at: new Date(Date.now() - 1000) },
      ],
    });
    const contactId = conversation.contactId;
    await createOpportunity(conn.db, account.id, contactId, { title: "Abierta" });
    await createOpportunity(conn.db, account.id, contactId, { title: "Ganada", status: "won" });
    await createActivity(conn.db, account.id, contactId, { title: "Llamar" });
    await createActivity(conn.db, account.id, contactId, { title: "Hecha", status: "done" });
    await createTask(conn.db, account.id, contactId, { title: "Enviar cotización" });
    await createTask(conn.db, account.id, contactId, { title: "Terminada", status: "done" });

    const detail = await getConversation(conn.db, await actorOf(users.admin.id), conversation.id);
    expect(detail?.messages.map((m) => m.body)).toEqual(["Hola, ¿precio?", "Con gusto"]);
    expect(detail?.openDeals.map((d) => d.title)).toEqual(["Abierta"]);
    expect(detail?.pendingActivities.map((a) => a.title)).toEqual(["Llamar"]);
    expect(detail?.pendingTasks.map((t) => t.title)).toEqual(["Enviar cotización"]);
    expect(detail?.ownerName).toBe("Vendedor Uno");
  });

  it("is not found for another seller's conversation, another tenant's, a garbage id, or an editor", async () => {
    const { users, conversations } = await buildAccount();
    const other = await buildAccount();
    const seller = await actorOf(users.seller1.id);
    expect(await getConversation(conn.db, seller, conversations.theirs.id)).toBeNull();
    expect(await getConversation(conn.db, seller, conversations.unassigned.id)).toBeNull();
    expect(await getConversation(conn.db, await actorOf(users.admin.id), other.conversations.mineOpen.id)).toBeNull();
    expect(await getConversation(conn.db, seller, "not-a-uuid")).toBeNull();
    expect(await getConversation(conn.db, await actorOf(users.editor.id), conversations.mineOpen.id)).toBeNull();
  });

  it("support may open a closed conversation but not an open one", async () => {
    const { users, conversations } = await buildAccount();
    const support = await actorOf(users.support.id);
    expect(await getConversation(conn.db, support, conversations.mineClosed.id)).not.toBeNull();
    expect(await getConversation(conn.db, support, conversations.mineOpen.id)).toBeNull();
  });
});
