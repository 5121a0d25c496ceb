import type { DemoRows } from "./build";
import { chatTexts, chatTimeline, type ChatTimeline, type Outcome } from "./chat";
import { CLOSE_REASONS, HOURS, WEEKDAYS, fill, formatAmount } from "./content";
import { buildPerson, firstWord } from "./people";
import { TIME, type Random } from "./random";
import { buildActivities, buildDeals, buildTasks, productQuote } from "./records";

/** What every customer of one demo account shares: the team and the account's running counters. */
export interface Team {
  r: Random;
  now: Date;
  accountId: string;
  brand: string;
  admin: string;
  firstNames: Map<string, string>;
  deactivated: Set<string>;
  /** An active admin or seller, sellers more often, never `except`. */
  pickStaff(except?: string | null): string;
  takenWaIds: Set<string>;
  nextWaMessageId(): string;
}

/** Where one conversation stands: its owner (the closer, if closed), closed or not, window open or not. */
export interface Slot {
  ownerId: string | null;
  closed: boolean;
  windowOpen: boolean;
}

/** Who held a conversation over time. */
interface Owners {
  /** Owner before a reassignment, or before it was left unassigned. */
  earlier: string | null;
  handOverTo: string | null;
  /** The owner now: the hand-over target, else the slot's owner. */
  current: string | null;
  /** Who answered the customer before and after the owner changed. */
  firstResponder: string;
  laterResponder: string;
}

const PREVIEW_LENGTH = 120;

/** One customer: the CRM contact with its records, its WhatsApp conversation, messages and timeline. */
export function buildCustomer(team: Team, slot: Slot, rows: DemoRows): void {
  const { r, accountId } = team;
  const now = team.now.getTime();
  const person = buildPerson(r, team.takenWaIds);
  const contactId = r.uuid();
  const conversationId = r.uuid();
  const owners = pickOwners(team, slot);
  const chat = chatTimeline(r, {
    now: team.now,
    length: slot.ownerId === null ? 2 * r.int(1, 7) + 1 : r.int(3, 15),
    // An unassigned conversation is a customer waiting for an answer.
    startsInbound: slot.ownerId === null || r.chance(0.85),
    windowOpen: slot.windowOpen,
  });
  const times = conversationTimes(r, now, chat, slot.closed);

  const leftWithDeactivated = slot.ownerId !== null && team.deactivated.has(slot.ownerId);
  const contactOwner = r.chance(0.15)
    ? null
    : leftWithDeactivated
      ? slot.ownerId
      : owners.current && r.chance(0.75)
        ? owners.current
        : team.pickStaff();
  const contactCreatedAt = r.chance(0.6) ? times.firstAt : new Date(times.firstAt.getTime() - r.between(TIME.DAY, 90 * TIME.DAY));
  rows.contacts.push({
    id: contactId,
    accountId,
    name: person.name,
    phone: person.phone,
    waId: person.waId,
    email: person.email,
    company: person.company,
    ownerId: contactOwner,
    createdAt: contactCreatedAt,
  });

  const records = {
    r,
    now,
    accountId,
    contactId,
    person,
    owner: () => (contactOwner ? (r.chance(0.85) ? contactOwner : team.pickStaff()) : r.chance(0.5) ? null : team.pickStaff()),
  };
  const deals = buildDeals({ ...records, contactCreatedAt, ...times });
  rows.opportunities.push(...deals);
  rows.activities.push(...buildActivities(records));
  rows.tasks.push(...buildTasks(records));

  const firstDeal = deals[0];
  const outcome: Outcome = firstDeal?.status === "won" || firstDeal?.status === "lost" ? firstDeal.status : "undecided";
  const product = firstDeal ? { title: firstDeal.title, amount: Number(firstDeal.amount) } : productQuote(r);
  const texts = chatTexts(r, {
    directions: chat.directions,
    outcome: slot.closed ? outcome : null,
    values: {
      nombre: firstWord(person.firstName),
      vendedor: team.firstNames.get(owners.firstResponder)!,
      marca: team.brand,
      autoridad: person.country.taxAuthority,
      idFiscal: person.country.taxId,
      ciudad: r.pick(person.country.cities),
      negocio: person.business.toLowerCase(),
      personas: r.int(3, 40),
      producto: product.title,
      monto: formatAmount(product.amount),
      dia: r.pick(WEEKDAYS),
      hora: r.pick(HOURS),
    },
  });

  chat.directions.forEach((direction, i) => {
    const createdAt = chat.times[i]!;
    const inbound = direction === "inbound";
    const answered = chat.directions.indexOf("inbound", i) !== -1;
    rows.messages.push({
      id: r.uuid(),
      accountId,
      conversationId,
      direction,
      type: "text",
      body: texts[i]!,
      waMessageId: inbound ? team.nextWaMessageId() : null,
      status: inbound ? "received" : answered ? "read" : r.pick(["sent", "delivered", "read"] as const),
      sentById: inbound ? null : owners.earlier && createdAt > times.changedAt ? owners.laterResponder : owners.firstResponder,
      createdAt,
    });
  });

  const closeReason = slot.closed ? fill(r.pick(CLOSE_REASONS[outcome]), { producto: product.title }) : null;
  const history = timeline(team, { conversationId, slot, owners, times, contactOwner, closeReason });
  rows.history.push(...history);

  rows.conversations.push({
    id: conversationId,
    accountId,
    contactId,
    ownerId: owners.current,
    status: slot.closed ? "closed" : "open",
    unread: !slot.closed && chat.directions.at(-1) === "inbound" && r.chance(0.7),
    lastMessageAt: times.lastAt,
    lastMessagePreview: [...texts.at(-1)!].slice(0, PREVIEW_LENGTH).join(""),
    lastInboundAt: chat.lastInboundAt,
    closeReason,
    closedById: slot.closed ? slot.ownerId : null,
    closedAt: times.closedAt,
    // Each recorded change bumped the version, as the app does.
    version: 1 + history.length,
    createdAt: times.firstAt,
  });
}

function pickOwners(team: Team, slot: Slot): Owners {
  const { r } = team;
  if (slot.ownerId === null) {
    const earlier = r.chance(0.2) ? team.pickStaff() : null;
    return { earlier, handOverTo: null, current: null, firstResponder: earlier ?? team.admin, laterResponder: team.admin };
  }
  const earlier = !team.deactivated.has(slot.ownerId) && r.chance(0.2) ? team.pickStaff(slot.ownerId) : null;
  const handOverTo = slot.closed && r.chance(0.3) ? team.pickStaff(slot.ownerId) : null;
  return {
    earlier,
    handOverTo,
    current: handOverTo ?? slot.ownerId,
    firstResponder: earlier ?? slot.ownerId,
    laterResponder: slot.ownerId,
  };
}

function conversationTimes(r: Random, now: number, chat: ChatTimeline, closed: boolean) {
  const firstAt = chat.times[0]!;
  const lastAt = chat.times.at(-1)!;
  const closedAt = closed
    ? new Date(lastAt.getTime() + Math.min(r.between(3 * TIME.MINUTE, 4 * TIME.HOUR), (now - lastAt.getTime()) / 2))
    : null;
  const settledAt = closedAt?.getTime() ?? now;
  // A seller who writes first owned the conversation already; otherwise it is assigned once the customer writes.
  const assignedAt =
    chat.directions[0] === "outbound"
      ? new Date(firstAt.getTime() - r.between(TIME.MINUTE, 2 * TIME.HOUR))
      : new Date(firstAt.getTime() + Math.min(r.between(TIME.MINUTE, 30 * TIME.MINUTE), (settledAt - firstAt.getTime()) / 2));
  const changedAt = new Date(assignedAt.getTime() + (settledAt - assignedAt.getTime()) * r.between(0.2, 0.8));
  return { firstAt, lastAt, closedAt, assignedAt, changedAt };
}

/** The history entries the app would have written: assignments by the admin, hand-offs, the close. */
function timeline(
  team: Team,
  c: {
    conversationId: string;
    slot: Slot;
    owners: Owners;
    times: ReturnType<typeof conversationTimes>;
    contactOwner: string | null;
    closeReason: string | null;
  },
): DemoRows["history"] {
  const { slot, owners, times } = c;
  const entries: DemoRows["history"] = [];
  const entry = (actorId: string, kind: string, createdAt: Date, data: Record<string, unknown>) =>
    entries.push({ accountId: team.accountId, conversationId: c.conversationId, actorId, kind, data, createdAt });

  if (owners.earlier) {
    entry(team.admin, "conversation.assigned", times.assignedAt, { from: null, to: owners.earlier, mode: "user" });
    if (slot.ownerId) {
      entry(owners.earlier, "conversation.assigned", times.changedAt, { from: owners.earlier, to: slot.ownerId, mode: "user" });
    } else {
      entry(owners.earlier, "conversation.unassigned", times.changedAt, { from: owners.earlier, to: null });
    }
  } else if (slot.ownerId) {
    const mode = slot.ownerId === c.contactOwner && team.r.chance(0.5) ? "contact_owner" : "user";
    entry(team.admin, "conversation.assigned", times.assignedAt, { from: null, to: slot.ownerId, mode });
  }
  if (slot.ownerId && times.closedAt && c.closeReason) {
    entry(slot.ownerId, "conversation.closed", times.closedAt, {
      reason: c.closeReason,
      handOverTo: owners.handOverTo,
      from: slot.ownerId,
      to: owners.current,
    });
  }
  return entries;
}
