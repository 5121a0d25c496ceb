import { sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import type { AutomationAction } from "@/db/schema";
import { loadSystemActor } from "@/lib/access/actor";
import { transactionWithRetry } from "@/lib/errors";
import { heartbeat } from "@/lib/health/heartbeat";
import { log, requestLogger } from "@/lib/log";
import { senderForAccount } from "@/lib/whatsapp/cloud-sender";
import { applyAllPendingInbound } from "@/lib/whatsapp/receive";
import type { WhatsAppSender } from "@/lib/whatsapp/sender";
import { defaultWebhookPoster, type PostWebhook } from "./post-webhook";
import { runAction, type ActionJob } from "./run-action";

export const MAX_ATTEMPTS = 6;

/** 10 s, 20 s, 40 s… up to an hour between attempts. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 5_000, 60 * 60_000);
}

export interface WorkerDeps {
  senderFor?: (db: Database, accountId: string) => Promise<WhatsAppSender>;
  postWebhook?: PostWebhook;
  /** Only this account's jobs (tests sharing a database; draining one tenant by hand). */
  accountId?: string;
}

interface DueJob extends ActionJob {
  accountId: string;
  attempts: number;
  action: AutomationAction | null;
  active: boolean;
}

/**
 * Delivers due jobs of the outbox, at least once. Each job is claimed with FOR UPDATE SKIP
 * LOCKED, so several workers (one per app instance) share the queue without taking a job twice,
 * and runs in a transaction of its own: it holds one job's locks at a time, taken in the same
 * order as a person's action (counters, then the conversation), so it can't deadlock with one.
 * The action runs in a savepoint: a failure rolls back its own writes and schedules a retry.
 */
export async function runDueJobs(db: Database, deps: WorkerDeps = {}, limit = 20) {
  const counts = { done: 0, retried: 0, failed: 0 };
  const postWebhook = deps.postWebhook ?? defaultWebhookPoster();
  for (let run = 0; run < limit; run++) {
    const outcome = await transactionWithRetry(db, async (tx) => {
      const [job] = await queryRows<DueJob>(
        tx,
        sql`select j.id, j.account_id as "accountId", j.event, j.conversation_id as "conversationId", j.payload,
              j.attempts, j.automation_id as "automationId", a.name as "automationName",
              a.signing_secret as "signingSecret", a.actions -> j.action_index as action, a.active
            from automation_jobs j
            join automations a on a.account_id = j.account_id and a.id = j.automation_id
            where j.status = 'pending' and j.available_at <= now()
              ${deps.accountId ? sql`and j.account_id = ${deps.accountId}` : sql``}
            order by j.available_at, j.id
            limit 1
            for update of j skip locked`,
      );
      if (!job) return null;
      const jobLog = requestLogger({ job: job.id, accountId: job.accountId, automationId: job.automationId, attempt: job.attempts + 1 });
      try {
        if (!job.action) throw new Error("the flow no longer has this action");
        if (job.active) {
          const actor = await loadSystemActor(tx, job.accountId);
          if (!actor) throw new Error("account not found");
          const sender = await (deps.senderFor ?? senderForAccount)(tx, job.accountId);
          await tx.transaction((sp) => runAction(sp as unknown as Database, actor, job.action!, job, { sender, postWebhook }));
        }
        await tx.execute(sql`update automation_jobs set status = 'done', attempts = attempts + 1, last_error = null,
                               finished_at = now() where id = ${job.id}`);
        jobLog.info("automation job done");
        return "done" as const;
      } catch (error) {
        const attempts = job.attempts + 1;
        const failed = attempts >= MAX_ATTEMPTS;
        const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
        // A retry is the outbox working as meant; a job given up on is what someone should look at.
        if (failed) jobLog.warn({ err: error }, "automation job failed for good");
        else jobLog.info({ err: error }, "automation job will be retried");
        await tx.execute(sql`update automation_jobs set attempts = ${attempts}, last_error = ${message},
                               status = ${failed ? "failed" : "pending"},
                               available_at = now() + ${`${backoffMs(attempts)} milliseconds`}::interval,
                               finished_at = ${failed ? sql`now()` : sql`null`}
                             where id = ${job.id}`);
        return failed ? ("failed" as const) : ("retried" as const);
      }
    });
    if (!outcome) break;
    counts[outcome]++;
  }
  return counts;
}

/** Polls the outbox (and the summaries left in inbound_pending) until stopped; started with the app and by `npm run worker`. */
export function startWorker(getDb: () => Promise<Database>, options: { intervalMs?: number } & WorkerDeps = {}) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const alive = heartbeat();
  const workerLog = log.child({ worker: alive.workerId });
  const tick = async () => {
    try {
      const db = await getDb();
      await alive.beat(db);
      // Customer messages stored while a bulk held their conversations: their summaries, once free.
      const summaries = await applyAllPendingInbound(db);
      if (summaries > 0) workerLog.info({ summaries }, "pending conversation summaries applied");
      const counts = await runDueJobs(db, options);
      if (counts.done + counts.retried + counts.failed > 0) workerLog.info(counts, "outbox delivered");
    } catch (error) {
      workerLog.error({ err: error }, "worker tick failed");
    }
    if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 2_000);
  };
  timer = setTimeout(tick, options.intervalMs ?? 2_000);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
