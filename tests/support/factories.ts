import { randomUUID } from "node:crypto";
import type { Database } from "@/db/client";
import {
  accountAddons,
  accounts,
  activities,
  contacts,
  conversations,
  groupMembers,
  groups,
  messages,
  opportunities,
  tasks,
  users,
  type Addon,
  type Plan,
  type Role,
} from "@/db/schema";

// A fixed, cheap hash of "secret-pass" (bcrypt cost 4) so factories don't spend time hashing.
export const FACTORY_PASSWORD = "secret-pass";
const FACTORY_HASH = "$2b$04$QrP1Tobdgpv9DRCZ7m1dlOLieiNQmcSxGPvUtwdH0ogz33iwTM8Y2";

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}${randomUUID().slice(0, 6)}`;
const digits = () => String(Math.floor(1e9 + Math.random() * 9e9));

export async function createAccount(
  db: Database,
  opts: { name?: string; plan?: Plan; addons?: Addon[] } = {},
) {
  const [account] = await db
    .insert(accounts)
    .values({ name: opts.name ?? `Cuenta ${unique()}`, plan: opts.plan ?? "pro" })
    .returning();
  const addons = opts.addons ?? ["whatsapp"];
  if (addons.length) {
    await db.insert(accountAddons).values(addons.map((addon) => ({ accountId: account!.id, addon })));
  }
  return account!;
}

export async function createUser(
  db: Database,
  accountId: string,
  opts: { role?: Role; name?: string; email?: string; active?: boolean; passwordHash?: string } = {},
) {
  const role = opts.role ?? "seller";
  const [user] = await db
    .insert(users)
    .values({
      accountId,
      role,
      name: opts.name ?? `Usuario ${role} ${unique()}`,
      email: opts.email ?? `${role}-${unique()}@test.turno`,
      active: opts.active ?? true,
      passwordHash: opts.passwordHash ?? FACTORY_HASH,
    })
    .returning();
  return user!;
}

export async function createGroup(db: Database, accountId: string, name: string, memberIds: string[]) {
  const [group] = await db.insert(groups).values({ accountId, name }).returning();
  if (memberIds.length) {
    await db.insert(groupMembers).values(memberIds.map((userId) => ({ accountId, groupId: group!.id, userId })));
  }
  return group!;
}

export async function createContact(
  db: Database,
  accountId: string,
  opts: { name?: string; ownerId?: string | null; waId?: string } = {},
) {
  const waId = opts.waId ?? `57${digits()}`;
  const [contact] = await db
    .insert(contacts)
    .values({ accountId, name: opts.name ?? `Contacto ${unique()}`, waId, phone: `+${waId}`, ownerId: opts.ownerId ?? null })
    .returning();
  return contact!;
}

export async function createConversation(
  db: Database,
  accountId: string,
  opts: {
    contactId?: string;
    contactName?: string;
    ownerId?: string | null;
    status?: "open" | "closed";
    unread?: boolean;
    lastMessageAt?: Date;
    lastInboundAt?: Date | null;
    closedById?: string;
    messages?: { direction: "inbound" | "outbound"; body: string; at?: Date }[];
  } = {},
) {
  const contactId = opts.contactId ?? (await createContact(db, accountId, { name: opts.contactName })).id;
  const closed = opts.status === "closed";
  const lastMessageAt = opts.lastMessageAt ?? new Date();
  const history = opts.messages ?? [{ direction: "inbound" as const, body: "Hola", at: lastMessageAt }];
  const [conversation] = await db
    .insert(conversations)
    .values({
      accountId,
      contactId,
      ownerId: opts.ownerId ?? null,
      status: opts.status ?? "open",
      unread: opts.unread ?? true,
      lastMessageAt,
      lastMessagePreview: history.at(-1)?.body ?? "",
      lastInboundAt: opts.lastInboundAt === undefined ? lastMessageAt : opts.lastInboundAt,
      closedAt: closed ? lastMessageAt : null,
      closedById: closed ? (opts.closedById ?? opts.ownerId ?? null) : null,
      closeReason: closed ? "Cliente atendido" : null,
    })
    .returning();
  if (history.length) {
    await db.insert(messages).values(
      history.map((m) => ({
        accountId,
        conversationId: conversation!.id,
        direction: m.direction,
        body: m.body,
        status: m.direction === "inbound" ? ("received" as const) : ("sent" as const),
        createdAt: m.at ?? lastMessageAt,
      })),
    );
  }
  return conversation!;
}

export async function createOpportunity(
  db: Database,
  accountId: string,
  contactId: string,
  opts: { ownerId?: string | null; status?: "open" | "won" | "lost"; title?: string } = {},
) {
  const status = opts.status ?? "open";
  const [row] = await db
    .insert(opportunities)
    .values({
      accountId,
      contactId,
      ownerId: opts.ownerId ?? null,
      title: opts.title ?? `Oportunidad ${unique()}`,
      amount: "1000.00",
      status,
      closedAt: status === "open" ? null : new Date(),
    })
    .returning();
  return row!;
}

export async function createActivity(
  db: Database,
  accountId: string,
  contactId: string,
  opts: { ownerId?: string | null; status?: "pending" | "done"; title?: string } = {},
) {
  const [row] = await db
    .insert(activities)
    .values({
      accountId,
      contactId,
      ownerId: opts.ownerId ?? null,
      title: opts.title ?? `Llamada ${unique()}`,
      dueAt: new Date(Date.now() + 86_400_000),
      status: opts.status ?? "pending",
    })
    .returning();
  return row!;
}

export async function createTask(
  db: Database,
  accountId: string,
  contactId: string,
  opts: { ownerId?: string | null; status?: "pending" | "done"; title?: string } = {},
) {
  const [row] = await db
    .insert(tasks)
    .values({
      accountId,
      contactId,
      ownerId: opts.ownerId ?? null,
      title: opts.title ?? `Tarea ${unique()}`,
      status: opts.status ?? "pending",
    })
    .returning();
  return row!;
}
