import type * as schema from "@/db/schema";
import { buildCustomer, type Slot, type Team } from "./customer";
import type { DemoAccount } from "./demo-accounts";
import { firstWord } from "./people";
import { TIME, createRandom } from "./random";

/** The rows one table takes. */
type Insert<K extends keyof typeof schema> = (typeof schema)[K] extends { $inferInsert: infer Row } ? Row : never;

export interface DemoRows {
  account: Insert<"accounts">;
  addons: Insert<"accountAddons">[];
  users: Insert<"users">[];
  groups: Insert<"groups">[];
  groupMembers: Insert<"groupMembers">[];
  contacts: Insert<"contacts">[];
  opportunities: Insert<"opportunities">[];
  activities: Insert<"activities">[];
  tasks: Insert<"tasks">[];
  conversations: Insert<"conversations">[];
  messages: Insert<"messages">[];
  history: Insert<"historyEntries">[];
}

/** Every row of one demo account, built in memory from the account's seed; only times follow `now`. */
export function buildDemoAccount(spec: DemoAccount, opts: { now: Date; passwordHash: string }): DemoRows {
  const r = createRandom(spec.seed);
  const createdAt = new Date(opts.now.getTime() - 120 * TIME.DAY);
  const accountId = r.uuid();
  const team = spec.users.map((u) => ({ id: r.uuid(), accountId, ...u, passwordHash: opts.passwordHash, createdAt }));
  const rows: DemoRows = {
    account: { id: accountId, name: spec.name, plan: spec.plan, createdAt },
    addons: spec.addons.map((addon) => ({ accountId, addon, activatedAt: createdAt })),
    users: team,
    groups: [],
    groupMembers: [],
    contacts: [],
    opportunities: [],
    activities: [],
    tasks: [],
    conversations: [],
    messages: [],
    history: [],
  };
  const idByEmail = new Map(team.map((u) => [u.email, u.id]));
  for (const group of spec.groups) {
    const groupId = r.uuid();
    rows.groups.push({ id: groupId, accountId, name: group.name, createdAt });
    rows.groupMembers.push(...group.members.map((email) => ({ accountId, groupId, userId: idByEmail.get(email)! })));
  }

  // Active admins and sellers own and receive conversations; sellers do most of the work.
  const staff = team
    .filter((u) => u.active && (u.role === "admin" || u.role === "seller"))
    .map((u) => ({ value: u.id, weight: u.role === "seller" ? 3 : 1 }));
  let waMessages = 0;
  const context: Team = {
    r,
    now: opts.now,
    accountId,
    brand: spec.brand,
    admin: team.find((u) => u.role === "admin" && u.active)!.id,
    firstNames: new Map(team.map((u) => [u.id, firstWord(u.name)])),
    deactivated: new Set(team.filter((u) => !u.active && u.role === "seller").map((u) => u.id)),
    pickStaff: (except) => r.weighted(staff.filter((u) => u.value !== except)),
    takenWaIds: new Set(),
    nextWaMessageId: () => `wamid.demo.${++waMessages}`,
  };
  for (const slot of planSlots(spec, context)) buildCustomer(context, slot, rows);
  return rows;
}

/**
 * Who owns each conversation and whether it is closed or inside the 24-hour window, shuffled:
 * deactivated sellers' leftovers, unassigned ones, then the team's share, a part of it closed.
 */
function planSlots(spec: DemoAccount, team: Team): Slot[] {
  const slots: Slot[] = [];
  for (const ownerId of team.deactivated) {
    for (let i = 0; i < spec.perDeactivatedSeller; i++) slots.push({ ownerId, closed: false, windowOpen: false });
  }
  for (let i = 0; i < spec.unassigned; i++) slots.push({ ownerId: null, closed: false, windowOpen: false });
  const assigned = spec.contacts - slots.length;
  for (let i = 0; i < assigned; i++) slots.push({ ownerId: team.pickStaff(), closed: i < spec.closed, windowOpen: false });

  const shuffled = team.r.shuffle(slots);
  // A fifth of the open windows belong to closed conversations: closing does not end Meta's window.
  let closedWindows = Math.round(spec.windowOpen / 5);
  let openWindows = spec.windowOpen - closedWindows;
  for (const slot of shuffled) {
    if (slot.closed && closedWindows > 0) {
      slot.windowOpen = true;
      closedWindows--;
    } else if (!slot.closed && openWindows > 0) {
      slot.windowOpen = true;
      openWindows--;
    }
  }
  return shuffled;
}
