import { eq, sql } from "drizzle-orm";
import { queryRows, type Database } from "@/db/client";
import { conversations, type AutomationAction } from "@/db/schema";
import type { Actor } from "@/lib/access/actor";
import { denial } from "@/lib/access/policy";
import { assign } from "@/lib/assignment/assign";
import { NO_TRANSFER } from "@/lib/assignment/input";
import { DomainFailure } from "@/lib/errors";
import { sendReply } from "@/lib/messaging/send-reply";
import { signBody } from "@/lib/whatsapp/signature";
import type { PostWebhook } from "./post-webhook";
import type { WhatsAppSender } from "@/lib/whatsapp/sender";

export interface ActionJob {
  id: number;
  event: string;
  conversationId: string;
  payload: Record<string, unknown>;
  automationId: string;
  automationName: string;
  signingSecret: string;
}

export interface ActionDeps {
  sender: WhatsAppSender;
  postWebhook: PostWebhook;
}

/**
 * Runs one action of a flow for one event, as the account's automation (no person behind it):
 * the same policy and the same use cases a person's action goes through. A refusal fails the run
 * with its reason, for the runs page, and is retried like any other failure.
 */
export async function runAction(tx: Database, actor: Actor, action: AutomationAction, job: ActionJob, deps: ActionDeps) {
  if (action.type !== "webhook") {
    const denied = denial(actor, "changeConversations");
    if (denied) throw new Error(`${action.type} refused: ${denied}`);
  }
  try {
    await runOne(tx, actor, action, job, deps);
  } catch (error) {
    throw error instanceof DomainFailure ? new Error(`${action.type} refused: ${error.code}`) : error;
  }
}

async function runOne(tx: Database, actor: Actor, action: AutomationAction, job: ActionJob, deps: ActionDeps) {
  switch (action.type) {
    case "reply":
      await sendReply(tx, actor, { conversationId: job.conversationId, body: action.text }, deps.sender);
      return;
    case "assign_user":
    case "assign_round_robin":
      await assign(tx, actor, {
        selection: eq(conversations.id, job.conversationId),
        target:
          action.type === "assign_user"
            ? { mode: "user", userId: action.userId }
            : { mode: "round_robin", pool: { kind: "groups", groupIds: [action.groupId] } },
        markUnread: false,
        transfer: NO_TRANSFER,
      });
      return;
    case "webhook": {
      const body = JSON.stringify(await webhookBody(tx, actor.accountId, job));
      const response = await deps.postWebhook(action.url, {
        headers: {
          "content-type": "application/json",
          "x-turno-event": job.event,
          // Receivers may see a delivery twice (at-least-once): this id lets them drop repeats.
          "x-turno-delivery": String(job.id),
          "x-turno-signature-256": signBody(body, job.signingSecret),
        },
        body,
        timeoutMs: 10_000,
      });
      if (response.status < 200 || response.status > 299) throw new Error(`webhook answered ${response.status}`);
      return;
    }
  }
}

async function webhookBody(tx: Database, accountId: string, job: ActionJob) {
  const [conversation] = await queryRows<Record<string, unknown>>(
    tx,
    sql`select c.id, c.status, c.owner_id as "ownerId", c.unread, c.last_message_at as "lastMessageAt",
          ct.id as "contactId", ct.name as "contactName", ct.phone as "contactPhone"
        from conversations c join contacts ct on ct.account_id = c.account_id and ct.id = c.contact_id
        where c.account_id = ${accountId} and c.id = ${job.conversationId}`,
  );
  return {
    event: job.event,
    deliveryId: job.id,
    automation: { id: job.automationId, name: job.automationName },
    accountId,
    conversation: conversation ?? { id: job.conversationId },
    data: job.payload,
  };
}
