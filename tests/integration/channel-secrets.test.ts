import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { whatsappChannels } from "@/db/schema";
import { cachedChannels } from "@/lib/whatsapp/channel-secrets";
import { signBody } from "@/lib/whatsapp/signature";
import { handleWebhook } from "@/lib/whatsapp/webhook";
import { createAccount } from "@/tests/support/factories";
import { useTestDb } from "@/tests/support/setup";
import { createChannel, textMessage, webhookBody } from "@/tests/support/whatsapp";

const conn = useTestDb();

describe("the webhook's cache of channel secrets", () => {
  it("forgets a changed secret as the change commits: the old one is refused, the new one accepted", async () => {
    const account = await createAccount(conn.db);
    const channel = await createChannel(conn.db, account.id);
    const channels = cachedChannels(conn);
    const deliver = (secret: string) => {
      const body = webhookBody(channel.phoneNumberId, [textMessage(`57300${Math.floor(1e6 + Math.random() * 8e6)}`, "Hola")]);
      return handleWebhook(conn.db, Buffer.from(body), signBody(body, secret), channels);
    };
    expect((await deliver(channel.appSecret)).status).toBe(200);
    // Remembered: a second delivery needs no lookup, and is still checked against the secret.
    expect((await deliver("not-the-secret")).status).toBe(401);

    await conn.db.update(whatsappChannels).set({ appSecret: "rotated-secret-1234" }).where(eq(whatsappChannels.id, channel.id));
    await expect.poll(async () => (await deliver("rotated-secret-1234")).status).toBe(200);
    expect((await deliver(channel.appSecret)).status).toBe(401);

    // A number removed from the account is refused too.
    await conn.db.delete(whatsappChannels).where(eq(whatsappChannels.id, channel.id));
    await expect.poll(async () => (await deliver("rotated-secret-1234")).status).toBe(401);
  });
});
