import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { denial } from "@/lib/access/policy";
import { getActor } from "@/lib/auth/session";
import { badgeCount } from "@/lib/inbox/counts";
import { requestCounts } from "./counts";

/** "(3) Inbox · Turno": the tab counts the viewer's unread conversations, and a refetch updates it. */
export async function inboxMetadata(): Promise<Metadata> {
  const [t, actor] = await Promise.all([getTranslations(), getActor()]);
  if (!actor || denial(actor, "seeInbox")) return { title: t("inbox.title") };
  const { mineUnread } = await requestCounts(await getDb(), actor);
  return { title: mineUnread > 0 ? t("live.titleWithUnread", { count: badgeCount(mineUnread) }) : t("inbox.title") };
}
