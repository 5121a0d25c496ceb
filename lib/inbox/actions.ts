import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { contacts, conversations } from "@/db/schema";
import { defineAction } from "@/lib/access/pipeline";
import { visibleConversations } from "@/lib/access/visibility";
import { fail } from "@/lib/errors";
import { countMatching } from "./selection";

/** "Todas": how many the filter matches now, and the snapshot the bulk action will hold it to. */
export const countSelection = defineAction({
  name: "countSelection",
  input: z.record(z.string().max(40), z.string().max(200)),
  permission: "changeConversations",
  run: (tx, actor, params) => countMatching(tx, actor, params),
});

/** The name to show in "Te asignaron la conversación con …": live events carry ids, the page asks for what it may see. */
export const conversationName = defineAction({
  name: "conversationName",
  input: z.uuid(),
  permission: "seeInbox",
  run: async (tx, actor, conversationId) => {
    const [row] = await tx
      .select({ name: contacts.name })
      .from(conversations)
      .innerJoin(contacts, and(eq(contacts.accountId, conversations.accountId), eq(contacts.id, conversations.contactId)))
      .where(and(visibleConversations(actor), eq(conversations.id, conversationId)));
    if (!row) fail("not_found");
    return { name: row.name };
  },
});
