import type { DemoRows } from "./build";
import { ACTIVITY_TITLES, PRODUCTS, TASK_TITLES, fill } from "./content";
import type { Person } from "./people";
import { TIME, type Random } from "./random";

interface RecordContext {
  r: Random;
  now: number;
  accountId: string;
  contactId: string;
  person: Person;
  /** Called once per record: most records follow the contact's owner, a few went to a colleague. */
  owner: () => string | null;
}

export function productQuote(r: Random) {
  const product = r.pick(PRODUCTS);
  const quantity = r.pick(product.quantities);
  return { title: fill(product.title, { n: quantity }), amount: product.unitPrice * quantity };
}

/** The first deal is the one the chat talks about: quoted during it, and settled when it was closed. */
export function buildDeals(
  c: RecordContext & { contactCreatedAt: Date; firstAt: Date; lastAt: Date; closedAt: Date | null },
): DemoRows["opportunities"] {
  const { r } = c;
  const count = r.weighted([
    { value: 0, weight: 25 },
    { value: 1, weight: 40 },
    { value: 2, weight: 25 },
    { value: 3, weight: 10 },
  ]);
  return Array.from({ length: count }, (_, i) => {
    const { title, amount } = productQuote(r);
    const status = r.weighted([
      { value: "open" as const, weight: 50 },
      { value: "won" as const, weight: 25 },
      { value: "lost" as const, weight: 25 },
    ]);
    const createdAt =
      i === 0
        ? new Date(c.firstAt.getTime() + (c.lastAt.getTime() - c.firstAt.getTime()) * r.between(0, 0.5))
        : new Date(c.contactCreatedAt.getTime() + (c.now - c.contactCreatedAt.getTime()) * r.between(0, 1));
    const settledAt =
      i === 0 && c.closedAt ? c.closedAt : new Date(createdAt.getTime() + (c.now - createdAt.getTime()) * r.between(0, 1));
    return {
      id: r.uuid(),
      accountId: c.accountId,
      contactId: c.contactId,
      ownerId: c.owner(),
      title,
      amount: amount.toFixed(2),
      status,
      createdAt,
      closedAt: status === "open" ? null : settledAt,
    };
  });
}

export function buildActivities(c: RecordContext): DemoRows["activities"] {
  const { r } = c;
  return Array.from({ length: workItemCount(r) }, () => {
    const kind = r.pick(["call", "meeting", "visit"] as const);
    return {
      id: r.uuid(),
      accountId: c.accountId,
      contactId: c.contactId,
      ownerId: c.owner(),
      kind,
      title: fill(r.pick(ACTIVITY_TITLES[kind]), titleValues(c.person)),
      ...workItemDates(r, c.now),
    };
  });
}

export function buildTasks(c: RecordContext): DemoRows["tasks"] {
  const { r } = c;
  return Array.from({ length: workItemCount(r) }, () => {
    const dates = workItemDates(r, c.now);
    return {
      id: r.uuid(),
      accountId: c.accountId,
      contactId: c.contactId,
      ownerId: c.owner(),
      title: fill(r.pick(TASK_TITLES), titleValues(c.person)),
      ...dates,
      // Some to-dos are jotted down without a date.
      dueAt: dates.status === "pending" && r.chance(0.2) ? null : dates.dueAt,
    };
  });
}

function workItemCount(r: Random): number {
  return r.weighted([
    { value: 0, weight: 35 },
    { value: 1, weight: 35 },
    { value: 2, weight: 20 },
    { value: 3, weight: 10 },
  ]);
}

/** A pending item falls due from two days ago (overdue) to two weeks ahead; a done one in the past month. */
function workItemDates(r: Random, now: number) {
  const status = r.chance(0.55) ? ("pending" as const) : ("done" as const);
  const dueAt =
    status === "pending" ? new Date(now + r.between(-2 * TIME.DAY, 14 * TIME.DAY)) : new Date(now - r.between(TIME.HOUR, 30 * TIME.DAY));
  const createdAt = new Date(Math.min(now, dueAt.getTime()) - r.between(TIME.DAY, 10 * TIME.DAY));
  return { status, dueAt, createdAt };
}

function titleValues(person: Person) {
  return { cliente: person.company ?? person.name, idFiscal: person.country.taxId, autoridad: person.country.taxAuthority };
}
