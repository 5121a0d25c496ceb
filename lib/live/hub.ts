import type { Connection } from "@/db/client";
import { loadActor, type Actor, type SessionRef } from "@/lib/access/actor";
import { log } from "@/lib/log";
import { accumulate, eventsFor, nothingPending, type Pending } from "./deliver";
import { CHANGES_CHANNEL, changeNotice, parseNotice, PRESENCE_CHANNEL, presenceNotice, type LiveEvent } from "./events";

/** One open screen's stream on this instance. */
export interface Subscriber {
  userId: string;
  accountId: string;
  session: SessionRef;
  /** The conversation open on that screen, if any. */
  openId: string | null;
  send(event: LiveEvent): void;
  /** The person may no longer receive anything (signed out, deactivated, password changed). */
  end(): void;
}

interface Entry {
  subscriber: Subscriber;
  pending: Pending;
  timer: NodeJS.Timeout | null;
  delivering: Promise<void>;
}

// A burst of webhooks or a run of single assignments reaches a screen as one delivery.
const COALESCE_MS = 150;

/**
 * This instance's side of the live inbox: one LISTEN per channel on one connection, fanned out
 * in memory to the streams open here. Every delivery re-reads the person from the database (a
 * signed-out or deactivated person's stream ends) and filters by what they may see right then.
 */
export class LiveHub {
  private readonly entries = new Set<Entry>();
  private listening: Promise<void> | null = null;
  private stops: (() => Promise<void>)[] = [];

  constructor(private readonly conn: Connection) {}

  /** Starts hearing the database once, on the first stream. */
  private start(): Promise<void> {
    this.listening ??= (async () => {
      this.stops.push(await this.conn.listen(CHANGES_CHANNEL, (payload) => this.onChange(payload)));
      this.stops.push(await this.conn.listen(PRESENCE_CHANNEL, (payload) => this.onPresence(payload)));
    })().catch((error) => {
      this.listening = null;
      throw error;
    });
    return this.listening;
  }

  async subscribe(subscriber: Subscriber): Promise<() => void> {
    await this.start();
    const entry: Entry = { subscriber, pending: nothingPending(), timer: null, delivering: Promise.resolve() };
    this.entries.add(entry);
    return () => {
      if (entry.timer) clearTimeout(entry.timer);
      this.entries.delete(entry);
    };
  }

  /** Open streams on this instance (the bench reads it). */
  get size(): number {
    return this.entries.size;
  }

  private onChange(payload: string) {
    const notice = parseNotice(changeNotice, payload);
    if (!notice) return log.warn({ payload: payload.slice(0, 200) }, "live: unreadable change notice");
    for (const entry of this.entries) {
      if (entry.subscriber.accountId !== notice.a) continue;
      accumulate(entry.pending, notice, entry.subscriber.userId);
      entry.timer ??= setTimeout(() => this.deliver(entry), COALESCE_MS);
    }
  }

  private deliver(entry: Entry) {
    entry.timer = null;
    const pending = entry.pending;
    entry.pending = nothingPending();
    // One delivery at a time per screen, in order.
    entry.delivering = entry.delivering.then(async () => {
      const actor = await this.current(entry);
      if (!actor) return;
      for (const event of await eventsFor(this.conn.db, actor, pending, entry.subscriber.openId)) {
        // Told once: from now on that screen shows the notice, not the conversation.
        if (event.type === "lost") entry.subscriber.openId = null;
        entry.subscriber.send(event);
      }
    }).catch((error) => log.error({ err: error, userId: entry.subscriber.userId }, "live: delivery failed"));
  }

  /** The person behind a stream as the database knows them now; their stream ends if they are gone. */
  async current(entry: Entry | Subscriber): Promise<Actor | null> {
    const subscriber = "subscriber" in entry ? entry.subscriber : entry;
    const actor = await loadActor(this.conn.db, subscriber.userId, subscriber.session);
    if (!actor) subscriber.end();
    return actor;
  }

  private onPresence(payload: string) {
    const notice = parseNotice(presenceNotice, payload);
    if (!notice) return;
    for (const { subscriber } of this.entries) {
      // Only the others on the same conversation, in the same account; it names a teammate, nothing of the customer.
      if (subscriber.accountId !== notice.a || subscriber.openId !== notice.c || subscriber.userId === notice.u) continue;
      subscriber.send({ type: "presence", userId: notice.u, name: notice.n, state: notice.s });
    }
  }

  async close() {
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
