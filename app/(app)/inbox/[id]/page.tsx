import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxScreen } from "../inbox-screen";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

export default async function ConversationPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  return <InboxScreen searchParams={query} conversationId={id} />;
}
