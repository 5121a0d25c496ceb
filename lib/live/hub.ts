import { and, eq, inArray } from "drizzle-orm";
import type { Connection } from "@/db/client";
import { conversations } from "@/db/schema";
import { loadActors, type Actor, type SessionRef } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { mayView } from "@/lib/access/visibility";
import { log } from "@/lib/log";
import { accumulate, eventsFor, namedBy, nothingPending, type ConversationState } from "./deliver";
import { CHANGES_CHANNEL, changeNotice, parseNotice, PRESENCE_CHANNEL, presenceNotice, type ChangeNotice, type LiveEvent } from "./events";

/** One open screen's stream on this instance. */
export interface Subscriber {
  userId: string;
  accountId: string;
  session: SessionRef;
  /** The conversation open on that screen, if any. */
  openId: string | null;
  send(event: LiveEvent): void;
  /** A comment line, so proxies keep a quiet stream open and a vanished browser is noticed. */
  ping(): void;
  /** The person may no longer receive anything (signed out, deactivated, password changed). */
  end(): void;
}

/** One account's changes waiting on this instance, delivered together. */
interface AccountQueue {
  notices: ChangeNotice[];
  timer: NodeJS.Timeout | null;
  running: boolean;
}

// A burst of webhooks or a run of single assignments reaches a screen as one delivery.
const COALESCE_MS = 150;
const HEARTBEAT_MS = 15_000;
// Bind parameters per statement are limited (65,535); four per session.
const SESSIONS_PER_STATEMENT = 5_000;

/**
 * This instance's side of the live inbox: one LISTEN per channel on one connection, fanned out
 * in memory to the streams open here. Deliveries are per account and set-based: at most one runs
 * at a time per account (what arrives meanwhile joins the next one), and each re-reads every open
 * screen's person in one query and the touched conversations in another, then decides per screen
 * who may be told what. A busy account's screens get fewer, larger deliveries, never a queue.
 */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  /** Each screen's person as last read from the database: presence goes only to those who may still see the inbox. */
  private readonly lastActor = new WeakMap<Subscriber, Actor>();
  private readonly queues = new Map<string, AccountQueue>();
  private listening: Promise<void> | null = null;
  private stops: (() => Promise<void>)[] = [];
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(private readonly conn: Connection) {}

  /** Starts hearing the database once, on the first stream. */
  private start(): Promise<void> {
    this.listening ??= (async () => {
      const missed = () => this.refreshEveryone("live: listening again after a dropped connection");
      this.stops.push(await this.conn.listen(CHANGES_CHANNEL, (payload) => this.onChange(payload), missed));
      this.stops.push(await this.conn.listen(PRESENCE_CHANNEL, (payload) => this.onPresence(payload)));
    })().catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  /** `actor` is the person as the stream's request just read them. */
  async subscribe(subscriber: Subscriber, actor: Actor): Promise<() => void> {
    await this.start();
    this.subscribers.add(subscriber);
    this.lastActor.set(subscriber, actor);
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => void this.beat(), HEARTBEAT_MS);
      this.heartbeat.unref();
    }
    return () => {
      this.subscribers.delete(subscriber);
      if (this.subscribers.size === 0 && this.heartbeat) {
        clearInterval(this.heartbeat);
        this.heartbeat = null;
      }
    };
  }

  private onChange(payload: string) {
    const notice = parseNotice(changeNotice, payload);
    if (!notice) return log.warn({ payload: payload.slice(0, 200) }, "live: unreadable change notice");
    let queue = this.queues.get(notice.a);
    if (!queue) this.queues.set(notice.a, (queue = { notices: [], timer: null, running: false }));
    queue.notices.push(notice);
    this.schedule(notice.a, queue);
  }

  private schedule(accountId: string, queue: AccountQueue) {
    if (queue.timer || queue.running) return;
    queue.timer = setTimeout(() => void this.deliver(accountId, queue), COALESCE_MS);
  }

  private async deliver(accountId: string, queue: AccountQueue) {
    queue.timer = null;
    queue.running = true;
    const notices = queue.notices.splice(0);
    try {
      const screens = [...this.subscribers].filter((s) => s.accountId === accountId);
      if (screens.length === 0) return;
      const pendings = screens.map((screen) => {
        const pending = nothingPending();
        for (const notice of notices) accumulate(pending, notice, screen.userId);
        return pending;
      });
      const named = [...new Set(screens.flatMap((screen, i) => namedBy(pendings[i]!, screen.openId)))];
      const [actors, rows] = await Promise.all([
        this.people(screens),
        named.length === 0
          ? []
          : this.conn.db
              .select({ id: conversations.id, accountId: conversations.accountId, ownerId: conversations.ownerId, status: conversations.status })
              .from(conversations)
              .where(and(eq(conversations.accountId, accountId), inArray(conversations.id, named))),
      ]);
      const now = new Map<string, ConversationState>(rows.map((r) => [r.id, r]));
      screens.forEach((screen, i) => {
        const actor = actors[i];
        if (!actor) return;
        // The inbox was taken from them (role, plan): the stream ends and the page shows why.
        if (denial(actor, "seeInbox")) return screen.end();
        for (const event of eventsFor(actor, pendings[i]!, screen.openId, now)) {
          // Told once: from now on that screen shows the notice, not the conversation.
          if (event.type === "lost") screen.openId = null;
          screen.send(event);
        }
      });
    } catch (error) {
      // What they missed is unknown: every screen of the account refetches what it may see.
      log.error({ err: error, accountId }, "live: delivery failed");
      for (const screen of this.subscribers) if (screen.accountId === accountId) screen.send({ type: "refresh" });
    } finally {
      queue.running = false;
      if (queue.notices.length > 0) this.schedule(accountId, queue);
      else this.queues.delete(accountId);
    }
  }

  /** The people behind these screens as the database knows them now; a screen whose session no longer holds is ended. */
  private async people(screens: Subscriber[]) {
    const actors: (Actor | null)[] = [];
    for (let from = 0; from < screens.length; from += SESSIONS_PER_STATEMENT) {
      const chunk = screens.slice(from, from + SESSIONS_PER_STATEMENT);
      actors.push(...(await loadActors(this.conn.db, chunk.map((s) => ({ userId: s.userId, ...s.session })))));
    }
    screens.forEach((screen, i) => {
      const actor = actors[i];
      if (actor) this.lastActor.set(screen, actor);
      else screen.end();
    });
    return actors;
  }

  private refreshEveryone(reason: string) {
    log.warn(reason);
    for (const screen of this.subscribers) screen.send({ type: "refresh" });
  }

  /** Every stream here: a ping, and the people re-read (a signed-out session's stream ends within 15 s even if nothing happens). */
  private async beat() {
    const screens = [...this.subscribers];
    for (const screen of screens) screen.ping();
    try {
      const actors = await this.people(screens);
      // The open conversations too: one taken away by a change this instance did not hear of still says so.
      const open = screens.flatMap((screen, i) => (screen.openId && actors[i] ? [{ screen, actor: actors[i] }] : []));
      if (open.length === 0) return;
      const rows = await this.conn.db
        .select({ id: conversations.id, accountId: conversations.accountId, ownerId: conversations.ownerId, status: conversations.status })
        .from(conversations)
        .where(inArray(conversations.id, [...new Set(open.map((o) => o.screen.openId!))]));
      const now = new Map(rows.map((r) => [r.id, r]));
      for (const { screen, actor } of open) {
        const state = now.get(screen.openId!);
        if (state && mayView(actor, state)) continue;
        screen.send({ type: "lost", id: screen.openId! });
        screen.openId = null;
      }
    } catch (error) {
      log.warn({ err: error }, "live: heartbeat re-check failed");
    }
  }

  private onPresence(payload: string) {
    const notice = parseNotice(presenceNotice, payload);
    if (!notice) return;
    for (const subscriber of this.subscribers) {
      // Only the others on the same conversation, in the same account; it names a teammate, nothing of the customer.
      if (subscriber.accountId !== notice.a || subscriber.openId !== notice.c || subscriber.userId === notice.u) continue;
      const actor = this.lastActor.get(subscriber);
      if (!actor || denial(actor, "seeInbox")) continue;
      subscriber.send({ type: "presence", userId: notice.u, name: notice.n, state: notice.s });
    }
  }

  async close() {
    for (const queue of this.queues.values()) if (queue.timer) clearTimeout(queue.timer);
    this.queues.clear();
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const stop of this.stops.splice(0)) await stop().catch(() => {});
    this.listening = null;
  }
}

const globalForHub = globalThis as unknown as { turnoLiveHub?: LiveHub };

/** This process's hub, over the app's shared connection. */
export async function getHub(): Promise<LiveHub> {
  if (!globalForHub.turnoLiveHub) {
    const { getConnection } = await import("@/db/client");
    globalForHub.turnoLiveHub ??= new LiveHub(await getConnection());
  }
  return globalForHub.turnoLiveHub;
}
