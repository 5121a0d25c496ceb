import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { InboxScreen } from "./inbox-screen";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("inbox"))("title") };
}

export default async function InboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return <InboxScreen searchParams={await searchParams} />;
}
